/**
 * Non-production (access.mode tailscale): Tailscale runs in the clusters, so the access layer plans nothing
 * in Azure and the firewalls carry no AVD rule. Development is planned once (access and hub stacks); staging
 * is checked on its model, which is all the access program reads.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { type EnvironmentModel, loadModel } from "@plugilo/model";
import { type PlanResult, planEnvironment } from "@plugilo/plan";

let dev: EnvironmentModel;
let plan: PlanResult;

before(async () => {
  dev = loadModel("dev");
  plan = await planEnvironment(dev, { only: ["hub", "access"] });
});

describe("access without Azure Virtual Desktop (tailscale)", () => {
  it("plans no AVD resource, no VM and no spoke in dev", () => {
    const access = plan.resources.filter((r) => r.stack === "access");
    const azure = access.filter((r) => r.type.startsWith("azure-native:") || r.type.startsWith("random:"));
    assert.deepEqual(
      azure.map((r) => r.type),
      [],
    );
    assert.deepEqual(plan.outputs.access, { mode: "tailscale", accessVnets: [] });
  });

  it("adds no AVD rule collection group to the dev firewalls", () => {
    const groups = plan.resources.filter((r) => r.stack === "hub" && typeof r.inputs.ruleCollectionGroupName === "string");
    assert.ok(groups.length > 0);
    assert.ok(!groups.some((g) => String(g.inputs.ruleCollectionGroupName).includes("avd")));
  });

  it("resolves no AVD and no access resource group for dev and staging", () => {
    for (const model of [dev, loadModel("staging")]) {
      assert.equal(model.config.access.mode, "tailscale");
      assert.equal(model.avd, undefined, model.name);
      assert.equal(model.firewallPolicy.avd, undefined, model.name);
      const layer = model.layers.find((l) => l.kind === "access");
      assert.deepEqual(layer?.resourceGroups, {}, model.name);
    }
  });
});
