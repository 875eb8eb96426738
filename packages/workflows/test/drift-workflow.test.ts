/**
 * The drift workflow as GitHub reads it: parsed by GitHub's own parser with no error; scheduled, never run for
 * a pull request; every stack of every environment previewed with --expect-no-changes behind the environment's
 * read-only `<env>-preview` GitHub environment; only the report job may write, and only issues.
 */
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: "${{ ... }}" here is GitHub Actions expression syntax, not a template.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { listEnvironments, loadModel } from "@plugilo/model";
import { parse } from "yaml";
import { REPO_ROOT } from "../src/render.ts";
import { type ParsedWorkflow, parseWorkflowFile } from "../src/workflow-parser.ts";
import type { Workflow } from "../src/workflow-types.ts";

const file = join(REPO_ROOT, ".github/workflows/drift.yml");
let parsed: ParsedWorkflow;
let drift: Workflow;
before(async () => {
  const content = readFileSync(file, "utf8");
  parsed = await parseWorkflowFile(".github/workflows/drift.yml", content);
  drift = parse(content) as Workflow;
});

describe("drift workflow", () => {
  it("parses and converts with GitHub's parser", () => {
    assert.deepEqual(parsed.errors, []);
    assert.ok(parsed.template);
  });

  it("runs daily and on demand, never for a pull request", () => {
    assert.deepEqual(Object.keys(drift.on).sort(), ["schedule", "workflow_dispatch"]);
    assert.deepEqual(drift.on.schedule, [{ cron: "17 5 * * *" }]);
    assert.deepEqual(drift.permissions, { contents: "read" });
  });

  it("previews every stack of every environment with --expect-no-changes, as the read identity", () => {
    for (const env of listEnvironments()) {
      const model = loadModel(env);
      const job = drift.jobs[`drift-${env}`];
      assert.ok(job, env);
      assert.deepEqual(job.environment, { name: `${env}-preview`, deployment: false });
      assert.deepEqual(job.permissions, { "id-token": "write", contents: "read" });
      const include = (job.strategy?.matrix.include ?? []) as { name: string; stack: string; "runs-on": string }[];
      const expected = model.layers.map((l) => l.name);
      assert.deepEqual(
        include.map((i) => i.name),
        expected,
      );
      // The cluster stacks reach private API servers: the environment's runners; the rest GitHub-hosted.
      for (const i of include) {
        const cluster = model.clusters.some((c) => c.name === i.name);
        assert.equal(i["runs-on"] === "ubuntu-24.04", !cluster, `${env} ${i.name}`);
        assert.equal(i.stack, cluster ? `${env}-${i.name}` : env);
      }
      const preview = job.steps.find((s) => s.run?.includes("pulumi preview"));
      assert.match(preview?.run ?? "", /pulumi preview --expect-no-changes --stack \$\{\{ matrix\.stack \}\}/);
      assert.match(preview?.run ?? "", /set -o pipefail/);
      assert.ok(!job.steps.some((s) => /pulumi (up|refresh|destroy)/.test(s.run ?? "")), "read-only commands only");
      assert.equal(job.env?.ARM_CLIENT_ID, "${{ vars.AZURE_CLIENT_ID }}");
    }
  });

  it("reports drift in one issue, with issues: write only, after any failed preview", () => {
    const report = drift.jobs.report;
    assert.ok(report);
    assert.deepEqual(report.permissions, { issues: "write" });
    assert.deepEqual(
      report.needs,
      listEnvironments().map((e) => `drift-${e}`),
    );
    assert.equal(report.if, "always() && contains(needs.*.result, 'failure')");
    assert.match(report.steps[0]?.run ?? "", /gh issue list --label drift --state open/);
    assert.match(report.steps[0]?.run ?? "", /gh issue create --title "Infrastructure drift" --label drift/);
  });
});
