/** zones-in-catalogue: germanywestcentral has zones 1-3, germanynorth none (learn.microsoft.com/azure/reliability/regions-list). */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { loadModel } from "@plugilo/model";
import { type PlannedResource, zonesInCatalogue } from "@plugilo/policy";

const model = loadModel("prod");
const res = (type: string, inputs: Record<string, unknown>): PlannedResource => ({
  stack: "t",
  urn: `urn:pulumi:prod::t::${type}::r`,
  type,
  name: "r",
  parent: null,
  protect: false,
  inputs,
});

describe("zones-in-catalogue", () => {
  it("accepts zones 1-3 in germanywestcentral, no zone (or the provider's empty default) in germanynorth", () => {
    for (const r of [
      res("azure-native:network:AzureFirewall", { location: "germanywestcentral", zones: ["1", "2", "3"] }),
      res("azure-native:dbforpostgresql:Server", { location: "germanynorth", availabilityZone: "" }),
      res("azure-native:dbforpostgresql:Server", {
        location: "germanywestcentral",
        availabilityZone: "1",
        highAvailability: { standbyAvailabilityZone: "2" },
      }),
      res("azure-native:cosmosdb:DatabaseAccount", {
        location: "germanywestcentral",
        locations: [
          { locationName: "germanywestcentral", isZoneRedundant: true },
          { locationName: "germanynorth", isZoneRedundant: false },
        ],
      }),
      res("azure-native:containerregistry:Replication", { location: "germanynorth", zoneRedundancy: "Disabled" }),
    ]) {
      assert.deepEqual(zonesInCatalogue.check(r, model), [], r.type);
    }
  });

  it("rejects any zone in germanynorth and zone 4 in germanywestcentral", () => {
    assert.match(
      zonesInCatalogue.check(res("azure-native:network:PublicIPAddress", { location: "germanynorth", zones: ["1"] }), model)[0] ??
        "",
      /zones 1 in germanynorth, which has no availability zones/,
    );
    assert.match(
      zonesInCatalogue.check(
        res("azure-native:network:ApplicationGateway", { location: "germanywestcentral", zones: ["4"] }),
        model,
      )[0] ?? "",
      /which has zones 1, 2, 3/,
    );
    const aks = res("azure-native:containerservice:ManagedCluster", {
      location: "germanynorth",
      agentPoolProfiles: [{ name: "system", availabilityZones: ["1", "2"] }],
    });
    assert.equal(zonesInCatalogue.check(aks, model).length, 1);
  });

  it("rejects zone redundancy in germanynorth (Cosmos DB location, registry replica)", () => {
    const cosmos = res("azure-native:cosmosdb:DatabaseAccount", {
      location: "germanywestcentral",
      locations: [{ locationName: "germanynorth", isZoneRedundant: true }],
    });
    assert.match(zonesInCatalogue.check(cosmos, model)[0] ?? "", /locations\[0\]\.isZoneRedundant is on in germanynorth/);
    assert.equal(
      zonesInCatalogue.check(
        res("azure-native:containerregistry:Replication", { location: "germanynorth", zoneRedundancy: "Enabled" }),
        model,
      ).length,
      1,
    );
  });
});
