/** The harness itself: what it records, and that it reports a program's failure instead of hiding it. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { planComponent, planFailure } from "@plugilo/testing";
import { ResourceGroup } from "@pulumi/azure-native/resources/index.js";

describe("planComponent", () => {
  it("records each resource with its inputs, and the subscription of the provider it was made with", async () => {
    const plan = await planComponent(({ providerFor }) => {
      const rg = new ResourceGroup(
        "rg-a",
        { resourceGroupName: "rg-a", location: "germanynorth" },
        { provider: providerFor("data") },
      );
      return { id: rg.id };
    });
    const rg = plan.named("azure-native:resources:ResourceGroup", "rg-a");
    assert.deepEqual(rg.inputs, { resourceGroupName: "rg-a", location: "germanynorth" });
    assert.equal(plan.subscriptionOf(rg), "00000000-0000-4000-8000-000000000006");
    assert.equal(plan.outputs.id, "/subscriptions/00000000-0000-4000-8000-000000000006/resourceGroups/rg-a");
    assert.throws(
      () => plan.named("azure-native:resources:ResourceGroup", "rg-b"),
      /no azure-native:resources:ResourceGroup named rg-b \(planned: rg-a\)/,
    );
  });

  it("rejects when the program throws, and planFailure rejects when it does not", async () => {
    await assert.rejects(
      planComponent(() => {
        throw new Error("bad args");
      }),
      /the planned program failed: bad args/,
    );
    assert.equal(
      await planFailure(() => {
        throw new Error("bad args");
      }),
      "bad args",
    );
    await assert.rejects(
      planFailure(() => undefined),
      /the program planned 0 resources without an error/,
    );
  });
});
