/** evaluate: every rule over the planned resources, one finding per violation. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { loadModel } from "@plugilo/model";
import { evaluate } from "@plugilo/policy";
import { DEV_TAGS, plannedResource } from "./rules/helpers.ts";

const model = loadModel("dev");
const resource = (type: string, inputs: Record<string, unknown>) => plannedResource("dev", type, inputs);
const goodTags = DEV_TAGS;

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
