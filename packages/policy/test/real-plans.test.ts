/**
 * The guardrail rules against the real plans of dev, staging and prod (each planned once, in before()):
 * no error finding of any of them, and the plan applies each. Their fixtures: rules/<rule>.test.ts.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { type EnvironmentModel, loadModel } from "@plugilo/model";
import { type PlanResult, planEnvironment } from "@plugilo/plan";
import {
  evaluate,
  noPremiumInDev,
  noPublicNetworkAccess,
  type PolicyRule,
  protectStatefulInProduction,
  tlsMinimumVersion,
} from "@plugilo/policy";

const ENVIRONMENTS = ["dev", "staging", "prod"] as const;
const planned = new Map<string, { model: EnvironmentModel; plan: PlanResult }>();
before(async () => {
  for (const env of ENVIRONMENTS) {
    const model = loadModel(env);
    planned.set(env, { model, plan: await planEnvironment(model) });
  }
});

/** No error finding of `rule` in any real plan. */
function cleanOnRealPlans(rule: PolicyRule) {
  it("finds no error in the real plans of dev, staging and prod", () => {
    for (const env of ENVIRONMENTS) {
      const { model, plan } = planned.get(env) as { model: EnvironmentModel; plan: PlanResult };
      const errors = evaluate(plan.resources, model, [rule]).filter((f) => f.severity === "error");
      assert.deepEqual(errors, [], env);
      assert.deepEqual(
        plan.findings.filter((f) => f.rule === rule.name && f.severity === "error"),
        [],
        `${env}: the plan applies ${rule.name}`,
      );
    }
  });
}

describe("no-public-network-access", () => {
  cleanOnRealPlans(noPublicNetworkAccess);
});

describe("tls-minimum-version", () => {
  cleanOnRealPlans(tlsMinimumVersion);
});

describe("protect-stateful-in-production", () => {
  cleanOnRealPlans(protectStatefulInProduction);
});

describe("no-premium-in-dev", () => {
  cleanOnRealPlans(noPremiumInDev);
  it("warns about nothing in the real dev plan", () => {
    const { model, plan } = planned.get("dev") as { model: EnvironmentModel; plan: PlanResult };
    assert.deepEqual(evaluate(plan.resources, model, [noPremiumInDev]), []);
  });
});
