/**
 * Private endpoints and their DNS, across the plan:
 * - private-endpoint-shared-zone: two private endpoints of the same resource and sub-resource whose DNS zone
 *   groups write into the same private DNS zone overwrite each other's A records (the zone holds one record
 *   per name): one region then resolves the service to the other region's endpoint. Each needs its own
 *   zone (a regional copy linked to its own hub).
 * - shared-services-per-region: every region that runs an AKS cluster has its own private endpoints of the
 *   environment's Key Vault and container registry, so its image pulls, External Secrets and KMS do not
 *   depend on another region.
 * Sources: https://learn.microsoft.com/azure/architecture/networking/guide/private-link-hub-spoke-network
 *          https://learn.microsoft.com/azure/private-link/private-endpoint-dns-integration
 */
import type { PlannedResource, PlanRule, PlanRuleViolation } from "../types.ts";

interface EndpointInputs {
  privateEndpointName?: string;
  resourceGroupName?: string;
  location?: string;
  privateLinkServiceConnections?: { privateLinkServiceId?: string; groupIds?: string[] }[];
}

const endpointKey = (rg: unknown, name: unknown) => `${String(rg).toLowerCase()}/${String(name).toLowerCase()}`;
const endpoints = (resources: readonly PlannedResource[]) =>
  resources.filter((r) => r.type === "azure-native:network:PrivateEndpoint");

export const privateEndpointSharedZone: PlanRule = {
  name: "private-endpoint-shared-zone",
  description:
    "Two private endpoints of one resource never register in the same private DNS zone (their records would overwrite each other).",
  severity: "error",
  checkPlan(resources) {
    const byKey = new Map(
      endpoints(resources).map((pe) => {
        const i = pe.inputs as EndpointInputs;
        return [endpointKey(i.resourceGroupName, i.privateEndpointName), pe] as const;
      }),
    );
    // target (resource ID + group) + zone ID -> the endpoints registering there
    const seen = new Map<string, PlannedResource[]>();
    for (const group of resources) {
      if (group.type !== "azure-native:network:PrivateDnsZoneGroup") continue;
      const pe = byKey.get(endpointKey(group.inputs.resourceGroupName, group.inputs.privateEndpointName));
      if (!pe) continue;
      const connections = (pe.inputs as EndpointInputs).privateLinkServiceConnections ?? [];
      const zones = ((group.inputs.privateDnsZoneConfigs ?? []) as { privateDnsZoneId?: string }[]).map((z) =>
        String(z.privateDnsZoneId).toLowerCase(),
      );
      for (const c of connections) {
        const target = `${String(c.privateLinkServiceId).toLowerCase()}#${(c.groupIds ?? []).join(",")}`;
        for (const zone of zones) {
          const key = `${target}@${zone}`;
          seen.set(key, [...(seen.get(key) ?? []), pe]);
        }
      }
    }
    const out: PlanRuleViolation[] = [];
    for (const [key, pes] of seen) {
      if (pes.length < 2) continue;
      const [target, zone] = key.split("@");
      const [first, ...rest] = pes;
      for (const pe of rest) {
        out.push({
          urn: pe.urn,
          message: `registers ${target?.split("#")[0]?.split("/").pop()} in private DNS zone ${zone?.split("/").pop()} (${zone?.split("/")[4]}) like ${first?.name}: the second endpoint's A records overwrite the first's; give each region its own zone linked to its own hub (https://learn.microsoft.com/azure/architecture/networking/guide/private-link-hub-spoke-network)`,
        });
      }
    }
    return out;
  },
};

export const sharedServicesPerRegion: PlanRule = {
  name: "shared-services-per-region",
  description:
    "Every region with an AKS cluster has its own private endpoints of the environment's Key Vault and container registry.",
  severity: "error",
  checkPlan(resources, model) {
    const clusters = resources.filter((r) => r.type === "azure-native:containerservice:ManagedCluster");
    const regions = [...new Set(clusters.map((c) => String(c.inputs.location).toLowerCase()))];
    // A plan without the clusters' endpoints at all (one stack) cannot say.
    if (endpoints(resources).length === 0) return [];
    const out: PlanRuleViolation[] = [];
    const targets = [
      { what: "Key Vault (External Secrets, KMS, certificates)", id: model.keyVault.id },
      { what: "container registry (image pulls)", id: model.containerRegistry.id },
    ];
    for (const region of regions) {
      const cluster = clusters.find((c) => String(c.inputs.location).toLowerCase() === region);
      for (const t of targets) {
        const has = endpoints(resources).some(
          (pe) =>
            String(pe.inputs.location).toLowerCase() === region &&
            ((pe.inputs as EndpointInputs).privateLinkServiceConnections ?? []).some(
              (c) => String(c.privateLinkServiceId).toLowerCase() === t.id.toLowerCase(),
            ),
        );
        if (has || !cluster) continue;
        out.push({
          urn: cluster.urn,
          message: `${region} has no private endpoint of the ${t.what}: this cluster reaches it only through another region, so that region's outage stops it; add an endpoint in ${region} with its own DNS zone (https://learn.microsoft.com/azure/architecture/networking/guide/private-link-hub-spoke-network)`,
        });
      }
    }
    return out;
  },
};
