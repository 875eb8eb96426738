/**
 * The private DNS zone a private AKS cluster's API server is registered in depends on how the API server is
 * private (Microsoft Learn, "Create a private AKS cluster", configure a private DNS zone):
 *   API Server VNet Integration (these clusters)   private.<region>.azmk8s.io or <subzone>.private.<region>.azmk8s.io
 *   Private Link based private cluster              privatelink.<region>.azmk8s.io or <subzone>.privatelink.<region>.azmk8s.io
 * Azure rejects a bring-your-own zone whose name does not fit the mode.
 */
import type { RegionName } from "./regions.ts";

export const AKS_PRIVATE_DNS_SOURCE = "https://learn.microsoft.com/azure/aks/private-clusters#configure-a-private-dns-zone";

/** The zone name these clusters use: VNet-integrated API servers. */
export function aksPrivateDnsZoneName(region: RegionName): string {
  return `private.${region}.azmk8s.io`;
}

/** Whether a zone name is one AKS accepts for a private cluster in a region, by the API server's mode. */
export function isAksPrivateDnsZoneName(zoneName: string, region: string, vnetIntegration: boolean): boolean {
  const label = vnetIntegration ? "private" : "privatelink";
  const escaped = region.replace(/[^a-z0-9]/g, "");
  return new RegExp(`^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)?${label}\\.${escaped}\\.azmk8s\\.io$`).test(zoneName.toLowerCase());
}
