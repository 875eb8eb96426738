/**
 * Azure Managed Redis (Microsoft.Cache/redisEnterprise) as the model resolves it: a cache with high
 * availability (zone-redundant by itself in a region with zones: Azure rejects explicit zones for these
 * SKUs), TLS only, the configured clustering and eviction policies, Microsoft Entra authentication (access
 * keys off), public access off with a private endpoint; and per environment either active geo-replication
 * (a cache in each region, one replication group) or persistence (AOF or RDB), never both (docs/adr/0040).
 * https://learn.microsoft.com/azure/redis/how-to-active-geo-replication
 * https://learn.microsoft.com/azure/reliability/reliability-managed-redis
 */
import { sendToLogAnalytics } from "@plugilo/components";
import type { DataModel, LogAnalyticsModel, RedisModel, RegionName } from "@plugilo/model";
import { Database, RedisEnterprise } from "@pulumi/azure-native/redisenterprise/index.js";
import * as pulumi from "@pulumi/pulumi";
import { DataPrivateEndpoint } from "./data-private-endpoint.ts";

export interface ManagedRedisArgs {
  /** Protect the stateful resources from deletion. @default false */
  readonly protect?: boolean;
  /** The Log Analytics workspaces, one per region: each resource's diagnostics go to its region's. */
  readonly workspaces: readonly Pick<LogAnalyticsModel, "region" | "id">[];
  /** The data layer's resource group in each region. */
  readonly resourceGroups: DataModel["resourceGroups"];
  redis: RedisModel;
  tags: Record<string, string>;
  spokeOf: (region: RegionName) => pulumi.Resource;
}

export class ManagedRedis extends pulumi.ComponentResource {
  readonly clusters: RedisEnterprise[] = [];
  readonly databases: Database[] = [];

  constructor(name: string, args: ManagedRedisArgs, opts?: pulumi.ComponentResourceOptions) {
    super("plugilo:data:ManagedRedis", name, {}, opts);
    const { redis: r, tags } = args;
    const protect = args.protect ?? false;
    const child = { parent: this };
    const linked = r.caches.map((c) => ({ id: c.databaseId }));

    for (const cache of r.caches) {
      const resourceGroupName = args.resourceGroups[cache.region]?.name as string;
      const cluster = new RedisEnterprise(
        cache.name,
        {
          resourceGroupName,
          location: cache.region,
          clusterName: cache.name,
          sku: { name: r.sku },
          highAvailability: r.highAvailability ? "Enabled" : "Disabled",
          minimumTlsVersion: r.minimumTlsVersion,
          publicNetworkAccess: "Disabled",
          tags,
        },
        { ...child, protect },
      );
      // A cache joins the replication group when it is created, after the caches listed before it.
      const after = this.databases.at(-1);
      const database = new Database(
        `${cache.name}-default`,
        {
          resourceGroupName,
          clusterName: cluster.name,
          databaseName: "default",
          clientProtocol: r.clientProtocol,
          port: r.port,
          clusteringPolicy: r.clusteringPolicy,
          evictionPolicy: r.evictionPolicy,
          accessKeysAuthentication: "Disabled",
          ...(r.persistence ? { persistence: r.persistence } : {}),
          ...(r.mode === "active-geo-replication"
            ? { geoReplication: { groupNickname: r.geoReplicationGroup, linkedDatabases: linked } }
            : {}),
        },
        { ...child, protect, ...(after ? { dependsOn: [after] } : {}) },
      );
      this.clusters.push(cluster);
      this.databases.push(database);

      new DataPrivateEndpoint(
        cache.privateEndpoint.name,
        { endpoint: cache.privateEndpoint, target: cluster.id, tags, dependsOn: [args.spokeOf(cache.region), database] },
        child,
      );
      const workspace = args.workspaces.find((l) => l.region === cache.region);
      if (workspace) {
        // Metrics on the cache, connection events (REDConnectionEvents) on its database.
        sendToLogAnalytics(cache.name, { resourceId: cluster.id, workspaceId: workspace.id, logs: false, metrics: true }, child);
        sendToLogAnalytics(
          `${cache.name}-default`,
          { resourceId: database.id, workspaceId: workspace.id, logs: true, metrics: false },
          child,
        );
      }
    }
    this.registerOutputs({});
  }
}
