/** Azure Database for PostgreSQL flexible server: the primary, its read replicas and the virtual endpoint. */
import { type PartsOf, resourceId, resourceName } from "../core/naming.ts";
import { REGIONS, type RegionName, supports } from "../core/regions.ts";
import type { ResourceGroupModel } from "../core/resources.ts";
import type { DataConfig, EnvironmentConfig } from "../core/schema.ts";
import { type DataPrivateEndpointModel, PRIVATE_DNS_ZONES, type PrivateEndpointOf } from "./private-endpoint.ts";

export interface PostgresServerModel {
  role: "primary" | "replica";
  name: string;
  id: string;
  region: RegionName;
  /** Availability zone of the server; absent where the region has none. */
  availabilityZone?: string;
  fqdn: string;
  privateEndpoint: DataPrivateEndpointModel;
}

export interface PostgresModel {
  version: string;
  sku: { name: string; tier: "Burstable" | "GeneralPurpose" | "MemoryOptimized" };
  storageGb: number;
  resourceGroup: string;
  subscriptionId: string;
  /** In-region HA of the primary: automatic failover to a standby (replicas cannot have HA). */
  highAvailability: { mode: "ZoneRedundant" | "SameZone" | "Disabled"; standbyAvailabilityZone?: string };
  /** The HA mode to switch on after promoting the secondary region's replica (germanynorth: SameZone at most). */
  failoverHighAvailabilityMode: "SameZone" | "Disabled";
  backup: { retentionDays: number; geoRedundant: boolean };
  auth: { entraId: true; password: boolean; tenantId: string };
  administrators: { principalName: string; objectId: string; principalType: "Group" | "User" | "ServicePrincipal" }[];
  primary: PostgresServerModel;
  replicas: PostgresServerModel[];
  /**
   * The virtual endpoints of the replication set: the writer always names the current primary, the reader
   * the replica promotion targets. Azure allows one pair, with one replica as member.
   */
  virtualEndpoint?: { name: string; members: string[]; writerHost: string; readerHost: string };
  parameters: Record<string, string>;
  /** Parameters every replica gets too: what a replica needs to serve as primary after a promotion (the built-in PgBouncer). */
  replicaParameters: Record<string, string>;
  databases: string[];
}

export const POSTGRESQL_PORT = 5432;

export function resolvePostgres(
  config: EnvironmentConfig,
  rgIn: (r: RegionName) => ResourceGroupModel,
  parts: PartsOf,
  pe: PrivateEndpointOf,
): PostgresModel {
  const pg = config.data.postgresql;
  const primary = config.regions.primary;
  const secondary = config.regions.secondary;
  const zonesOf = (r: RegionName) => REGIONS[r].availabilityZones;
  const server = (
    role: "primary" | "replica",
    region: RegionName,
    suffix: string | undefined,
    zone: string | undefined,
    peSuffix: string,
  ) => {
    const rg = rgIn(region);
    const name = resourceName("postgresql", parts("data", region, suffix));
    return {
      role,
      name,
      id: resourceId(rg.subscriptionId, rg.name, "Microsoft.DBforPostgreSQL/flexibleServers", name),
      region,
      ...(zone ? { availabilityZone: zone } : {}),
      fqdn: `${name}.postgres.database.azure.com`,
      privateEndpoint: pe(region, peSuffix, PRIVATE_DNS_ZONES.postgresql, "postgresqlServer"),
    } satisfies PostgresServerModel;
  };
  const primaryZones = zonesOf(primary);
  const primaryZone = primaryZones[0];
  // Zone-redundant: the standby in another zone; same-zone: beside the primary.
  const standby = pg.haMode === "ZoneRedundant" ? primaryZones[1] : pg.haMode === "SameZone" ? primaryZone : undefined;
  const replicas: PostgresServerModel[] = [];
  // The same-region replica sits in a third zone where there is one: it survives the loss of primary and standby zones.
  if (pg.readReplicas.sameRegion) replicas.push(server("replica", primary, "r1", primaryZones[2] ?? primaryZone, "psql-r1"));
  if (pg.readReplicas.secondaryRegion) replicas.push(server("replica", secondary, undefined, zonesOf(secondary)[0], "psql"));
  const geoReplica = replicas.find((r) => r.region === secondary);
  const rg = rgIn(primary);
  const veName = resourceName("postgresql", parts("data", undefined, "ve"));
  return {
    version: pg.version,
    sku: { ...pg.sku },
    storageGb: pg.storageGb,
    resourceGroup: rg.name,
    subscriptionId: rg.subscriptionId,
    highAvailability: { mode: pg.haMode, ...(standby ? { standbyAvailabilityZone: standby } : {}) },
    failoverHighAvailabilityMode:
      pg.haMode === "Disabled" || !supports("postgresqlFlexible", "SameZone", secondary) ? "Disabled" : "SameZone",
    backup: { retentionDays: pg.backupRetentionDays, geoRedundant: pg.geoRedundantBackup },
    auth: { entraId: true, password: pg.passwordAuth, tenantId: config.tenantId },
    administrators: pg.administrators.map((a) => ({ ...a })),
    primary: server("primary", primary, undefined, primaryZone, "psql"),
    replicas,
    // Promotion target for regional DR: the secondary region's replica (or the in-region one if that is all there is).
    ...(replicas.length > 0
      ? {
          virtualEndpoint: {
            name: veName,
            members: [(geoReplica ?? (replicas[0] as PostgresServerModel)).name],
            writerHost: `${veName}.writer.postgres.database.azure.com`,
            readerHost: `${veName}.reader.postgres.database.azure.com`,
          },
        }
      : {}),
    parameters: {
      max_connections: String(pg.maxConnections),
      // Query statistics for every service's database: Flexible Server preloads pg_stat_statements; the
      // extension must still be allow-listed. https://learn.microsoft.com/azure/postgresql/extensions/concepts-extensions
      "azure.extensions": "PG_STAT_STATEMENTS,PGCRYPTO,UUID-OSSP",
      "pg_stat_statements.track": "all",
      // Connections from the clusters are pooled by the built-in PgBouncer; idle sessions are closed, not kept.
      idle_in_transaction_session_timeout: "60000",
      log_min_duration_statement: "1000",
      // Also enforces TLS on the built-in PgBouncer (its own client_tls_sslmode is deprecated).
      require_secure_transport: "on",
      ...pgbouncerParameters(config.data),
    },
    replicaParameters: pgbouncerParameters(config.data),
    databases: [...pg.databases],
  };
}

/**
 * The built-in PgBouncer's server parameters. Names and defaults:
 * https://learn.microsoft.com/azure/postgresql/connectivity/concepts-pgbouncer
 */
export function pgbouncerParameters(data: DataConfig): Record<string, string> {
  const b = data.postgresql.pgbouncer;
  return {
    "pgbouncer.enabled": "true",
    "pgbouncer.pool_mode": b.poolMode,
    "pgbouncer.default_pool_size": String(b.defaultPoolSize),
    "pgbouncer.max_client_conn": String(b.maxClientConnections),
    // JDBC drivers send extra_float_digits in the startup packet.
    "pgbouncer.ignore_startup_parameters": "extra_float_digits",
  };
}
