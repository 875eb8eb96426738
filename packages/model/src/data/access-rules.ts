/** What the clusters reach in the data tier, as east-west firewall rules, and where the data private endpoints are: the network assembly (network/) reads both. */
import type { RegionName } from "../core/regions.ts";
import type { EastWestRuleModel, VnetModel } from "../core/resources.ts";
import type { EnvironmentConfig } from "../core/schema.ts";
import { COSMOS_MONGO_PORT } from "./cosmos.ts";
import { ELASTIC_PORTS } from "./elastic.ts";
import { POSTGRESQL_PGBOUNCER_PORT } from "./pgbouncer.ts";
import { POSTGRESQL_PORT } from "./postgresql.ts";
import { MANAGED_REDIS_OSS_SHARD_PORTS, MANAGED_REDIS_PORT } from "./redis.ts";

/**
 * East-west firewall rules: every cluster's node subnet may open the data services' ports on the data
 * private endpoint subnets (both regions; a cluster in the other region passes both firewalls). Only the
 * ports of services that exist in this mode are opened; blob storage (443) always exists.
 */
export function dataAccessRules(config: EnvironmentConfig, vnets: readonly VnetModel[]): EastWestRuleModel[] {
  const sources = vnets.flatMap((v) => v.subnets.filter((s) => s.kind === "aksNodes").map((s) => s.cidr));
  const destinations = dataPrivateEndpointSubnets(vnets).map((s) => s.cidr);
  if (sources.length === 0 || destinations.length === 0) return [];
  const rule = (name: string, ports: (string | number)[]): EastWestRuleModel => ({
    name,
    protocol: "TCP",
    sourceAddresses: sources,
    destinationAddresses: destinations,
    destinationPorts: ports.map(String),
  });
  if (config.data.mode !== "managed") return [rule("clusters-to-storage", ["443"])];
  return [
    rule("clusters-to-postgresql", [POSTGRESQL_PORT, POSTGRESQL_PGBOUNCER_PORT]),
    rule("clusters-to-cosmos-mongo", [COSMOS_MONGO_PORT]),
    rule("clusters-to-managed-redis", [
      MANAGED_REDIS_PORT,
      ...(config.data.redis.clusteringPolicy === "OSSCluster" ? [MANAGED_REDIS_OSS_SHARD_PORTS] : []),
    ]),
    rule("clusters-to-elastic-and-storage", ELASTIC_PORTS),
  ];
}

/** The dataPrivateEndpoints subnets, with their regions. */
export function dataPrivateEndpointSubnets(vnets: readonly VnetModel[]): { region: RegionName; cidr: string }[] {
  return vnets
    .filter((v) => v.kind === "data")
    .flatMap((v) => v.subnets.filter((s) => s.kind === "dataPrivateEndpoints").map((s) => ({ region: v.region, cidr: s.cidr })));
}
