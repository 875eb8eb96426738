// biome-ignore-all lint/suspicious/noTemplateCurlyInString: "${{ ... }}" is GitHub Actions expression syntax.
// biome-ignore-all lint/suspicious/noExplicitAny: the assertions walk the parsed workflow.
/**
 * The service pipeline's additions as committed in .github/workflows/service.yml: change detection gates the
 * build, migrations against a throwaway PostgreSQL, Playwright, k6 by Grafana's actions, Claude Code's
 * review on pull requests only. Action SHAs are the release tags' commits (grafana/setup-k6-action v1.2.1,
 * grafana/run-k6-action v1.4.0, anthropics/claude-code-action v1.0.200), read from those repositories' tags.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { parse } from "yaml";
import { REPO_ROOT } from "../src/render.ts";

const workflow: any = parse(readFileSync(join(REPO_ROOT, ".github/workflows/service.yml"), "utf8"));
const jobs = workflow.jobs;
const stepUsing = (job: string, prefix: string) => jobs[job].steps.find((s: any) => String(s.uses ?? "").startsWith(prefix));

describe("service pipeline", () => {
  test("only a changed service builds: build, scans and tests wait for the change detection", () => {
    for (const job of ["build", "iac-scan", "code-quality", "migrations", "e2e", "k6"]) {
      assert.ok(jobs[job].needs.includes("changes"), `${job} needs changes`);
      assert.match(jobs[job].if, /needs\.changes\.outputs\.changed == 'true'/, job);
    }
    assert.equal(jobs.changes.outputs.changed, "${{ steps.diff.outputs.changed }}");
    const diff = jobs.changes.steps.find((s: any) => s.id === "diff").run;
    assert.match(diff, /git diff --quiet "\$BASE" "\$HEAD" -- "\$SERVICE_PATH"/);
    assert.equal(workflow.on.workflow_call.inputs["service-path"].default, ".");
    // Promotion follows the build: a skipped build skips every promotion.
    assert.ok(jobs["promote-dev"].needs.includes("build"));
  });

  test("migrations run twice against a throwaway PostgreSQL", () => {
    const steps = jobs.migrations.steps.map((s: any) => s.run ?? "").join("\n");
    assert.match(steps, /apt-get install -y postgresql redis-server/);
    assert.match(steps, /npm run \$\{\{ inputs\.migration-check-script \}\}/);
    assert.equal(workflow.on.workflow_call.inputs["migration-check-script"].default, "migrate:check");
  });

  test("Playwright with a browser", () => {
    const steps = jobs.e2e.steps.map((s: any) => s.run ?? "").join("\n");
    assert.match(steps, /npx playwright install --with-deps chromium/);
    assert.match(steps, /npm run \$\{\{ inputs\.e2e-script \}\}/);
  });

  test("k6 by the official actions, pinned, against the started service", () => {
    assert.equal(
      stepUsing("k6", "grafana/setup-k6-action@").uses,
      "grafana/setup-k6-action@db07bd9765aac508ef18982e52ab937fe633a065",
    );
    const run = stepUsing("k6", "grafana/run-k6-action@");
    assert.equal(run.uses, "grafana/run-k6-action@de51a7390bdf0ac85a3bef493691bd71d4c7c158");
    assert.match(run.with.path, /k6-script/);
    assert.match(run.with.flags, /-e BASE_URL=/);
  });

  test("AI review on pull requests only, with the ANTHROPIC_API_KEY secret, advisory", () => {
    const job = jobs["ai-review"];
    assert.equal(job.if, "github.event_name == 'pull_request'");
    assert.equal(job.needs, undefined, "not gated on builds");
    const review = stepUsing("ai-review", "anthropics/claude-code-action@");
    assert.equal(review.uses, "anthropics/claude-code-action@24dcd50c0568f0fc9e9211213a4fd2d9eb15c4e0");
    assert.equal(review.with.anthropic_api_key, "${{ secrets.ANTHROPIC_API_KEY }}");
    assert.equal(workflow.on.workflow_call.secrets.ANTHROPIC_API_KEY.required, false);
    assert.equal(job.permissions["pull-requests"], "write");
    assert.equal(job.permissions.contents, "read");
  });
});
