/** The data part of the environment schema: PostgreSQL, Cosmos DB, Redis, Elastic, storage. */
import { z } from "zod";
import { guid, slug } from "../core/schema-fields.ts";

/**
 * The data tier: managed services in staging and production, operators in the clusters for dev.
 * Sizes and choices only: names, IDs, placement and the rules between fields are resolved in data.ts.
 */
export const POSTGRESQL_HA_MODES = ["ZoneRedundant", "SameZone", "Disabled"] as const;

export const REDIS_CLUSTERING_POLICIES = ["OSSCluster", "EnterpriseCluster", "NoCluster"] as const;

export const SHARD_KEYS = ["user_id", "tenant_id"] as const;

/** An Elasticsearch ILM age such as 1d, 12h, 30d. */
const ilmAge = z.string().regex(/^\d+(d|h|m)$/, "must be an age such as 30d, 12h or 90m");

const postgresqlSchema = z.strictObject({
  // Validated per region: germanynorth has no zones (docs/adr/0005).
  haMode: z
    .enum(POSTGRESQL_HA_MODES)
    .default("ZoneRedundant")
    .meta({ description: "High availability. With `data.mode: managed`, checked against what the primary region offers." }),
  // The default API of azure-native 3.28 (2025-08-01) accepts 16 to 18.
  version: z.enum(["16", "17", "18"]).default("17").meta({ description: "PostgreSQL major version." }),
  sku: z
    .strictObject({
      name: z.string().regex(/^Standard_[A-Za-z0-9_]+$/, "must be a compute size such as Standard_D4ds_v5"),
      tier: z.enum(["Burstable", "GeneralPurpose", "MemoryOptimized"]),
    })
    .default({ name: "Standard_D4ds_v5", tier: "GeneralPurpose" })
    .meta({
      description: "Compute size and tier; HA, replicas and the built-in PgBouncer need GeneralPurpose or MemoryOptimized.",
    }),
  storageGb: z.int().min(32).max(32_768).default(128),
  backupRetentionDays: z.int().min(7).max(35).default(35),
  geoRedundantBackup: z.boolean().default(true),
  passwordAuth: z
    .boolean()
    .default(false)
    .meta({ description: "Password authentication. Off by default: Microsoft Entra ID only (docs/adr/0044)." }),
  administrators: z
    .array(
      z.strictObject({
        principalName: z.string().min(1),
        objectId: guid,
        principalType: z.enum(["Group", "User", "ServicePrincipal"]).default("Group"),
      }),
    )
    .default([])
    .meta({
      description: "Microsoft Entra administrators (a group, preferably). Required when password authentication is off.",
    }),
  readReplicas: z
    .strictObject({ sameRegion: z.boolean().default(true), secondaryRegion: z.boolean().default(true) })
    .prefault({})
    .meta({
      description:
        "Read replicas: one beside the primary, one in the secondary region (promoted to primary for DR). docs/adr/0042",
    }),
  maxConnections: z
    .int()
    .min(25)
    .max(5000)
    .default(500)
    .meta({ description: "Server parameter max_connections; the built-in PgBouncer keeps the real count low." }),
  databases: z.array(slug(63)).default([]).meta({ description: "One database per service." }),
  pgbouncer: z
    .strictObject({
      poolMode: z.enum(["transaction", "session"]).default("transaction"),
      defaultPoolSize: z.int().min(1).max(1000).default(25),
      maxClientConnections: z.int().min(100).max(100_000).default(5000),
    })
    .prefault({})
    .meta({
      description:
        "The server's built-in PgBouncer (port 6432, where services connect), the services' connection pooler. docs/adr/0060",
    }),
});

const cosmosSchema = z.strictObject({
  serverVersion: z.enum(["6.0", "7.0"]).default("7.0"),
  backupTier: z
    .enum(["Continuous7Days", "Continuous30Days"])
    .default("Continuous30Days")
    .meta({ description: "Continuous backup (point-in-time restore) window." }),
  databases: z
    .array(
      z.strictObject({
        name: slug(63),
        collections: z
          .array(
            z.strictObject({
              name: z
                .string()
                .regex(/^[a-z][a-z0-9_-]*$/, "must be lowercase letters, digits, _ and -")
                .max(120),
              shardKey: z
                .enum(SHARD_KEYS, {
                  error: 'must be "user_id" or "tenant_id" (the design partitions by user or tenant)',
                })
                .meta({ description: "The design partitions by user or tenant." }),
              maxThroughput: z
                .int()
                .min(1000)
                .max(1_000_000)
                .multipleOf(1000, "must be a multiple of 1000")
                .default(1000)
                .meta({ description: "Autoscale maximum RU/s: at least 1,000, in steps of 1,000." }),
            }),
          )
          .min(1),
      }),
    )
    .default([]),
});

