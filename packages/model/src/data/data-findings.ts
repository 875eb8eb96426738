/** Rules between data fields and regions; every error names the field. */
import type { ConfigFinding } from "../core/findings.ts";
import type { EnvironmentConfig } from "../core/schema.ts";
import { PGBOUNCER_DOCS } from "./pgbouncer.ts";
import { REDIS_SKUS_WITHOUT_GEO_REPLICATION } from "./redis.ts";

/** Rules between data fields and regions; every error names the field. */
export function dataFindings(config: EnvironmentConfig, file: string): ConfigFinding[] {
  const findings: ConfigFinding[] = [];
  const error = (path: string, message: string, source?: string) =>
    findings.push({ severity: "error", file, path, message, ...(source ? { source } : {}) });
  const data = config.data;
  const redis = data.redis;
  const persistence = redis.persistence;
  const REDIS_GEO = "https://learn.microsoft.com/azure/redis/how-to-active-geo-replication";

  // Persistence: one of AOF or RDB. https://learn.microsoft.com/azure/redis/how-to-persistence
  if (persistence?.aof && persistence.rdb) {
    error(
      "data.redis.persistence.rdb",
      "AOF and RDB persistence cannot both be on: choose one",
      "https://learn.microsoft.com/azure/redis/how-to-persistence",
    );
  }
  // Index lifecycle policies are applied in every mode (Elastic Cloud, or ECK in the clusters).
  data.elastic.ilmPolicies.forEach((p, i) => {
    const first = data.elastic.ilmPolicies.findIndex((q) => q.name === p.name);
    if (first < i) {
      error(
        `data.elastic.ilmPolicies[${i}].name`,
        `duplicate policy name "${p.name}" (also data.elastic.ilmPolicies[${first}].name): PUT _ilm/policy/<name> would overwrite it`,
      );
    }
    if (ageSeconds(p.deleteAfter) <= ageSeconds(p.warmAfter)) {
      error(`data.elastic.ilmPolicies[${i}].deleteAfter`, `${p.deleteAfter} must be later than warmAfter (${p.warmAfter})`);
    }
  });
  if (data.mode !== "managed") return findings;

  if (redis.geoReplication) {
    if (persistence && (persistence.aof || persistence.rdb)) {
      error(
        "data.redis.persistence",
        "cannot be combined with data.redis.geoReplication: Azure Managed Redis active geo-replication does not support data persistence; choose one per environment",
        REDIS_GEO,
      );
    }
    if (!redis.highAvailability) {
      error(
        "data.redis.highAvailability",
        "must be true when data.redis.geoReplication is true: active geo-replication needs high availability",
        REDIS_GEO,
      );
    }
    if (REDIS_SKUS_WITHOUT_GEO_REPLICATION.has(redis.sku)) {
      error("data.redis.sku", `${redis.sku} does not support active geo-replication: use Balanced_B3 or larger`, REDIS_GEO);
    }
  }

  const pg = data.postgresql;
  // The HA mode per region is checked with the catalogue in validate.ts (data.postgresql.haMode); here the
  // tiers that have HA and replicas at all.
  if (
    pg.sku.tier === "Burstable" &&
    (pg.haMode !== "Disabled" || pg.readReplicas.sameRegion || pg.readReplicas.secondaryRegion)
  ) {
    error(
      "data.postgresql.sku.tier",
      "Burstable has neither high availability nor read replicas: use GeneralPurpose or MemoryOptimized, or set haMode Disabled and turn the replicas off",
      "https://learn.microsoft.com/azure/postgresql/read-replica/concepts-read-replicas",
    );
  } else if (pg.sku.tier === "Burstable") {
    // Services connect through the built-in PgBouncer (docs/adr/0060), which Burstable does not offer.
    error(
      "data.postgresql.sku.tier",
      "Burstable has no built-in PgBouncer, the services' connection pooler (port 6432): use GeneralPurpose or MemoryOptimized",
      PGBOUNCER_DOCS,
    );
  }
  if (!pg.passwordAuth && pg.administrators.length === 0) {
    error(
      "data.postgresql.administrators",
      "is required when data.postgresql.passwordAuth is false: name at least one Microsoft Entra administrator (a group)",
      "https://learn.microsoft.com/azure/postgresql/security/security-entra-concepts",
    );
  }

  return findings;
}

function ageSeconds(age: string): number {
  const n = Number.parseInt(age, 10);
  const unit = age.slice(-1);
  return n * (unit === "d" ? 86_400 : unit === "h" ? 3600 : 60);
}
