import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { loadModel } from "@plugilo/model";
import { planEnvironment, planToJson, runStack, SimulatedAzure } from "@plugilo/plan";
import * as pulumi from "@pulumi/pulumi";
import { Raw } from "./fixtures/raw-resource.ts";

const model = loadModel("dev");

class Box extends pulumi.ComponentResource {
  constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
    super("test:index:Box", name, {}, opts);
    this.registerOutputs({});
  }
}

describe("runStack", () => {
  it("records type, name, parent, protect and resolved inputs, with outputs of other resources resolved", async () => {
    const run = await runStack(
      "p",
      "s",
      () => {
        const box = new Box("box");
        const first = new Raw(
          "azure-native:resources:ResourceGroup",
          "rg",
          { resourceGroupName: "rg-a", location: "germanynorth" },
          { parent: box, protect: true },
        );
        new Raw("test:index:Thing", "thing", { ref: first.id, secret: pulumi.secret("s3cr3t") }, { parent: box });
        return { answer: 42 };
      },
      new SimulatedAzure(model),
    );
    assert.equal(run.error, undefined);
    assert.deepEqual(run.outputs, { answer: 42 });
    const rg = run.resources.find((r) => r.name === "rg");
    const box = run.resources.find((r) => r.name === "box");
    const thing = run.resources.find((r) => r.name === "thing");
    assert.ok(rg && box && thing);
    assert.equal(rg.parent, box.urn);
    assert.equal(rg.protect, true);
    assert.equal(thing.protect, false);
    assert.equal(rg.inputs.location, "germanynorth");
    assert.equal(thing.inputs.ref, `/subscriptions/${model.subscriptions.management}/resourceGroups/rg-a`);
    assert.equal(thing.inputs.secret, "[secret]");
    assert.ok(run.resources.some((r) => r.type === "pulumi:pulumi:Stack" && r.parent === null));
  });

  it("reports a failing program as an error instead of crashing the plan", async () => {
    const run = await runStack(
      "p",
      "s",
      () => {
        throw new Error("boom");
      },
      new SimulatedAzure(model),
    );
    assert.match(run.error ?? "", /boom/);
  });

  it("fails the stack when an apply throws (the registration that takes the output is rejected)", () => {
    const out = execFileSync(process.execPath, [fileURLToPath(new URL("./fixtures/apply-throws.ts", import.meta.url))], {
      encoding: "utf8",
    });
    // The SDK leaves that rejection unhandled; the stack reports it, and the next stack runs clean.
    assert.deepEqual(JSON.parse(out), { failing: 'error serializing property "ref": refused rg-a', next: null });
  });
});

describe("planEnvironment", () => {
  it("runs every layer in order, reports progress, and prints exactly the JSON contract", async () => {
    const progress: string[] = [];
    const plan = await planEnvironment(model, { onProgress: (p) => progress.push(`${p.phase}:${p.stack}`) });
    const names = plan.stacks.map((s) => s.name);
    assert.deepEqual(names.slice(0, 4), ["foundation", "hub", "shared", "edge"]);
    assert.ok(names.includes("app1") && names.includes("app2") && names.includes("data"));
    assert.deepEqual(progress.slice(0, 2), ["start:foundation", "done:foundation"]);
    for (const s of plan.stacks) assert.equal(s.resourceCount, plan.resources.filter((r) => r.stack === s.name).length);

    const json = JSON.parse(planToJson(plan));
    assert.deepEqual(Object.keys(json), ["environment", "stacks", "resources", "findings"]);
    assert.deepEqual(Object.keys(json.resources[0]), ["stack", "urn", "type", "name", "parent", "protect", "inputs"]);
    assert.deepEqual(Object.keys(json.stacks[0]), ["name", "resourceCount"]);
    for (const f of json.findings) assert.deepEqual(Object.keys(f), ["rule", "severity", "urn", "message"]);
  });

  it("prints the same plan with the SDKs' alias URNs as without them (addresses do not follow registration order)", async () => {
    // The hub hands out public and firewall addresses and the multicloud layer's customer gateways name the
    // VPN gateway's: when addresses followed registration order, they were others without the aliases.
    const only = ["hub", "multicloud"];
    const withAliases = await planEnvironment(model, { only, keepAliases: true });
    const withoutAliases = await planEnvironment(model, { only });
    const gateways = withoutAliases.resources.filter((r) => r.type === "aws:ec2/customerGateway:CustomerGateway");
    assert.ok(gateways.length > 0 && gateways.every((g) => String(g.inputs.ipAddress).startsWith("203.0.113.")));
    assert.equal(planToJson(withoutAliases), planToJson(withAliases));
  });

  it("prints the same plan with the SDK's source positions and promise tracking as without them", async () => {
    const tracked = await planEnvironment(model, { sdkShortcuts: false });
    const plan = await planEnvironment(model);
    assert.ok(plan.resources.length > 400 && plan.stacks.length === tracked.stacks.length);
    assert.equal(planToJson(plan), planToJson(tracked));
  });

  it("plans only the requested stacks", async () => {
    const plan = await planEnvironment(model, { only: ["hub"] });
    assert.deepEqual(
      plan.stacks.map((s) => s.name),
      ["hub"],
    );
  });
});
