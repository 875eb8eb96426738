/**
 * A private AKS cluster with a bring-your-own private DNS zone: the zone's name must fit the API server's mode.
 * With API Server VNet Integration it is `private.<region>.azmk8s.io` (or `<subzone>.private.<region>.azmk8s.io`);
 * `privatelink.<region>.azmk8s.io` is for Private Link based private clusters only. Azure rejects the cluster
 * otherwise. "system" and "none" are AKS's own modes and pass.
 * Source: https://learn.microsoft.com/azure/aks/private-clusters#configure-a-private-dns-zone
 */
import { isAksPrivateDnsZoneName } from "@plugilo/model";
import type { PolicyRule } from "../types.ts";

export const aksPrivateDnsZone: PolicyRule = {
  name: "aks-private-dns-zone",
  description:
    "A private AKS cluster's own private DNS zone is private.<region>.azmk8s.io with API Server VNet Integration, privatelink.<region>.azmk8s.io with Private Link.",
  severity: "error",
  check(resource) {
    if (resource.type !== "azure-native:containerservice:ManagedCluster") return [];
    const { location, apiServerAccessProfile: api } = resource.inputs as {
      location?: string;
      apiServerAccessProfile?: { enablePrivateCluster?: boolean; enableVnetIntegration?: boolean; privateDNSZone?: string };
    };
    const zone = api?.privateDNSZone;
    if (!api?.enablePrivateCluster || typeof zone !== "string" || !zone.includes("/")) return [];
    const zoneName = zone.split("/").pop() ?? "";
    const region = (location ?? "").toLowerCase().replace(/\s/g, "");
    const vnet = api.enableVnetIntegration === true;
    if (isAksPrivateDnsZoneName(zoneName, region, vnet)) return [];
    const expected = vnet ? `private.${region}.azmk8s.io` : `privatelink.${region}.azmk8s.io`;
    return [
      `apiServerAccessProfile.privateDNSZone ${zoneName} does not fit a private cluster ${vnet ? "with API Server VNet Integration" : "with Private Link"} in ${region}: name it ${expected} (or <subzone>.${expected}); see https://learn.microsoft.com/azure/aks/private-clusters#configure-a-private-dns-zone`,
    ];
  },
};