const redisSchema = z.strictObject({
  sku: z
    .string()
    .regex(
      /^(Balanced_B|MemoryOptimized_M|ComputeOptimized_X|FlashOptimized_A)\d+$/,
      "must be an Azure Managed Redis SKU such as Balanced_B5 or MemoryOptimized_M10",
    )
    .default("Balanced_B5")
    .meta({ description: "Azure Managed Redis SKU." }),
  highAvailability: z.boolean().default(true),
  clusteringPolicy: z.enum(REDIS_CLUSTERING_POLICIES).default("OSSCluster"),
  evictionPolicy: z
    .enum([
      "AllKeysLFU",
      "AllKeysLRU",
      "AllKeysRandom",
      "VolatileLRU",
      "VolatileLFU",
      "VolatileTTL",
      "VolatileRandom",
      "NoEviction",
    ])
    .default("VolatileLRU"),
  geoReplication: z
    .boolean()
    .default(false)
    .meta({ description: "Active geo-replication with a cache in the secondary region. Excludes `persistence`. docs/adr/0040" }),
  persistence: z
    .strictObject({
      aof: z.boolean().default(false),
      aofFrequency: z.enum(["1s", "always"]).default("1s"),
      rdb: z.boolean().default(false),
      rdbFrequency: z.enum(["1h", "6h", "12h"]).default("6h"),
    })
    .optional()
    .meta({ description: "Data persistence: AOF or RDB, not both. Excludes `geoReplication`." }),
});

const elasticSchema = z.strictObject({
  version: z
    .string()
    .regex(/^\d+\.\d+\.\d+$/, "must be a stack version such as 9.5.6")
    .default("9.5.6")
    .meta({ description: "Elastic Stack version of the deployment." }),
  deploymentTemplate: z.string().min(1).default("azure-general-purpose"),
  zoneCount: z.int().min(1).max(3).default(2).meta({ description: "Zones of every tier: 2 or 3 for high availability." }),
  hotMaxSize: z
    .string()
    .regex(/^\d+g$/, "must be a size such as 64g")
    .default("64g")
    .meta({ description: "Autoscaling ceiling per node (memory) of the hot tier." }),
  warmMaxSize: z
    .string()
    .regex(/^\d+g$/, "must be a size such as 64g")
    .default("32g")
    .meta({ description: "Autoscaling ceiling per node (memory) of the warm tier." }),
  ilmPolicies: z
    .array(
      z.strictObject({
        name: slug(63),
        rolloverMaxAge: ilmAge.default("1d"),
        rolloverMaxPrimaryShardSize: z
          .string()
          .regex(/^\d+gb$/, "must be a size such as 50gb")
          .default("50gb"),
        warmAfter: ilmAge.default("7d"),
        deleteAfter: ilmAge.default("30d"),
      }),
    )
    .default([{ name: "logs", rolloverMaxAge: "1d", rolloverMaxPrimaryShardSize: "50gb", warmAfter: "7d", deleteAfter: "30d" }])
    .meta({
      description:
        "Index lifecycle policies kept as code: hot (rollover) -> warm -> delete. Unique names; deleteAfter later than warmAfter. Applied from the clusters by the `elasticsearch-ilm` add-on. docs/adr/0043, 0061",
    }),
});

const dataStorageSchema = z.strictObject({
  replication: z
    .enum(["Standard_LRS", "Standard_ZRS", "Standard_GZRS", "Standard_RAGZRS"])
    .default("Standard_GZRS")
    .meta({ description: "GZRS: zone-redundant in the primary region, asynchronously copied to the paired region." }),
  containers: z.array(z.string().regex(/^[a-z0-9](-?[a-z0-9])+$/, "must be a blob container name")).default(["backups", "media"]),
  softDeleteDays: z.int().min(1).max(365).default(30),
});

export const dataSchema = z.strictObject({
  mode: z
    .enum(["managed", "in-cluster"])
    .meta({ description: "`managed` (Azure services; staging and prod) or `in-cluster` (operators in the clusters; dev)." }),
  postgresql: postgresqlSchema.prefault({}).meta({ description: "PostgreSQL Flexible Server. docs/adr/0041, 0042, 0044, 0060" }),
  cosmos: cosmosSchema.prefault({}).meta({ description: "Azure Cosmos DB for MongoDB." }),
  redis: redisSchema.prefault({}).meta({ description: "Azure Managed Redis. docs/adr/0040" }),
  elastic: elasticSchema.prefault({}).meta({ description: "Elastic Cloud on Azure. docs/adr/0043" }),
  storage: dataStorageSchema.prefault({}).meta({ description: "The data layer's storage account." }),
});
