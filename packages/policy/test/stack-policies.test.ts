/** The joining rules as CrossGuard stack policies (src/stack-policies.ts): advisory, on one stack's resources. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { loadModel } from "@plugilo/model";
import { PLAN_RULES, recoveryAlerts } from "@plugilo/policy";
import type { StackContext } from "../src/policy-pack.ts";
import { checkStack, crossGuardStackPolicies } from "../src/stack-policies.ts";

const model = loadModel("prod");
const context: StackContext = { project: "plugilo-data", stack: "prod", environment: "prod" };
const urn = (type: string, name: string) => `urn:pulumi:prod::plugilo-data::${type}::${name}`;
const replica = {
  type: "azure-native:dbforpostgresql:Server",
  name: "psql-gn",
  urn: urn("azure-native:dbforpostgresql:Server", "psql-gn"),
  props: { serverName: "psql-gn", createMode: "Replica" },
};
const alert = {
  type: "azure-native:monitor:MetricAlert",
  name: "alert",
  urn: urn("azure-native:monitor:MetricAlert", "alert"),
  props: {
    scopes: ["/subscriptions/s/resourceGroups/rg/providers/Microsoft.DBforPostgreSQL/flexibleServers/psql-gn"],
    actions: [{ actionGroupId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Insights/actionGroups/ag" }],
    criteria: { allOf: [{ metricName: "physical_replication_delay_in_seconds" }] },
  },
};

describe("CrossGuard stack policies", () => {
  it("declares every plan rule, advisory", () => {
    const policies = crossGuardStackPolicies(
      () => context,
      () => model,
    );
    assert.deepEqual(
      policies.map((p) => p.name),
      PLAN_RULES.map((r) => r.name),
    );
    assert.ok(policies.every((p) => p.enforcementLevel === "advisory"));
  });

  it("reports a stack's replica without its lag alert, at the replica's URN, and nothing once the alert is there", () => {
    const found = checkStack(
      recoveryAlerts,
      [replica],
      () => context,
      () => model,
    );
    assert.equal(found.length, 1);
    assert.equal(found[0]?.urn, replica.urn);
    assert.deepEqual(
      checkStack(
        recoveryAlerts,
        [replica, alert],
        () => context,
        () => model,
      ),
      [],
    );
  });
});
