/**
 * Private endpoints per region with their own DNS
 * (learn.microsoft.com/azure/architecture/networking/guide/private-link-hub-spoke-network): two endpoints of one
 * resource in one zone overwrite each other's records; each cluster region has its own Key Vault and registry
 * endpoints.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { loadModel } from "@plugilo/model";
import { type PlannedResource, privateEndpointSharedZone, sharedServicesPerRegion } from "@plugilo/policy";

const model = loadModel("prod");
const cosmos = "/subscriptions/s/resourceGroups/rg-data/providers/Microsoft.DocumentDB/databaseAccounts/cosmon-plugilo-data-prod";
const zone = (rg: string) =>
  `/subscriptions/s/resourceGroups/${rg}/providers/Microsoft.Network/privateDnsZones/privatelink.mongo.cosmos.azure.com`;
const res = (type: string, name: string, inputs: Record<string, unknown>): PlannedResource => ({
  stack: "data",
  urn: `urn:pulumi:prod::p::${type}::${name}`,
  type,
  name,
  parent: null,
  protect: false,
  inputs,
});
const endpoint = (name: string, location: string, target: string, groupId: string) =>
  res("azure-native:network:PrivateEndpoint", name, {
    resourceGroupName: "rg",
    privateEndpointName: name,
    location,
    privateLinkServiceConnections: [{ name, privateLinkServiceId: target, groupIds: [groupId] }],
  });
const zoneGroup = (endpointName: string, zoneId: string) =>
  res("azure-native:network:PrivateDnsZoneGroup", `${endpointName}-dns`, {
    resourceGroupName: "rg",
    privateEndpointName: endpointName,
    privateDnsZoneConfigs: [{ name: "z", privateDnsZoneId: zoneId }],
  });
const cluster = (name: string, location: string) => res("azure-native:containerservice:ManagedCluster", name, { location });

describe("private-endpoint-shared-zone", () => {
  const pes = [endpoint("pe-gwc", "germanywestcentral", cosmos, "MongoDB"), endpoint("pe-gn", "germanynorth", cosmos, "MongoDB")];

  it("accepts two endpoints of one account in each region's own zone", () => {
    const plan = [...pes, zoneGroup("pe-gwc", zone("rg-hub-gwc")), zoneGroup("pe-gn", zone("rg-hub-gn"))];
    assert.deepEqual(privateEndpointSharedZone.checkPlan(plan, model), []);
  });

  it("rejects two endpoints of one account in one shared zone (the second overwrites the first)", () => {
    const plan = [...pes, zoneGroup("pe-gwc", zone("rg-hub-gwc")), zoneGroup("pe-gn", zone("rg-hub-gwc"))];
    const found = privateEndpointSharedZone.checkPlan(plan, model);
    assert.equal(found.length, 1);
    assert.equal(found[0]?.urn, pes[1]?.urn);
    assert.match(found[0]?.message ?? "", /privatelink\.mongo\.cosmos\.azure\.com \(rg-hub-gwc\) like pe-gwc/);
  });

  it("accepts endpoints of different resources in one zone", () => {
    const other = endpoint("pe-other", "germanynorth", `${cosmos}-2`, "MongoDB");
    const plan = [pes[0] as PlannedResource, other, zoneGroup("pe-gwc", zone("rg-hub")), zoneGroup("pe-other", zone("rg-hub"))];
    assert.deepEqual(privateEndpointSharedZone.checkPlan(plan, model), []);
  });
});

describe("shared-services-per-region", () => {
  const kv = model.keyVault.id;
  const cr = model.containerRegistry.id;
  const clusters = [cluster("aks-app1", "germanywestcentral"), cluster("aks-app2", "germanynorth")];
  const gwcEndpoints = [
    endpoint("kv-gwc", "germanywestcentral", kv, "vault"),
    endpoint("cr-gwc", "germanywestcentral", cr, "registry"),
  ];

  it("accepts a Key Vault and a registry endpoint in each cluster region", () => {
    const gn = [endpoint("kv-gn", "germanynorth", kv, "vault"), endpoint("cr-gn", "germanynorth", cr, "registry")];
    assert.deepEqual(sharedServicesPerRegion.checkPlan([...clusters, ...gwcEndpoints, ...gn], model), []);
  });

  it("rejects germanynorth reaching Key Vault and the registry only through germanywestcentral", () => {
    const found = sharedServicesPerRegion.checkPlan([...clusters, ...gwcEndpoints], model);
    assert.deepEqual(
      found.map((f) => f.urn),
      [clusters[1]?.urn, clusters[1]?.urn],
    );
    assert.match(found[0]?.message ?? "", /germanynorth has no private endpoint of the Key Vault/);
    assert.match(found[1]?.message ?? "", /germanynorth has no private endpoint of the container registry/);
  });
});
