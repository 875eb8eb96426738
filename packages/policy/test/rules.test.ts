import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { loadModel } from "@plugilo/model";
import { allowedLocations, evaluate, type PlannedResource, requiredTags } from "@plugilo/policy";

const model = loadModel("dev");

function resource(type: string, inputs: Record<string, unknown>): PlannedResource {
  return { stack: "test", urn: `urn:pulumi:dev::test::${type}::r`, type, name: "r", parent: null, protect: false, inputs };
}
const goodTags = {
  owner: "platform@plugilo.example",
  "cost-center": "CC-1",
  "data-classification": "internal",
  environment: "dev",
};

describe("allowed-locations", () => {
  it("accepts the German regions, their display names and global", () => {
    for (const location of ["germanywestcentral", "germanynorth", "Germany West Central", "global"]) {
      assert.deepEqual(allowedLocations.check(resource("azure-native:network:VirtualNetwork", { location }), model), []);
    }
  });
  it("rejects a region outside Germany", () => {
    const messages = allowedLocations.check(resource("azure-native:network:VirtualNetwork", { location: "westeurope" }), model);
    assert.equal(messages.length, 1);
    assert.match(messages[0] ?? "", /westeurope.*outside Germany/);
  });
  it("ignores resources of other providers", () => {
    assert.deepEqual(allowedLocations.check(resource("aws:ec2:VpnGateway", { location: "eu-central-1" }), model), []);
  });
});

describe("required-tags", () => {
  it("accepts a resource with every required tag naming this environment", () => {
    assert.deepEqual(requiredTags.check(resource("azure-native:network:VirtualNetwork", { tags: goodTags }), model), []);
  });
  it("names each missing tag", () => {
    const { owner: _, ...withoutOwner } = goodTags;
    const messages = requiredTags.check(resource("azure-native:network:VirtualNetwork", { tags: withoutOwner }), model);
    assert.deepEqual(messages, ["is missing required tag(s): owner"]);
  });
  it("rejects an untagged resource and a tag naming another environment", () => {
    assert.equal(requiredTags.check(resource("azure-native:network:VirtualNetwork", {}), model).length, 1);
    const other = requiredTags.check(
      resource("azure-native:network:VirtualNetwork", { tags: { ...goodTags, environment: "prod" } }),
      model,
    );
    assert.match(other[0] ?? "", /environment=prod/);
  });
  it("skips resource types Azure cannot tag", () => {
    assert.deepEqual(requiredTags.check(resource("azure-native:network:Subnet", {}), model), []);
  });
});

describe("evaluate", () => {
  it("reports rule, severity, urn and a message naming the resource", () => {
    const bad = resource("azure-native:network:VirtualNetwork", { location: "eastus", tags: goodTags });
    const findings = evaluate([bad], model);
    assert.deepEqual(
      findings.map((f) => [f.rule, f.severity, f.urn]),
      [["allowed-locations", "error", bad.urn]],
    );
    assert.match(findings[0]?.message ?? "", /^azure-native:network:VirtualNetwork r: location "eastus"/);
  });
});
