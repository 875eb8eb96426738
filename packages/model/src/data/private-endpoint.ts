/** A private endpoint of a data service, in the data spoke of its region, and the private DNS zone each service registers in. */
import type { RegionName } from "../core/regions.ts";

/** A private endpoint of a data service, in the data spoke of its region, with its DNS registration. */
export interface DataPrivateEndpointModel {
  name: string;
  id: string;
  region: RegionName;
  resourceGroup: string;
  subscriptionId: string;
  /** The dataPrivateEndpoints subnet of the region's data spoke. */
  subnetId: string;
  subnetCidr: string;
  /** Name of the network interface Azure creates (fixed, so a stack can read its address back). */
  networkInterfaceName: string;
  /** Private Link sub-resource (group ID): postgresqlServer, MongoDB, redisEnterprise, blob; absent for a Private Link service alias. */
  groupId?: string;
  /** The hub's private DNS zone that resolves the service's name to this endpoint. */
  privateDnsZone: { name: string; id: string };
  /**
   * zoneGroup: a DNS zone group writes the records (Azure services). wildcardRecord: the stack writes a `*`
   * A record with the endpoint's address (a third-party Private Link service such as Elastic Cloud).
   */
  dnsRegistration: "zoneGroup" | "wildcardRecord";
}

export const PRIVATE_DNS_ZONES = {
  postgresql: "privatelink.postgres.database.azure.com",
  mongo: "privatelink.mongo.cosmos.azure.com",
  redis: "privatelink.redis.azure.net",
  blob: "privatelink.blob.core.windows.net",
} as const;

export type PrivateEndpointOf = (
  region: RegionName,
  purpose: string,
  zoneName: string,
  groupId: string | undefined,
  dnsRegistration?: DataPrivateEndpointModel["dnsRegistration"],
) => DataPrivateEndpointModel;
