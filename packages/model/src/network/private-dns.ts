/** The private DNS zones of the hub: one per Private Link service a layer's private endpoints use, linked to the hubs. */
import { AKS_PRIVATE_DNS_SOURCE, aksPrivateDnsZoneName } from "../core/aks-private-dns.ts";
import { type PartsOf, resourceId, resourceName } from "../core/naming.ts";
import { REGIONAL_PRIVATE_DNS_ZONES } from "../core/private-dns-resolution.ts";
import type { RegionName } from "../core/regions.ts";
import type { DnsModel, PrivateDnsZoneModel } from "../core/resources.ts";
import type { EnvironmentConfig } from "../core/schema.ts";
import { elasticPrivateLinkDomain } from "../data/elastic.ts";
import type { HubModel } from "../hub/types.ts";

const PRIVATE_LINK_DNS = "https://learn.microsoft.com/azure/private-link/private-endpoint-dns";

/**
 * Private DNS zones of every Private Link service the estate uses. AKS private API servers have one zone per
 * region. Azure Monitor Private Link needs four zones plus blob (already listed).
 */
export function privateDnsZones(regions: readonly RegionName[]): Omit<PrivateDnsZoneModel, "id">[] {
  const zone = (name: string, service: string, source = PRIVATE_LINK_DNS) => ({ name, service, source });
  return [
    zone("privatelink.vaultcore.azure.net", "Key Vault"),
    zone("privatelink.blob.core.windows.net", "Storage (blob), Azure Monitor"),
    zone("privatelink.azurecr.io", "Container Registry"),
    zone("privatelink.postgres.database.azure.com", "PostgreSQL Flexible Server"),
    zone("privatelink.mongo.cosmos.azure.com", "Cosmos DB for MongoDB"),
    zone("privatelink.redis.azure.net", "Azure Managed Redis"),
    zone("privatelink.azure-api.net", "API Management"),
    ...regions.map((r) =>
      zone(aksPrivateDnsZoneName(r), `AKS private API server with API Server VNet Integration (${r})`, AKS_PRIVATE_DNS_SOURCE),
    ),
    zone("privatelink.monitor.azure.com", "Azure Monitor"),
    zone("privatelink.oms.opinsights.azure.com", "Azure Monitor (Log Analytics)"),
    zone("privatelink.ods.opinsights.azure.com", "Azure Monitor (Log Analytics ingestion)"),
    zone("privatelink.agentsvc.azure-automation.net", "Azure Monitor (agent service)"),
    // Elastic Cloud's own Private Link zone (the data layer writes its * record): the primary region's.
    ...regions
      .slice(0, 1)
      .map((r) =>
        zone(
          elasticPrivateLinkDomain(r),
          `Elastic Cloud Private Link (${r})`,
          "https://www.elastic.co/docs/deploy-manage/security/private-connectivity-azure",
        ),
      ),
  ];
}

export function resolveDns(config: EnvironmentConfig, hubs: readonly HubModel[], parts: PartsOf): DnsModel {
  const primary = hubs.find((h) => h.region === config.regions.primary) as HubModel;
  const id = (type: string, name: string) => resourceId(primary.subscriptionId, primary.resourceGroup, type, name);
  return {
    resourceGroup: primary.resourceGroup,
    subscriptionId: primary.subscriptionId,
    location: primary.region,
    privateZones: privateDnsZones([config.regions.primary, config.regions.secondary]).flatMap((z) =>
      REGIONAL_PRIVATE_DNS_ZONES.has(z.name)
        ? hubs.map((h) => ({
            ...z,
            id: resourceId(h.subscriptionId, h.resourceGroup, "Microsoft.Network/privateDnsZones", z.name),
            region: h.region,
            resourceGroup: h.resourceGroup,
          }))
        : [{ ...z, id: id("Microsoft.Network/privateDnsZones", z.name) }],
    ),
    links: hubs.map((h) => ({ vnetKey: h.vnetKey, name: resourceName("privateDnsZoneLink", parts("hub", h.region)) })),
    publicZones: config.hub.publicDnsZones.map((name) => ({ name, id: id("Microsoft.Network/dnsZones", name) })),
  };
}
