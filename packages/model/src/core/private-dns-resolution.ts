/**
 * Per-region private DNS resolution (docs/adr/0102). A resource with a private endpoint in each region (Key
 * Vault, the container registry, Cosmos DB) registers the same names from both endpoints; in one zone shared by
 * both hubs the second endpoint's records overwrite the first's, and one region resolves the service to the
 * other region's endpoint, so it depends on that region. Those zones therefore exist once per region, in the
 * region's hub resource group, linked to that hub only: each region resolves to its own endpoint. Every other
 * zone (one endpoint per resource name, or a region in the zone's name) stays one zone linked to both hubs.
 * Source: https://learn.microsoft.com/azure/architecture/networking/guide/private-link-hub-spoke-network
 *         https://learn.microsoft.com/azure/private-link/private-endpoint-dns-integration
 */
import type { RegionName } from "./regions.ts";
import type { DnsModel, PrivateDnsZoneModel } from "./resources.ts";

/** The zones of services that have a private endpoint of the same resource in every region. */
export const REGIONAL_PRIVATE_DNS_ZONES: ReadonlySet<string> = new Set([
  "privatelink.vaultcore.azure.net",
  "privatelink.azurecr.io",
  "privatelink.mongo.cosmos.azure.com",
]);

/** The zone a private endpoint in `region` registers in: the region's own copy, else the shared zone. */
export function privateDnsZoneFor(dns: Pick<DnsModel, "privateZones">, name: string, region: RegionName): PrivateDnsZoneModel {
  const zone =
    dns.privateZones.find((z) => z.name === name && z.region === region) ??
    dns.privateZones.find((z) => z.name === name && z.region === undefined);
  if (!zone) throw new Error(`the hub has no private DNS zone ${name} for ${region} (packages/model/src/network/private-dns.ts)`);
  return zone;
}
