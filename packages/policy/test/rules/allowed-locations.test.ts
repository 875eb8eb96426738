/** allowed-locations: a passing and a violating fixture for each case. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { loadModel } from "@plugilo/model";
import { allowedLocations } from "@plugilo/policy";
import { DEV_TAGS, plannedResource } from "./helpers.ts";

const model = loadModel("dev");
const resource = (type: string, inputs: Record<string, unknown>) => plannedResource("dev", type, inputs);
const _goodTags = DEV_TAGS;

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
