/**
 * Cosmos DB for MongoDB (RU-based) as the model resolves it: germanywestcentral (failover priority 0,
 * zone-redundant) and germanynorth (priority 1, no zones), bounded staleness (300 s), service-managed failover on
 * (docs/adr/0100; the model's failoverCommand is the planned drill), continuous backup for point-in-time
 * restore, public network access off with a private endpoint in each region, and the databases and
 * collections of the configuration with their shard keys and autoscale maximum throughput.
 * https://learn.microsoft.com/azure/cosmos-db/mongodb/introduction
 * https://learn.microsoft.com/azure/cosmos-db/continuous-backup-restore-introduction
 */
import { sendToLogAnalytics } from "@plugilo/components";
import type { CosmosModel, LogAnalyticsModel, RegionName } from "@plugilo/model";
import {
  DatabaseAccount,
  MongoDBResourceMongoDBCollection,
  MongoDBResourceMongoDBDatabase,
} from "@pulumi/azure-native/cosmosdb/index.js";
import * as pulumi from "@pulumi/pulumi";
import { DataPrivateEndpoint } from "./data-private-endpoint.ts";

export interface CosmosMongoArgs {
  /** Protect the stateful resources from deletion. @default false */
  readonly protect?: boolean;
  /** The Log Analytics workspaces, one per region: each resource's diagnostics go to its region's. */
  readonly workspaces: readonly Pick<LogAnalyticsModel, "region" | "id">[];
  cosmos: CosmosModel;
  tags: Record<string, string>;
  spokeOf: (region: RegionName) => pulumi.Resource;
}

export class CosmosMongo extends pulumi.ComponentResource {
  readonly account: DatabaseAccount;

  constructor(name: string, args: CosmosMongoArgs, opts?: pulumi.ComponentResourceOptions) {
    super("plugilo:data:CosmosMongo", name, {}, opts);
    const { cosmos: c, tags } = args;
    const protect = args.protect ?? false;
    const child = { parent: this };

    this.account = new DatabaseAccount(
      c.name,
      {
        resourceGroupName: c.resourceGroup,
        accountName: c.name,
        location: c.region,
        kind: "MongoDB",
        databaseAccountOfferType: "Standard",
        apiProperties: { serverVersion: c.serverVersion },
        // Bounded Staleness T = 300 s: the cross-region RPO. https://learn.microsoft.com/azure/cosmos-db/consistency-levels
        consistencyPolicy: { ...c.consistency },
        locations: c.locations,
        // One write region; service-managed failover moves it during an outage, when a manual failover cannot
        // run (docs/adr/0100). https://learn.microsoft.com/azure/reliability/reliability-cosmos-db-nosql
        enableAutomaticFailover: c.automaticFailover,
        enableMultipleWriteLocations: false,
        backupPolicy: { type: c.backup.type, continuousModeProperties: { tier: c.backup.tier } },
        publicNetworkAccess: "Disabled",
        minimalTlsVersion: "Tls12",
        // Databases and collections change through ARM (this program) only, never through account keys.
        disableKeyBasedMetadataWriteAccess: true,
        tags,
      },
      { ...child, protect },
    );

    for (const database of c.databases) {
      const db = new MongoDBResourceMongoDBDatabase(
        `${c.name}-${database.name}`,
        {
          resourceGroupName: c.resourceGroup,
          accountName: this.account.name,
          databaseName: database.name,
          resource: { id: database.name },
          tags,
        },
        { ...child, protect, retainOnDelete: protect },
      );
      for (const collection of database.collections) {
        new MongoDBResourceMongoDBCollection(
          `${c.name}-${database.name}-${collection.name}`,
          {
            resourceGroupName: c.resourceGroup,
            accountName: this.account.name,
            databaseName: db.name,
            collectionName: collection.name,
            resource: {
              id: collection.name,
              // Hashed shard key: writes spread over physical partitions by user or tenant.
              shardKey: { [collection.shardKey]: "Hash" },
              indexes: [{ key: { keys: ["_id"] } }, { key: { keys: [collection.shardKey] } }],
            },
            options: { autoscaleSettings: { maxThroughput: collection.maxThroughput } },
            tags,
          },
          { ...child, protect, retainOnDelete: protect },
        );
      }
    }

    for (const endpoint of c.privateEndpoints) {
      new DataPrivateEndpoint(
        endpoint.name,
        { endpoint, target: this.account.id, tags, dependsOn: [args.spokeOf(endpoint.region), this.account] },
        child,
      );
    }
    const workspace = args.workspaces.find((l) => l.region === c.region);
    if (workspace) {
      sendToLogAnalytics(
        c.name,
        { resourceId: this.account.id, workspaceId: workspace.id, logs: true, metrics: true, resourceSpecificTables: true },
        child,
      );
    }
    this.registerOutputs({ accountId: this.account.id });
  }
}
