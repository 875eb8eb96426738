/** Azure Managed Redis: one cache per region, active geo-replication between them. */
import { type PartsOf, resourceId, resourceName } from "../core/naming.ts";
import { type RegionName, supports } from "../core/regions.ts";
import type { ResourceGroupModel } from "../core/resources.ts";
import type { EnvironmentConfig } from "../core/schema.ts";
import { type DataPrivateEndpointModel, PRIVATE_DNS_ZONES, type PrivateEndpointOf } from "./private-endpoint.ts";

export interface RedisCacheModel {
  name: string;
  id: string;
  databaseId: string;
  region: RegionName;
  /** Zone redundancy comes with high availability in a region with zones; Azure rejects explicit zones. */
  zoneRedundant: boolean;
  hostName: string;
  privateEndpoint: DataPrivateEndpointModel;
}

export interface RedisModel {
  sku: string;
  highAvailability: boolean;
  clusteringPolicy: "OSSCluster" | "EnterpriseCluster" | "NoCluster";
  evictionPolicy: string;
  /** Client protocol: TLS only (Azure Managed Redis serves one protocol per cache). */
  clientProtocol: "Encrypted";
  minimumTlsVersion: "1.2";
  port: 10000;
  resourceGroup: string;
  subscriptionId: string;
  /** active-geo-replication: a cache per region in one replication group; persistence: one cache, AOF or RDB. */
  mode: "active-geo-replication" | "persistence" | "none";
  geoReplicationGroup?: string;
  persistence?: { aofEnabled: boolean; aofFrequency?: string; rdbEnabled: boolean; rdbFrequency?: string };
  caches: RedisCacheModel[];
}

/** Azure Managed Redis databases listen on 10000. https://learn.microsoft.com/azure/redis/architecture */
export const MANAGED_REDIS_PORT = 10000;

/**
 * With the OSS clustering policy a client connects on 10000, then to each shard on a port of the 85xx range
 * (the ports change over time): wherever 10000 is open, 8500-8599 is too. https://learn.microsoft.com/azure/redis/architecture#cluster-policies
 */
export const MANAGED_REDIS_OSS_SHARD_PORTS = "8500-8599";

/** Balanced B0 and B1 do not support active geo-replication. https://learn.microsoft.com/azure/redis/how-to-active-geo-replication */
export const REDIS_SKUS_WITHOUT_GEO_REPLICATION = new Set(["Balanced_B0", "Balanced_B1"]);

export function resolveRedis(
  config: EnvironmentConfig,
  rgIn: (r: RegionName) => ResourceGroupModel,
  parts: PartsOf,
  pe: PrivateEndpointOf,
): RedisModel {
  const r = config.data.redis;
  const persistence = r.persistence && (r.persistence.aof || r.persistence.rdb) ? r.persistence : undefined;
  const regions: RegionName[] = r.geoReplication ? [config.regions.primary, config.regions.secondary] : [config.regions.primary];
  const primaryRg = rgIn(config.regions.primary);
  const caches = regions.map((region): RedisCacheModel => {
    const rg = rgIn(region);
    const name = resourceName("managedRedis", parts("data", region));
    const id = resourceId(rg.subscriptionId, rg.name, "Microsoft.Cache/redisEnterprise", name);
    return {
      name,
      id,
      databaseId: `${id}/databases/default`,
      region,
      zoneRedundant: r.highAvailability && supports("managedRedis", "zoneRedundancy", region),
      hostName: `${name}.${region}.redis.azure.net`,
      privateEndpoint: pe(region, "amr", PRIVATE_DNS_ZONES.redis, "redisEnterprise"),
    };
  });
  return {
    sku: r.sku,
    highAvailability: r.highAvailability,
    clusteringPolicy: r.clusteringPolicy,
    evictionPolicy: r.evictionPolicy,
    clientProtocol: "Encrypted",
    minimumTlsVersion: "1.2",
    port: MANAGED_REDIS_PORT,
    resourceGroup: primaryRg.name,
    subscriptionId: primaryRg.subscriptionId,
    mode: r.geoReplication ? "active-geo-replication" : persistence ? "persistence" : "none",
    ...(r.geoReplication ? { geoReplicationGroup: resourceName("managedRedis", parts("data", undefined, "geo")) } : {}),
    ...(persistence
      ? {
          persistence: {
            aofEnabled: persistence.aof,
            ...(persistence.aof ? { aofFrequency: persistence.aofFrequency } : {}),
            rdbEnabled: persistence.rdb,
            ...(persistence.rdb ? { rdbFrequency: persistence.rdbFrequency } : {}),
          },
        }
      : {}),
    caches,
  };
}
