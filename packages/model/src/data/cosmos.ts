/** Azure Cosmos DB for MongoDB: the account, its regions, databases and collections. */
import { type PartsOf, resourceId, resourceName } from "../core/naming.ts";
import { REGIONS, type RegionName } from "../core/regions.ts";
import type { ResourceGroupModel } from "../core/resources.ts";
import type { EnvironmentConfig } from "../core/schema.ts";
import { type CosmosConsistencyModel, cosmosConsistency } from "./cosmos-recovery.ts";
import { type DataPrivateEndpointModel, PRIVATE_DNS_ZONES, type PrivateEndpointOf } from "./private-endpoint.ts";

export interface CosmosCollectionModel {
  name: string;
  shardKey: "user_id" | "tenant_id";
  maxThroughput: number;
}

export interface CosmosModel {
  name: string;
  id: string;
  /** The account resource lives in the primary region; its data is in every location below. */
  region: RegionName;
  resourceGroup: string;
  subscriptionId: string;
  serverVersion: string;
  /** Bounded Staleness within the cross-region RPO (cosmos-recovery.ts, docs/adr/0100). */
  consistency: CosmosConsistencyModel;
  /** Service-managed failover: writes move to germanynorth during a germanywestcentral outage (docs/adr/0100). */
  automaticFailover: true;
  locations: { locationName: RegionName; failoverPriority: number; isZoneRedundant: boolean }[];
  backup: { type: "Continuous"; tier: "Continuous7Days" | "Continuous30Days" };
  /** One private endpoint per region, so each region keeps a path to the account during the other's outage. */
  privateEndpoints: DataPrivateEndpointModel[];
  databases: { name: string; collections: CosmosCollectionModel[] }[];
  /** The planned cross-region failover (a drill: both regions must be up), for the runbook. */
  failoverCommand: string;
  /** During an outage Azure does not fail over by itself: take the write region offline (forced). */
  outageFailoverCommand: string;
}

/** Cosmos DB for MongoDB (RU) listens on 10255. https://learn.microsoft.com/azure/cosmos-db/mongodb/connect-account */
export const COSMOS_MONGO_PORT = 10255;

export function resolveCosmos(
  config: EnvironmentConfig,
  rg: ResourceGroupModel,
  parts: PartsOf,
  pe: PrivateEndpointOf,
): CosmosModel {
  const c = config.data.cosmos;
  const name = resourceName("cosmosMongo", parts("data"));
  const regions: RegionName[] = [config.regions.primary, config.regions.secondary];
  return {
    name,
    id: resourceId(rg.subscriptionId, rg.name, "Microsoft.DocumentDB/databaseAccounts", name),
    region: rg.location,
    resourceGroup: rg.name,
    subscriptionId: rg.subscriptionId,
    serverVersion: c.serverVersion,
    consistency: cosmosConsistency(regions.length),
    automaticFailover: true,
    // Failover priority 0 is the write region; zone redundancy only where the region has zones.
    locations: regions.map((r, i) => ({
      locationName: r,
      failoverPriority: i,
      isZoneRedundant: REGIONS[r].availabilityZones.length > 0,
    })),
    backup: { type: "Continuous", tier: c.backupTier },
    privateEndpoints: regions.map((r) => pe(r, "cosmon", PRIVATE_DNS_ZONES.mongo, "MongoDB")),
    databases: c.databases.map((d) => ({ name: d.name, collections: d.collections.map((col) => ({ ...col })) })),
    failoverCommand: `az cosmosdb failover-priority-change --name ${name} --resource-group ${rg.name} --failover-policies ${config.regions.secondary}=0 ${config.regions.primary}=1`,
    // Microsoft.DocumentDB/databaseAccounts/offlineRegion/action (REST: POST .../offlineRegion, body { region }).
    outageFailoverCommand: `az rest --method post --url https://management.azure.com${resourceId(rg.subscriptionId, rg.name, "Microsoft.DocumentDB/databaseAccounts", name)}/offlineRegion?api-version=2024-11-15 --body '{"region":"${REGIONS[config.regions.primary].displayName.replace(/ \(.*\)$/, "")}"}'`,
  };
}
