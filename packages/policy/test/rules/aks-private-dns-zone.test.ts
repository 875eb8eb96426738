/** aks-private-dns-zone: the zone name Azure accepts by API server mode (learn.microsoft.com/azure/aks/private-clusters). */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { loadModel } from "@plugilo/model";
import { aksPrivateDnsZone, type PlannedResource } from "@plugilo/policy";

const model = loadModel("prod");
const zoneId = (name: string) =>
  `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-hub/providers/Microsoft.Network/privateDnsZones/${name}`;
const cluster = (zone: string, vnetIntegration: boolean): PlannedResource => ({
  stack: "app1",
  urn: "urn:pulumi:prod::plugilo-cluster::azure-native:containerservice:ManagedCluster::aks",
  type: "azure-native:containerservice:ManagedCluster",
  name: "aks",
  parent: null,
  protect: false,
  inputs: {
    location: "germanywestcentral",
    apiServerAccessProfile: { enablePrivateCluster: true, enableVnetIntegration: vnetIntegration, privateDNSZone: zone },
  },
});

describe("aks-private-dns-zone", () => {
  it("accepts private.<region>.azmk8s.io and a subzone of it with API Server VNet Integration", () => {
    assert.deepEqual(aksPrivateDnsZone.check(cluster(zoneId("private.germanywestcentral.azmk8s.io"), true), model), []);
    assert.deepEqual(aksPrivateDnsZone.check(cluster(zoneId("app1.private.germanywestcentral.azmk8s.io"), true), model), []);
  });

  it("accepts privatelink.<region>.azmk8s.io for a Private Link cluster, and AKS's own modes", () => {
    assert.deepEqual(aksPrivateDnsZone.check(cluster(zoneId("privatelink.germanywestcentral.azmk8s.io"), false), model), []);
    assert.deepEqual(aksPrivateDnsZone.check(cluster("system", true), model), []);
  });

  it("rejects privatelink.<region>.azmk8s.io with API Server VNet Integration", () => {
    const messages = aksPrivateDnsZone.check(cluster(zoneId("privatelink.germanywestcentral.azmk8s.io"), true), model);
    assert.equal(messages.length, 1);
    assert.match(messages[0] ?? "", /name it private\.germanywestcentral\.azmk8s\.io/);
  });

  it("rejects a zone of another region", () => {
    assert.equal(aksPrivateDnsZone.check(cluster(zoneId("private.germanynorth.azmk8s.io"), true), model).length, 1);
  });
});
