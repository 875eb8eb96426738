/**
 * Spokes get no public IP and no public LoadBalancer Service: SpokeExposureGuardrails, planned alone with
 * literal subscription IDs, assigns the built-in policy definitions (IDs from Learn's built-in policy list)
 * with deny on exactly the spoke subscriptions, each through that subscription's provider; the hub and the
 * edge, which hold the firewall's, the VPN gateway's and the Application Gateway's public IPs, are left alone.
 * https://learn.microsoft.com/azure/governance/policy/samples/built-in-policies
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { type ComponentPlan, planComponent, TEST_SUBSCRIPTIONS } from "@plugilo/testing";
import { SpokeExposureGuardrails } from "../src/spoke-exposure-guardrails.ts";

const NOT_ALLOWED_TYPES = "/providers/Microsoft.Authorization/policyDefinitions/6c112d4e-5bc7-47ae-a041-ea2d9dccd749";
const INTERNAL_LOAD_BALANCERS = "/providers/Microsoft.Authorization/policyDefinitions/3fc4dc25-5baf-40d8-9b05-7fe74c1bc64e";
const subscriptions = {
  app1: "11111111-1111-4111-8111-111111111111",
  app2: "22222222-2222-4222-8222-222222222222",
  data: "33333333-3333-4333-8333-333333333333",
  management: "44444444-4444-4444-8444-444444444444",
};

let plan: ComponentPlan;
before(async () => {
  plan = await planComponent(({ providerFor }) => {
    new SpokeExposureGuardrails("spoke-exposure", { subscriptions, providerFor });
  });
});
const assignments = (definition: string) =>
  plan.ofType("azure-native:authorization:PolicyAssignment").filter((a) => a.inputs.policyDefinitionId === definition);

describe("public exposure guardrails", () => {
  it("deny public IP addresses and prefixes on the four spoke subscriptions only", () => {
    const denied = assignments(NOT_ALLOWED_TYPES);
    assert.deepEqual(
      denied.map((a) => [a.inputs.policyAssignmentName, a.inputs.scope]),
      [
        ["no-public-ip-app1", "/subscriptions/11111111-1111-4111-8111-111111111111"],
        ["no-public-ip-app2", "/subscriptions/22222222-2222-4222-8222-222222222222"],
        ["no-public-ip-data", "/subscriptions/33333333-3333-4333-8333-333333333333"],
        ["no-public-ip-management", "/subscriptions/44444444-4444-4444-8444-444444444444"],
      ],
    );
    for (const a of denied) {
      assert.deepEqual(a.inputs.parameters, {
        listOfResourceTypesNotAllowed: { value: ["Microsoft.Network/publicIPAddresses", "Microsoft.Network/publicIPPrefixes"] },
      });
      assert.equal(a.inputs.enforcementMode, "Default");
    }
  });

  it("deny LoadBalancer Services without the internal annotation in the two cluster subscriptions", () => {
    const lb = assignments(INTERNAL_LOAD_BALANCERS);
    assert.deepEqual(
      lb.map((a) => a.inputs.scope),
      ["/subscriptions/11111111-1111-4111-8111-111111111111", "/subscriptions/22222222-2222-4222-8222-222222222222"],
    );
    for (const a of lb) assert.deepEqual(a.inputs.parameters, { effect: { value: "deny" } });
  });

  it("assigns each policy with the provider of the subscription it guards, none in the hub or connectivity", () => {
    const all = plan.ofType("azure-native:authorization:PolicyAssignment");
    assert.equal(all.length, 6);
    for (const a of all) {
      const key = String(a.inputs.policyAssignmentName).split("-").pop() as keyof typeof TEST_SUBSCRIPTIONS;
      assert.equal(plan.subscriptionOf(a), TEST_SUBSCRIPTIONS[key], String(a.inputs.policyAssignmentName));
    }
    assert.ok(all.every((a) => plan.subscriptionOf(a) !== TEST_SUBSCRIPTIONS.hub));
    assert.ok(all.every((a) => plan.subscriptionOf(a) !== TEST_SUBSCRIPTIONS.connectivity));
  });
});
