/**
 * `plugilo failover --execute` against a fake Azure Resource Manager on loopback: the request sequence of
 * each service, long-running operations polled through Azure-AsyncOperation and Location, a 409, a check that
 * does not hold, and a timeout. Paths and bodies are the REST API's (Learn pages cited in arm-operations.ts),
 * written out here, with names from environments/prod.yaml and the CAF naming convention.
 */
import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import type { TokenCredential } from "@azure/identity";
import { loadModel } from "@plugilo/model";
import { ArmClients } from "../../src/failover/arm-operations.ts";
import { type ExecutionEvent, executeRunbooks } from "../../src/failover/execute.ts";
import { allRunbooks, serviceRunbook } from "../../src/failover/runbook.ts";
import { FakeArm } from "./fake-arm.ts";

const SUB = "/subscriptions/00000000-0000-0000-0003-000000000006";
const PG_GN = `${SUB}/resourceGroups/rg-plugilo-data-prod-gn/providers/Microsoft.DBforPostgreSQL/flexibleServers/psql-plugilo-data-prod-gn`;
const VE = `${PG_GN}/virtualEndpoints/psql-plugilo-data-prod-ve`;
const COSMOS = `${SUB}/resourceGroups/rg-plugilo-data-prod-gwc/providers/Microsoft.DocumentDB/databaseAccounts/cosmon-plugilo-data-prod`;
const AMR_GN = `${SUB}/resourceGroups/rg-plugilo-data-prod-gn/providers/Microsoft.Cache/redisEnterprise/amr-plugilo-data-prod-gn/databases/default`;
const AMR_GWC = `${SUB}/resourceGroups/rg-plugilo-data-prod-gwc/providers/Microsoft.Cache/redisEnterprise/amr-plugilo-data-prod-gwc/databases/default`;
const AFD =
  "/subscriptions/00000000-0000-0000-0003-000000000003/resourceGroups/rg-plugilo-edge-prod-gwc/providers/Microsoft.Cdn/profiles/afd-plugilo-edge-prod/originGroups/web/origins";

const credential: TokenCredential = {
  getToken: async () => ({ token: "fake-token", expiresOnTimestamp: Date.now() + 3_600_000 }),
};

const model = loadModel("prod");
const arm = new FakeArm();
let clients: ArmClients;

/** The requests as `method path`, lower-cased (ARM paths are case-insensitive and the SDKs differ); polls by their URL. */
function sequence(): string[] {
  return arm.requests.map((r) => `${r.method} ${r.path}`.toLowerCase());
}

function pgServer(role: string, replicationState = "Active") {
  return { id: PG_GN, name: "psql-plugilo-data-prod-gn", properties: { replica: { role, replicationState } } };
}

before(async () => {
  await arm.start();
  clients = new ArmClients({ credential, endpoint: arm.endpoint, ca: arm.ca, pollIntervalMs: 5 });
});
after(() => arm.stop());
beforeEach(() => arm.reset());

