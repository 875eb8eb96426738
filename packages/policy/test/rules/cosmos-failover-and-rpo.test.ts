/**
 * Cosmos DB: service-managed failover for a multi-region single-write account, and a consistency within the
 * 5-minute cross-region RPO (learn.microsoft.com/azure/reliability/reliability-cosmos-db-nosql,
 * learn.microsoft.com/azure/cosmos-db/consistency-levels: Session < 15 min, Bounded Staleness K/T).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { loadModel } from "@plugilo/model";
import { cosmosCrossRegionRpo, cosmosServiceManagedFailover, type PlannedResource } from "@plugilo/policy";

const model = loadModel("prod");
const two = [
  { locationName: "germanywestcentral", failoverPriority: 0 },
  { locationName: "germanynorth", failoverPriority: 1 },
];
const account = (inputs: Record<string, unknown>): PlannedResource => ({
  stack: "data",
  urn: "urn:pulumi:prod::plugilo-data::azure-native:cosmosdb:DatabaseAccount::cosmos",
  type: "azure-native:cosmosdb:DatabaseAccount",
  name: "cosmos",
  parent: null,
  protect: true,
  inputs: { locations: two, enableMultipleWriteLocations: false, ...inputs },
});
const bounded = (t: number) => ({
  defaultConsistencyLevel: "BoundedStaleness",
  maxIntervalInSeconds: t,
  maxStalenessPrefix: 100000,
});

describe("cosmos-service-managed-failover", () => {
  it("accepts a two-region account with service-managed failover, and a one-region account without", () => {
    assert.deepEqual(cosmosServiceManagedFailover.check(account({ enableAutomaticFailover: true }), model), []);
    assert.deepEqual(
      cosmosServiceManagedFailover.check(account({ locations: [two[0]], enableAutomaticFailover: false }), model),
      [],
    );
  });

  it("rejects a two-region account whose failover is manual", () => {
    const messages = cosmosServiceManagedFailover.check(account({ enableAutomaticFailover: false }), model);
    assert.match(messages[0] ?? "", /failover-priority-change\) does not succeed while the write region is down/);
  });
});

describe("cosmos-cross-region-rpo", () => {
  it("accepts Bounded Staleness with T = 300 s and Strong", () => {
    assert.deepEqual(cosmosCrossRegionRpo.check(account({ consistencyPolicy: bounded(300) }), model), []);
    assert.deepEqual(
      cosmosCrossRegionRpo.check(account({ consistencyPolicy: { defaultConsistencyLevel: "Strong" } }), model),
      [],
    );
  });

  it("warns for Session (< 15 min) and for Bounded Staleness above 300 s, naming Cosmos DB and the RPO", () => {
    const session = cosmosCrossRegionRpo.check(account({ consistencyPolicy: { defaultConsistencyLevel: "Session" } }), model);
    assert.match(
      session[0] ?? "",
      /Cosmos DB cross-region RPO is up to 900 s with Session consistency, above the design's 300 s/,
    );
    assert.match(cosmosCrossRegionRpo.check(account({ consistencyPolicy: bounded(600) }), model)[0] ?? "", /up to 600 s/);
    assert.equal(cosmosCrossRegionRpo.severity, "warning");
  });
});
