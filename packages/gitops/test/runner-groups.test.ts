// biome-ignore-all lint/suspicious/noExplicitAny: the assertions walk rendered Helm values.
/**
 * The runner scale sets as rendered: production's deploy set registers with the organization into the runner
 * group `plugilo-prod-linux` (gha-runner-scale-set 0.14.2 values.yaml: `runnerGroup`, organization or
 * enterprise registration only; docs/adr/0137); every other set stays registered for its one repository.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { renderAll, valuesOf } from "./helpers.ts";

const rendered = renderAll();

describe("runner groups", () => {
  it("registers prod's deploy set with the organization into its restricted group", () => {
    const app1 = rendered.prod.clusters.find((c) => c.cluster === "app1");
    assert.ok(app1);
    const v = valuesOf(app1, "arc-runners-linux");
    assert.equal(v.githubConfigUrl, "https://github.com/plugilo");
    assert.equal(v.runnerGroup, "plugilo-prod-linux");
    assert.equal(v.runnerScaleSetName, "plugilo-prod-linux");
  });

  it("keeps dev's sets registered per repository, without a group", () => {
    const app1 = rendered.dev.clusters.find((c) => c.cluster === "app1");
    assert.ok(app1);
    const urls: Record<string, string> = {
      "arc-runners-linux": "https://github.com/plugilo/platform",
      "arc-runners-preview": "https://github.com/plugilo/platform",
      "arc-runners-build-example-api": "https://github.com/plugilo/example-api",
    };
    for (const [app, url] of Object.entries(urls)) {
      const v: any = valuesOf(app1, app);
      assert.equal(v.githubConfigUrl, url, app);
      assert.equal(v.runnerGroup, undefined, app);
    }
  });
});
