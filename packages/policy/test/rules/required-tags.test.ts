/** required-tags: a passing and a violating fixture for each case. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { loadModel } from "@plugilo/model";
import { requiredTags } from "@plugilo/policy";
import { DEV_TAGS, plannedResource } from "./helpers.ts";

const model = loadModel("dev");
const resource = (type: string, inputs: Record<string, unknown>) => plannedResource("dev", type, inputs);
const goodTags = DEV_TAGS;

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
