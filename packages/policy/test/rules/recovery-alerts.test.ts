/**
 * Metric alerts with an action group on the signals docs/data-recovery.md and the flows depend on. Metric names
 * as Learn's supported-metrics pages spell them ("Name in REST API"), e.g. physical_replication_delay_in_seconds
 * (Microsoft.DBforPostgreSQL/flexibleServers), geoReplicationHealthy (Microsoft.Cache/redisEnterprise).
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { type EnvironmentModel, loadModel } from "@plugilo/model";
import { type PlanResult, planEnvironment } from "@plugilo/plan";
import { metricAlertNames, type PlannedResource, recoveryAlerts } from "@plugilo/policy";

const model = loadModel("prod");
const res = (type: string, name: string, inputs: Record<string, unknown>): PlannedResource => ({
  stack: "data",
  urn: `urn:pulumi:prod::p::${type}::${name}`,
  type,
  name,
  parent: null,
  protect: false,
  inputs,
});
const replica = res("azure-native:dbforpostgresql:Server", "psql-gn", { serverName: "psql-gn", createMode: "Replica" });
const replicaId = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.DBforPostgreSQL/flexibleServers/psql-gn";
const alertOn = (
  metricName: string,
  actions: unknown[] = [{ actionGroupId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Insights/actionGroups/ag" }],
) =>
  res("azure-native:monitor:MetricAlert", `alert-${metricName}`, {
    scopes: [replicaId],
    actions,
    criteria: {
      allOf: [
        { metricNamespace: "Microsoft.DBforPostgreSQL/flexibleServers", metricName, criterionType: "StaticThresholdCriterion" },
      ],
    },
  });

describe("recovery-alerts", () => {
  it("accepts a read replica with a replica-lag alert that notifies an action group", () => {
    assert.deepEqual(recoveryAlerts.checkPlan([replica, alertOn("physical_replication_delay_in_seconds")], model), []);
  });

  it("rejects a read replica without one, and one whose alert notifies nobody", () => {
    const none = recoveryAlerts.checkPlan([replica], model);
    assert.equal(none.length, 1);
    assert.match(none[0]?.message ?? "", /no metric alert with an action group on physical_replication_delay_in_seconds/);
    assert.equal(recoveryAlerts.checkPlan([replica, alertOn("physical_replication_delay_in_seconds", [])], model).length, 1);
  });

  it("asks nothing of a primary server", () => {
    const primary = res("azure-native:dbforpostgresql:Server", "psql", { serverName: "psql", createMode: "Create" });
    assert.deepEqual(recoveryAlerts.checkPlan([primary], model), []);
  });
});

describe("metric-alert-names", () => {
  it("accepts a metric of the namespace; rejects a misspelt one and an alert without an action group", () => {
    assert.deepEqual(metricAlertNames.check(alertOn("physical_replication_delay_in_seconds"), model), []);
    assert.match(
      metricAlertNames.check(alertOn("replica_lag_seconds"), model)[0] ?? "",
      /not a metric of Microsoft\.DBforPostgreSQL\/flexibleServers/,
    );
    assert.match(
      metricAlertNames.check(alertOn("physical_replication_delay_in_seconds", []), model)[0] ?? "",
      /notifies no action group/,
    );
  });
});

describe("the prod plan's alerts", () => {
  let plan: PlanResult;
  let prod: EnvironmentModel;
  before(async () => {
    prod = loadModel("prod");
    plan = await planEnvironment(prod, { only: ["foundation", "hub", "edge", "data"] });
  });

  it("has the listed signals, each on its resource, with the foundation's action group", () => {
    const alerts = plan.resources.filter((r) => r.type === "azure-native:monitor:MetricAlert");
    const signals = alerts.map((a) => {
      const c = (a.inputs.criteria as { allOf: { metricName: string }[] }).allOf[0];
      return `${(a.inputs.scopes as string[])[0]?.split("/").pop()} ${c?.metricName}`;
    });
    for (const expected of [
      "afw-plugilo-hub-prod-gwc FirewallHealth",
      "afw-plugilo-hub-prod-gn SNATPortUtilization",
      "ng-plugilo-hub-prod-gwc SNATConnectionCount",
      "agw-plugilo-edge-prod-gn UnhealthyHostCount",
      "afd-plugilo-edge-prod OriginHealthPercentage",
      "psql-plugilo-data-prod-gn physical_replication_delay_in_seconds",
      "cosmon-plugilo-data-prod ReplicationLatency",
      "cosmon-plugilo-data-prod ServiceAvailability",
      "amr-plugilo-data-prod-gn geoReplicationHealthy",
    ]) {
      assert.ok(signals.includes(expected), expected);
    }
    const group = plan.resources.find((r) => r.type === "azure-native:monitor:ActionGroup");
    assert.ok(group);
    assert.equal(String(group.inputs.groupShortName).length <= 12, true);
    for (const a of alerts) {
      assert.match(
        String((a.inputs.actions as { actionGroupId: string }[])[0]?.actionGroupId),
        /\/providers\/Microsoft\.Insights\/actionGroups\/ag-plugilo-platform-prod$/,
      );
    }
    // Replica lag above 5 min (300 s) breaks the cross-region RPO; NAT gateway SNAT failures by ConnectionState.
    const lag = alerts.find((a) => String(a.name).includes("psql-plugilo-data-prod-gn"));
    assert.ok(lag);
    assert.equal((lag.inputs.criteria as { allOf: { threshold: number }[] }).allOf[0]?.threshold, 300);
    const snat = alerts.find((a) => String(a.name).includes("ng-plugilo-hub-prod-gwc"));
    assert.ok(snat);
    assert.deepEqual((snat.inputs.criteria as { allOf: { dimensions: unknown }[] }).allOf[0]?.dimensions, [
      { name: "ConnectionState", operator: "Include", values: ["Failed"] },
    ]);
    assert.deepEqual(
      plan.findings.filter((f) => f.rule === "recovery-alerts" || f.rule === "metric-alert-names"),
      [],
    );
  });
});
