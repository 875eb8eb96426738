/**
 * Spokes get no public IP and no public LoadBalancer Service: the built-in policy definitions (IDs from
 * Learn's built-in policy list) assigned, with deny, on exactly the spoke subscriptions; the hub and the
 * edge, which hold the firewall's, the VPN gateway's and the Application Gateway's public IPs, are left alone.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { loadModel } from "@plugilo/model";
import { type PlanResult, planEnvironment } from "@plugilo/plan";

let plan: PlanResult;
const model = loadModel("prod");
before(async () => {
  plan = await planEnvironment(model, { only: ["foundation"] });
});
const assignments = () => plan.resources.filter((r) => r.type === "azure-native:authorization:PolicyAssignment");

describe("public exposure guardrails (prod)", () => {
  it("deny public IP addresses on the spoke subscriptions only", () => {
    const denied = assignments().filter(
      (a) =>
        a.inputs.policyDefinitionId ===
        "/providers/Microsoft.Authorization/policyDefinitions/6c112d4e-5bc7-47ae-a041-ea2d9dccd749",
    );
    const s = model.subscriptions;
    assert.deepEqual(
      denied.map((a) => a.inputs.scope).sort(),
      [s.app1, s.app2, s.data, s.management].map((id) => `/subscriptions/${id}`).sort(),
    );
    for (const a of denied)
      assert.deepEqual(a.inputs.parameters, {
        listOfResourceTypesNotAllowed: { value: ["Microsoft.Network/publicIPAddresses", "Microsoft.Network/publicIPPrefixes"] },
      });
    assert.ok(!denied.some((a) => [s.hub, s.connectivity].some((id) => a.inputs.scope === `/subscriptions/${id}`)));
  });

  it("deny LoadBalancer Services without the internal annotation in the cluster subscriptions (AKS policy add-on)", () => {
    const lb = assignments().filter(
      (a) =>
        a.inputs.policyDefinitionId ===
        "/providers/Microsoft.Authorization/policyDefinitions/3fc4dc25-5baf-40d8-9b05-7fe74c1bc64e",
    );
    assert.deepEqual(lb.map((a) => a.inputs.scope).sort(), [
      `/subscriptions/${model.subscriptions.app1}`,
      `/subscriptions/${model.subscriptions.app2}`,
    ]);
    for (const a of lb) assert.deepEqual(a.inputs.parameters, { effect: { value: "deny" } });
  });
});
