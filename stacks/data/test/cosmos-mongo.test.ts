/**
 * CosmosMongo planned alone with an account built by hand: MongoDB API, the consistency and locations it is
 * given, one write region with service-managed failover, continuous backup, no public access, TLS 1.2, no
 * metadata writes with account keys (https://learn.microsoft.com/azure/cosmos-db/mongodb/introduction);
 * databases and collections with a hashed shard key and autoscale, protected and kept on deletion when the
 * account is protected; one private endpoint per region, each after its region's spoke.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import type { CosmosModel, DataPrivateEndpointModel, RegionName } from "@plugilo/model";
import { type ComponentPlan, planComponent } from "@plugilo/testing";
import { VirtualNetwork } from "@pulumi/azure-native/network/index.js";
import { CosmosMongo } from "../src/cosmos-mongo.ts";

const WORKSPACE = "/subscriptions/m/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/log-gwc";
const endpoint = (region: RegionName, short: string): DataPrivateEndpointModel => ({
  name: `pe-cosmos-acme-test-${short}`,
  id: "pe",
  region,
  resourceGroup: `rg-data-${short}`,
  subscriptionId: "d",
  subnetId: `/subscriptions/d/resourceGroups/rg-data-${short}/providers/Microsoft.Network/virtualNetworks/vnet-data-${short}/subnets/snet-pe`,
  subnetCidr: "10.1.0.0/26",
  networkInterfaceName: `pe-cosmos-acme-test-${short}-nic`,
  groupId: "MongoDB",
  privateDnsZone: { name: "privatelink.mongo.cosmos.azure.com", id: `zone-${short}` },
  dnsRegistration: "zoneGroup",
});
const cosmos: CosmosModel = {
  name: "cosmos-acme-test",
  id: "c",
  region: "germanywestcentral",
  resourceGroup: "rg-data-gwc",
  subscriptionId: "d",
  serverVersion: "7.0",
  consistency: { defaultConsistencyLevel: "BoundedStaleness", maxIntervalInSeconds: 300, maxStalenessPrefix: 100000 },
  automaticFailover: true,
  locations: [
    { locationName: "germanywestcentral", failoverPriority: 0, isZoneRedundant: true },
    { locationName: "germanynorth", failoverPriority: 1, isZoneRedundant: false },
  ],
  backup: { type: "Continuous", tier: "Continuous7Days" },
  privateEndpoints: [endpoint("germanywestcentral", "gwc"), endpoint("germanynorth", "gn")],
  databases: [{ name: "boards", collections: [{ name: "boards", shardKey: "tenant_id", maxThroughput: 4000 }] }],
  failoverCommand: "az cosmosdb failover-priority-change",
  outageFailoverCommand: "az cosmosdb update",
};

let plan: ComponentPlan;
before(async () => {
  plan = await planComponent(() => {
    const spokes: Record<string, VirtualNetwork> = {
      germanywestcentral: new VirtualNetwork("vnet-data-gwc", { resourceGroupName: "rg-data-gwc" }),
      germanynorth: new VirtualNetwork("vnet-data-gn", { resourceGroupName: "rg-data-gn" }),
    };
    new CosmosMongo("cosmos", {
      cosmos,
      protect: true,
      workspaces: [{ region: "germanywestcentral", id: WORKSPACE }],
      tags: { layer: "data" },
      spokeOf: (region) => spokes[region] as VirtualNetwork,
    });
  });
});

describe("CosmosMongo", () => {
  it("creates the account with the given consistency and locations, failover by the service, private only", () => {
    const account = plan.named("azure-native:cosmosdb:DatabaseAccount", "cosmos-acme-test");
    assert.deepEqual(account.inputs, {
      resourceGroupName: "rg-data-gwc",
      accountName: "cosmos-acme-test",
      location: "germanywestcentral",
      kind: "MongoDB",
      databaseAccountOfferType: "Standard",
      apiProperties: { serverVersion: "7.0" },
      consistencyPolicy: { defaultConsistencyLevel: "BoundedStaleness", maxIntervalInSeconds: 300, maxStalenessPrefix: 100000 },
      locations: [
        { locationName: "germanywestcentral", failoverPriority: 0, isZoneRedundant: true },
        { locationName: "germanynorth", failoverPriority: 1, isZoneRedundant: false },
      ],
      enableAutomaticFailover: true,
      enableMultipleWriteLocations: false,
      backupPolicy: { type: "Continuous", continuousModeProperties: { tier: "Continuous7Days" } },
      publicNetworkAccess: "Disabled",
      minimalTlsVersion: "Tls12",
      disableKeyBasedMetadataWriteAccess: true,
      tags: { layer: "data" },
      // The SDK's default: a new account, not a restore.
      createMode: "Default",
    });

    assert.equal(account.protect, true);
  });

  it("creates each collection with a hashed shard key, its index and autoscale, protected and retained", () => {
    const [collection, ...rest] = plan.ofType("azure-native:cosmosdb:MongoDBResourceMongoDBCollection");
    assert.equal(rest.length, 0);
    assert.deepEqual(collection?.inputs.resource, {
      id: "boards",
      shardKey: { tenant_id: "Hash" },
      indexes: [{ key: { keys: ["_id"] } }, { key: { keys: ["tenant_id"] } }],
    });
    assert.deepEqual(collection?.inputs.options, { autoscaleSettings: { maxThroughput: 4000 } });
    const database = plan.named("azure-native:cosmosdb:MongoDBResourceMongoDBDatabase", "cosmos-acme-test-boards");
    for (const r of [collection, database]) assert.equal(r?.protect, true);
  });

  it("has a private endpoint in each region's data spoke, and its diagnostics in the account region's workspace", () => {
    const endpoints = plan.ofType("azure-native:network:PrivateEndpoint");
    assert.deepEqual(
      endpoints
        .map((e) => [e.inputs.privateEndpointName, e.inputs.location, (e.inputs.subnet as { id: string }).id.split("/")[8]])
        .sort(),
      [
        ["pe-cosmos-acme-test-gn", "germanynorth", "vnet-data-gn"],
        ["pe-cosmos-acme-test-gwc", "germanywestcentral", "vnet-data-gwc"],
      ],
    );
    const settings = plan.ofType("azure-native:monitor:DiagnosticSetting");
    assert.deepEqual(
      settings.map((s) => [s.inputs.workspaceId, s.inputs.logAnalyticsDestinationType]),
      [[WORKSPACE, "Dedicated"]],
    );
  });
});
