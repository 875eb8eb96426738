/** The managed PostgreSQL server's built-in PgBouncer and the connection settings the services read (docs/adr/0060). */
import type { ClusterModel } from "../cluster/types.ts";
import type { DataConfig } from "../core/schema.ts";
import { type PostgresModel, pgbouncerParameters } from "./postgresql.ts";

/**
 * Connection pooling for the managed PostgreSQL (staging, prod): Flexible Server's built-in PgBouncer on port
 * 6432 of the server, configured by server parameters. PgBouncer on AKS cannot log in to a server that accepts
 * Microsoft Entra tokens only (docs/adr/0060); the built-in one accepts each service's own token.
 */
export interface PgBouncerModel {
  kind: "built-in";
  /** Where services connect: the writer virtual endpoint (follows a promotion), else the primary. */
  host: string;
  port: 6432;
  sslMode: "verify-full";
  poolMode: "transaction" | "session";
  defaultPoolSize: number;
  maxClientConnections: number;
  /** The server parameters that switch it on and size it, on the primary and on every replica (a promoted replica pools too). */
  serverParameters: Record<string, string>;
  /** Every service logs in as its own Microsoft Entra principal (its workload identity) with an access token as password. */
  auth: "entra-id-per-service";
  databases: string[];
  /**
   * The cluster side, rendered by the `postgresql-connection` add-on: a ConfigMap with the connection settings (libpq
   * variables, no credentials) in this namespace, mirrored into the services' namespaces by Reflector.
   */
  clientConfig: { name: string; namespace: string; clusters: string[] };
}

/** The built-in PgBouncer of Flexible Server listens here: the services' connection port (docs/adr/0060). */
export const POSTGRESQL_PGBOUNCER_PORT = 6432 as const;

/** The built-in PgBouncer: port 6432, Entra ID, General Purpose and Memory Optimized only. */
export const PGBOUNCER_DOCS = "https://learn.microsoft.com/azure/postgresql/connectivity/concepts-pgbouncer";

export function resolvePgBouncer(data: DataConfig, pg: PostgresModel, clusters: readonly ClusterModel[]): PgBouncerModel {
  const b = data.postgresql.pgbouncer;
  return {
    kind: "built-in",
    host: pg.virtualEndpoint?.writerHost ?? pg.primary.fqdn,
    port: POSTGRESQL_PGBOUNCER_PORT,
    sslMode: "verify-full",
    poolMode: b.poolMode,
    defaultPoolSize: b.defaultPoolSize,
    maxClientConnections: b.maxClientConnections,
    serverParameters: pgbouncerParameters(data),
    auth: "entra-id-per-service",
    databases: [...pg.databases],
    clientConfig: { name: "postgresql-pooler", namespace: "data", clusters: clusters.map((c) => c.name) },
  };
}