describe("failover --execute against a fake ARM", () => {
  it("postgresql: checks the replica, promotes it (Azure-AsyncOperation), sets HA (Location), checks the writer", async () => {
    arm.resources.set(PG_GN.toLowerCase(), pgServer("GeoAsyncReplica"));
    arm.resources.set(VE.toLowerCase(), {
      id: VE,
      properties: {
        endpointType: "ReadWrite",
        members: ["psql-plugilo-data-prod-gwc"],
        virtualEndpoints: ["psql-plugilo-data-prod-ve.writer.postgres.database.azure.com"],
      },
    });
    arm.on(
      "PATCH",
      PG_GN,
      { lro: "azure-async-operation", polls: 2, apply: () => arm.resources.set(PG_GN.toLowerCase(), pgServer("Primary")) },
      { lro: "location", polls: 1 },
    );
    const events: ExecutionEvent[] = [];
    const result = await executeRunbooks(clients, [serviceRunbook(model, "postgresql")], {
      stepTimeoutMs: 10_000,
      onEvent: (e) => events.push(e),
    });
    assert.equal(result.failed, undefined, JSON.stringify(sequence()));
    assert.equal(result.completed.length, 4);
    assert.deepEqual(
      sequence(),
      [
        `GET ${PG_GN}`,
        `PATCH ${PG_GN}`,
        "GET /fake-operations/op0",
        "GET /fake-operations/op0",
        "GET /fake-operations/op0",
        `GET ${PG_GN}`,
        `PATCH ${PG_GN}`,
        "GET /fake-operations/op1",
        "GET /fake-operations/op1",
        `GET ${PG_GN}`,
        `GET ${VE}`,
      ].map((r) => r.toLowerCase()),
    );
    const patches = arm.requests.filter((r) => r.method === "PATCH");
    assert.deepEqual(patches[0]?.body, { properties: { replica: { promoteMode: "Switchover", promoteOption: "Planned" } } });
    assert.deepEqual(patches[1]?.body, { properties: { highAvailability: { mode: "SameZone" } } });
    // Every request authenticated with the credential's token; the Flexible Server API version of the SDK.
    assert.ok(arm.requests.every((r) => r.authorization === "Bearer fake-token"));
    assert.equal(arm.requests[0]?.apiVersion, "2025-08-01");
    // The long-running promotion reported its progress while it ran.
    assert.ok(
      events.some((e) => e.type === "progress" && e.status === "running"),
      JSON.stringify(events.filter((e) => e.type === "progress")),
    );
  });

  it("postgresql: a 409 on the promotion stops there, with what was done and what was not", async () => {
    arm.resources.set(PG_GN.toLowerCase(), pgServer("GeoAsyncReplica"));
    arm.on("PATCH", PG_GN, {
      status: 409,
      body: { error: { code: "OperationConflict", message: "An operation is already in progress on the server." } },
    });
    const result = await executeRunbooks(clients, [serviceRunbook(model, "postgresql")], { stepTimeoutMs: 10_000 });
    assert.equal(result.completed.length, 1);
    assert.equal(result.failed?.reason, "azure");
    assert.match(result.failed?.message ?? "", /^HTTP 409 OperationConflict: An operation is already in progress/);
    assert.equal(result.failed?.step.operation.kind, "postgresql.promote");
    assert.deepEqual(
      result.notRun.map((s) => s.step.operation.kind),
      ["postgresql.highAvailability", "postgresql.expectWriter"],
    );
    assert.deepEqual(
      sequence(),
      [`get ${PG_GN}`, `patch ${PG_GN}`].map((r) => r.toLowerCase()),
    );
  });

  it("postgresql: a planned promotion refuses a replica whose replication is not active, and changes nothing", async () => {
    arm.resources.set(PG_GN.toLowerCase(), pgServer("GeoAsyncReplica", "Broken"));
    const result = await executeRunbooks(clients, [serviceRunbook(model, "postgresql")], { stepTimeoutMs: 10_000 });
    assert.equal(result.failed?.reason, "check");
    assert.match(result.failed?.message ?? "", /replication state is Broken, not Active.*--forced/);
    assert.ok(!arm.requests.some((r) => r.method !== "GET"));
  });

  it("postgresql: a promotion that never finishes times out; the rest is not run", async () => {
    arm.resources.set(PG_GN.toLowerCase(), pgServer("GeoAsyncReplica"));
    arm.on("PATCH", PG_GN, { lro: "never" });
    const started = performance.now();
    const result = await executeRunbooks(clients, [serviceRunbook(model, "postgresql", { forced: true })], {
      stepTimeoutMs: 300,
    });
    assert.ok(performance.now() - started < 5_000);
    assert.equal(result.failed?.reason, "timeout");
    assert.match(result.failed?.message ?? "", /may still complete in Azure; check .*psql-plugilo-data-prod-gn/);
    assert.equal(result.notRun.length, 2);
    assert.deepEqual(arm.requests[1]?.body, { properties: { replica: { promoteMode: "Switchover", promoteOption: "Forced" } } });
    assert.ok(arm.requests.filter((r) => r.path.startsWith("/fake-operations/")).length >= 1);
  });

  it("cosmos: a planned drill changes the failover priorities (Location polling) and checks the write region", async () => {
    const account = (write: string) => ({
      id: COSMOS,
      properties: {
        locations: [{ locationName: "Germany West Central" }, { locationName: "Germany North" }],
        writeLocations: [{ locationName: write }],
      },
    });
    arm.resources.set(COSMOS.toLowerCase(), account("Germany West Central"));
    arm.on("POST", `${COSMOS}/failoverPriorityChange`, {
      lro: "location",
      polls: 1,
      apply: () => arm.resources.set(COSMOS.toLowerCase(), account("Germany North")),
    });
    const result = await executeRunbooks(clients, [serviceRunbook(model, "cosmos")], { stepTimeoutMs: 10_000 });
    assert.equal(result.failed, undefined, JSON.stringify(result.failed));
    assert.deepEqual(
      sequence(),
      [
        `GET ${COSMOS}`,
        `POST ${COSMOS}/failoverPriorityChange`,
        "GET /fake-operations/op0",
        "GET /fake-operations/op0",
        `GET ${COSMOS}`,
      ].map((r) => r.toLowerCase()),
    );
    assert.deepEqual(arm.requests[1]?.body, {
      failoverPolicies: [
        { locationName: "germanynorth", failoverPriority: 0 },
        { locationName: "germanywestcentral", failoverPriority: 1 },
      ],
    });
  });

  it("cosmos: forced takes the failed region offline; a write region that did not move fails the post-check", async () => {
    arm.resources.set(COSMOS.toLowerCase(), {
      id: COSMOS,
      properties: {
        locations: [{ locationName: "Germany West Central" }, { locationName: "Germany North" }],
        writeLocations: [{ locationName: "Germany West Central" }],
      },
    });
    arm.on("POST", `${COSMOS}/offlineRegion`, { lro: "location", polls: 0 });
    const result = await executeRunbooks(clients, [serviceRunbook(model, "cosmos", { forced: true })], { stepTimeoutMs: 10_000 });
    assert.deepEqual(arm.requests[1]?.body, { region: "Germany West Central" });
    assert.equal(result.failed?.reason, "check", result.failed?.message);
    assert.match(result.failed?.message ?? "", /writes in Germany West Central, expected Germany North/);
  });

  it("redis: forced unlinks the failed cache through the surviving one and checks the group", async () => {
    const linked = (ids: string[]) => ({
      id: AMR_GN,
      properties: { geoReplication: { groupNickname: "amr-plugilo-data-prod-geo", linkedDatabases: ids.map((id) => ({ id })) } },
    });
    arm.resources.set(AMR_GN.toLowerCase(), linked([AMR_GN, AMR_GWC]));
    arm.on("POST", `${AMR_GN}/forceUnlink`, {
      lro: "azure-async-operation",
      polls: 1,
      apply: () => arm.resources.set(AMR_GN.toLowerCase(), linked([AMR_GN])),
    });
    const result = await executeRunbooks(clients, [serviceRunbook(model, "redis", { forced: true })], { stepTimeoutMs: 10_000 });
    assert.equal(result.failed, undefined, JSON.stringify(result.failed));
    assert.deepEqual(arm.requests[1]?.body, { ids: [AMR_GWC] });
    assert.equal(arm.requests[0]?.apiVersion, "2025-07-01");
    assert.equal(sequence().at(-1), `get ${AMR_GN}`.toLowerCase());
  });

  it("front-door: checks the surviving origin, disables the failed one, checks it; all runs front-door first", async () => {
    const origin = (name: string, enabledState: string) => ({ id: `${AFD}/${name}`, name, properties: { enabledState } });
    arm.resources.set(`${AFD}/agw-gn`.toLowerCase(), origin("agw-gn", "Enabled"));
    arm.resources.set(`${AFD}/agw-gwc`.toLowerCase(), origin("agw-gwc", "Enabled"));
    arm.on("PATCH", `${AFD}/agw-gwc`, {
      lro: "azure-async-operation",
      polls: 0,
      apply: () => arm.resources.set(`${AFD}/agw-gwc`.toLowerCase(), origin("agw-gwc", "Disabled")),
    });
    // PostgreSQL comes next in `all`: its replica is missing here, so the run stops there (404).
    const { runbooks } = allRunbooks(model);
    const result = await executeRunbooks(clients, runbooks, { stepTimeoutMs: 10_000 });
    assert.deepEqual(
      result.completed.map((c) => c.step.operation.kind),
      ["frontDoor.expectOrigin", "frontDoor.setOrigin", "frontDoor.expectOrigin"],
    );
    assert.deepEqual(arm.requests.find((r) => r.method === "PATCH")?.body, { properties: { enabledState: "Disabled" } });
    assert.equal(result.failed?.service, "postgresql");
    assert.match(result.failed?.message ?? "", /^HTTP 404 ResourceNotFound/);
    assert.deepEqual([...new Set(result.notRun.map((s) => s.service))], ["postgresql", "cosmos", "redis"]);
  });
});
