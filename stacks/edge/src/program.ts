/**
 * Layer edge (Connectivity Production subscription): the inbound path of the design.
 *   - the edge spoke of each region (Spoke component: subnets, NSGs, route tables, hub peering);
 *   - an Application Gateway WAF_v2 per region with a cluster, before the firewall (ADR 0020, 0023);
 *   - API Management Standard v2 in its one region (ADR 0021);
 *   - Front Door Premium in front of both, over Private Link only (ADR 0022), and its custom domains'
 *     DNS records in the public zones of the Hub subscription.
 * Every name, address and ID comes from the model (model.edge, model.vnets, model.clusters, model.dns).
 */
import { layerSpoke, MetricAlerts, subscriptionProviders } from "@plugilo/components";
import { alertActionGroup, type EnvironmentModel, metricAlerts } from "@plugilo/model";
import type * as pulumi from "@pulumi/pulumi";
import { ApiManagement } from "./api-management.ts";
import { RegionalApplicationGateway } from "./application-gateway.ts";
import { CustomDomainRecords } from "./custom-domain-records.ts";
import { FrontDoor } from "./front-door.ts";

export function edge(model: EnvironmentModel) {
  const providerFor = subscriptionProviders(model);
  const connectivity = providerFor("connectivity");
  const inConnectivity = { providers: [connectivity] };
  const tags = { ...model.tags, layer: "edge" };
  const vnets = model.vnets.filter((v) => v.layer === "edge");
  const spokes = vnets.map((vnet) => layerSpoke(vnet, model, providerFor));
  const spokeIn = (region: string): pulumi.Resource => {
    const index = vnets.findIndex((v) => v.region === region);
    const spoke = spokes[index];
    if (!spoke) throw new Error(`no edge spoke in ${region}`);
    return spoke.virtualNetwork;
  };

  const gateways = model.edge.applicationGateways.map(
    (gateway) =>
      new RegionalApplicationGateway(
        `appgw-${gateway.region}`,
        { gateway, keyVault: model.edge.keyVault, tags, spokeVnet: spokeIn(gateway.region) },
        inConnectivity,
      ),
  );
  const apim = new ApiManagement(
    "api-management",
    {
      apiManagement: model.edge.apiManagement,
      keyVault: model.edge.keyVault,
      protect: model.protectStateful,
      tags,
      spokeVnet: spokeIn(model.edge.apiManagement.region),
      provider: connectivity,
    },
    inConnectivity,
  );
  const frontDoor = new FrontDoor(
    "front-door",
    {
      frontDoor: model.edge.frontDoor,
      protect: model.protectStateful,
      tags,
      originTargets: [...gateways.map((g) => g.gateway), apim.service],
    },
    inConnectivity,
  );
  // Unhealthy Application Gateway backends, Front Door origin health (packages/model/src/foundation/metric-alerts.ts).
  new MetricAlerts(
    "alerts",
    {
      alerts: metricAlerts(model).filter((a) => a.layer === "edge"),
      actionGroupId: alertActionGroup(model).id,
      tags,
      dependsOn: [...gateways.map((g) => g.gateway), frontDoor.profile],
    },
    inConnectivity,
  );
  new CustomDomainRecords(
    "custom-domain-records",
    {
      resourceGroup: model.dns.resourceGroup,
      domains: frontDoor.customDomains.map(({ domain, resource }) => ({
        domain,
        validationToken: resource.validationProperties.apply((v) => v.validationToken),
      })),
      endpointHostName: frontDoor.endpoint.hostName,
    },
    // The public zones are the hub layer's, in the Hub subscription.
    { providers: [providerFor("hub")] },
  );

  return {
    edgeVnets: vnets.map((v, i) => ({ name: v.name, cidr: v.cidr, id: spokes[i]?.virtualNetwork.id })),
    clusterIngressIps: Object.fromEntries(model.clusters.map((c) => [c.name, c.ingressIp])),
    frontDoorEndpoint: frontDoor.endpoint.hostName,
    customDomains: model.edge.frontDoor.customDomains.map((d) => d.host),
    applicationGateways: Object.fromEntries(
      model.edge.applicationGateways.map((g) => [
        g.region,
        { privateFrontendIp: g.privateFrontendIp, backend: g.backendAddresses.map((b) => b.ipAddress) },
      ]),
    ),
    apiManagementGateway: apim.service.gatewayUrl,
    // Front Door asks each of these for a private endpoint connection: approve it once (README, "First deployment").
    privateLinkApprovals: model.edge.frontDoor.originGroups.flatMap((g) => g.origins.map((o) => o.privateLink.resourceId)),
  };
}
