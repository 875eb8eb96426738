/**
 * ManagedRedis planned alone with two geo-replicated caches built by hand (Azure Managed Redis,
 * Microsoft.Cache/redisEnterprise):
 * - a Balanced SKU with high availability, TLS 1.2 only (clientProtocol Encrypted), public access off:
 *   https://learn.microsoft.com/azure/redis/overview, https://learn.microsoft.com/azure/redis/private-link
 * - the database on port 10000 with the OSS clustering policy: https://learn.microsoft.com/azure/redis/architecture
 * - Microsoft Entra authentication, access keys off: https://learn.microsoft.com/azure/redis/entra-for-authentication
 * - active geo-replication: one group nickname, every cache's database linked, no persistence with it:
 *   https://learn.microsoft.com/azure/redis/how-to-active-geo-replication
 * - a private endpoint with group ID redisEnterprise registered in privatelink.redis.azure.net:
 *   https://learn.microsoft.com/azure/private-link/private-endpoint-dns
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import type { RedisCacheModel, RedisModel, RegionName } from "@plugilo/model";
import { type ComponentPlan, planComponent, TEST_SUBSCRIPTIONS } from "@plugilo/testing";
import { VirtualNetwork } from "@pulumi/azure-native/network/index.js";
import { ManagedRedis } from "../src/managed-redis.ts";

const DATA = TEST_SUBSCRIPTIONS.data;
const ZONE = `/subscriptions/${TEST_SUBSCRIPTIONS.hub}/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/privatelink.redis.azure.net`;
const clusterId = (short: string) =>
  `/subscriptions/${DATA}/resourceGroups/rg-data-${short}/providers/Microsoft.Cache/redisEnterprise/redis-acme-test-${short}`;
const subnet = (short: string) =>
  `/subscriptions/${DATA}/resourceGroups/rg-data-${short}/providers/Microsoft.Network/virtualNetworks/vnet-data-${short}/subnets/snet-pe`;
const cache = (region: RegionName, short: string): RedisCacheModel => ({
  name: `redis-acme-test-${short}`,
  id: clusterId(short),
  databaseId: `${clusterId(short)}/databases/default`,
  region,
  zoneRedundant: true,
  hostName: `redis-acme-test-${short}.${region}.redis.azure.net`,
  privateEndpoint: {
    name: `pe-redis-acme-test-${short}`,
    id: "pe",
    region,
    resourceGroup: `rg-data-${short}`,
    subscriptionId: DATA,
    subnetId: subnet(short),
    subnetCidr: "10.1.0.0/26",
    networkInterfaceName: `pe-redis-acme-test-${short}-nic`,
    groupId: "redisEnterprise",
    privateDnsZone: { name: "privatelink.redis.azure.net", id: ZONE },
    dnsRegistration: "zoneGroup",
  },
});
const redis: RedisModel = {
  sku: "Balanced_B5",
  highAvailability: true,
  clusteringPolicy: "OSSCluster",
  evictionPolicy: "VolatileLRU",
  clientProtocol: "Encrypted",
  minimumTlsVersion: "1.2",
  port: 10000,
  resourceGroup: "rg-data-gwc",
  subscriptionId: DATA,
  mode: "active-geo-replication",
  geoReplicationGroup: "acme-test",
  caches: [cache("germanywestcentral", "gwc"), cache("germanynorth", "gno")],
};

describe("ManagedRedis", () => {
  let plan: ComponentPlan;
  before(async () => {
    plan = await planComponent(({ providerFor }) => {
      const own = { provider: providerFor("data") };
      const spoke = new VirtualNetwork("vnet-data", { resourceGroupName: "rg-data-gwc" }, own);
      new ManagedRedis(
        "redis",
        {
          protect: true,
          workspaces: [],
          resourceGroups: {
            germanywestcentral: { name: "rg-data-gwc", id: "rg", location: "germanywestcentral", subscriptionId: DATA },
            germanynorth: { name: "rg-data-gno", id: "rg", location: "germanynorth", subscriptionId: DATA },
          },
          redis,
          tags: { layer: "data" },
          spokeOf: () => spoke,
        },
        { providers: [providerFor("data")] },
      );
    });
  });

  it("creates a private, highly available Balanced cache per region in the data subscription", () => {
    const caches = plan.ofType("azure-native:redisenterprise:RedisEnterprise");
    assert.deepEqual(
      caches.map((c) => [c.inputs, plan.subscriptionOf(c), c.protect]),
      [
        ["germanywestcentral", "gwc"],
        ["germanynorth", "gno"],
      ].map(([region, short]) => [
        {
          resourceGroupName: `rg-data-${short}`,
          location: region,
          clusterName: `redis-acme-test-${short}`,
          sku: { name: "Balanced_B5" },
          highAvailability: "Enabled",
          minimumTlsVersion: "1.2",
          publicNetworkAccess: "Disabled",
          tags: { layer: "data" },
        },
        DATA,
        true,
      ]),
    );
  });

  it("serves TLS on port 10000 with Entra only, both databases in one geo-replication group", () => {
    const databases = plan.ofType("azure-native:redisenterprise:Database");
    assert.equal(databases.length, 2);
    for (const db of databases) {
      assert.deepEqual(
        [db.inputs.databaseName, db.inputs.port, db.inputs.clientProtocol, db.inputs.clusteringPolicy],
        ["default", 10000, "Encrypted", "OSSCluster"],
      );
      assert.deepEqual([db.inputs.accessKeysAuthentication, db.inputs.evictionPolicy], ["Disabled", "VolatileLRU"]);
      assert.equal(db.inputs.persistence, undefined);
      assert.deepEqual(db.inputs.geoReplication, {
        groupNickname: "acme-test",
        linkedDatabases: [{ id: `${clusterId("gwc")}/databases/default` }, { id: `${clusterId("gno")}/databases/default` }],
      });
    }
  });

  it("reaches each cache through a redisEnterprise endpoint recorded in privatelink.redis.azure.net", () => {
    assert.deepEqual(
      plan
        .ofType("azure-native:network:PrivateEndpoint")
        .map((e) => [
          e.inputs.location,
          (e.inputs.subnet as { id: string }).id,
          (e.inputs.privateLinkServiceConnections as { privateLinkServiceId: string; groupIds: string[] }[])[0],
        ]),
      [
        [
          "germanywestcentral",
          subnet("gwc"),
          { name: "pe-redis-acme-test-gwc", privateLinkServiceId: clusterId("gwc"), groupIds: ["redisEnterprise"] },
        ],
        [
          "germanynorth",
          subnet("gno"),
          { name: "pe-redis-acme-test-gno", privateLinkServiceId: clusterId("gno"), groupIds: ["redisEnterprise"] },
        ],
      ],
    );
    for (const g of plan.ofType("azure-native:network:PrivateDnsZoneGroup"))
      assert.deepEqual(g.inputs.privateDnsZoneConfigs, [{ name: "privatelink-redis-azure-net", privateDnsZoneId: ZONE }]);
    // No workspace given: no diagnostic setting.
    assert.deepEqual(plan.ofType("azure-native:monitor:DiagnosticSetting"), []);
  });
});
