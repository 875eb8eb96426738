/**
 * `plugilo deploy` through the Automation API against a stand-in `pulumi` executable (a shell script made by
 * the test, handed over as PulumiCommand.get({ root })) that records every invocation with its working
 * directory, answers `version`, `stack output` and `stack history`, writes a summary event to the event log, and fails for
 * one stack on request: the stacks run in the model's order, preview by default and `up --yes` with --yes,
 * the policy pack on each, and nothing runs after a failure.
 */
import assert from "node:assert/strict";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, beforeEach, describe, it } from "node:test";
import { loadModel } from "@plugilo/model";
import { PulumiCommand } from "@pulumi/pulumi/automation/index.js";
import { deployTargets, runDeploy, UnknownStack } from "../../src/deploy/run-deploy.ts";

const repoRoot = join(import.meta.dirname, "../../../..");
const root = mkdtempSync(join(tmpdir(), "fake-pulumi-"));
const log = join(root, "invocations.log");

// The stand-in CLI: one line per invocation, "<cwd>|<args>"; FAKE_PULUMI_FAIL_IN names a folder whose
// preview and up fail with exit 255, as Pulumi does on an error.
const script = `#!/bin/sh
printf '%s|%s\\n' "$(pwd)" "$*" >> "${log}"
case "$1" in
  version) echo "v3.200.0"; exit 0 ;;
  stack)
    if [ "$2" = "output" ]; then echo '{}'; fi
    if [ "$2" = "history" ]; then echo '[{"version":1,"kind":"update","result":"succeeded","startTime":"2026-01-01T00:00:00.000Z","endTime":"2026-01-01T00:00:01.000Z","resourceChanges":{"same":2}}]'; fi
    exit 0 ;;
  preview|up)
    if [ -n "$FAKE_PULUMI_FAIL_IN" ] && [ "$(pwd)" = "$FAKE_PULUMI_FAIL_IN" ]; then echo "error: resource refused" >&2; exit 255; fi
    while [ $# -gt 0 ]; do
      if [ "$1" = "--event-log" ]; then printf '%s\\n' '{"sequence":1,"timestamp":1,"summaryEvent":{"maybeCorrupt":false,"durationSeconds":1,"resourceChanges":{"same":2},"PolicyPacks":{}}}' >> "$2"; fi
      shift
    done
    echo "Previewing update"; exit 0 ;;
esac
exit 0
`;

let pulumi: PulumiCommand;
const model = loadModel("prod");

before(async () => {
  mkdirSync(join(root, "bin"));
  writeFileSync(join(root, "bin/pulumi"), script);
  chmodSync(join(root, "bin/pulumi"), 0o755);
  pulumi = await PulumiCommand.get({ root, skipVersionCheck: true });
});
after(() => rmSync(root, { recursive: true, force: true }));
beforeEach(() => {
  writeFileSync(log, "");
  delete process.env.FAKE_PULUMI_FAIL_IN;
});

function invocations(): { cwd: string; args: string[] }[] {
  return readFileSync(log, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => {
      const [cwd, args] = line.split("|") as [string, string];
      return { cwd: cwd.slice(repoRoot.length + 1), args: args.split(" ") };
    });
}

describe("plugilo deploy (Automation API, stand-in pulumi)", () => {
  it("previews every stack in the model's order, each with the policy pack, and stops nowhere", async () => {
    const result = await runDeploy(deployTargets(model), { repoRoot, yes: false, pulumiCommand: pulumi });
    assert.equal(result.failed, undefined);
    const runs = invocations().filter((i) => i.args[0] === "preview");
    assert.deepEqual(
      runs.map((r) => [r.cwd, r.args[r.args.indexOf("--stack") + 1]]),
      [
        ["stacks/foundation", "prod"],
        ["stacks/hub", "prod"],
        ["stacks/shared", "prod"],
        ["stacks/edge", "prod"],
        ["stacks/cluster", "prod-app1"],
        ["stacks/cluster", "prod-app2"],
        ["stacks/data", "prod"],
        ["stacks/access", "prod"],
        ["stacks/multicloud", "prod"],
      ],
    );
    for (const r of runs) {
      assert.equal(r.args[r.args.indexOf("--policy-pack") + 1], join(repoRoot, "packages/policy/pack"));
      assert.ok(r.args.includes("--diff"));
    }
    // Each stack is selected (never created) before its preview.
    const selects = invocations().filter((i) => i.args[0] === "stack" && i.args[1] === "select");
    assert.equal(selects.length, 9);
    assert.ok(!invocations().some((i) => i.args[0] === "up" || (i.args[0] === "stack" && i.args[1] === "init")));
  });

  it("--yes runs up --yes on the named stacks only, in deployment order whatever order they were named in", async () => {
    const targets = deployTargets(model, ["data", "hub"]);
    const result = await runDeploy(targets, { repoRoot, yes: true, pulumiCommand: pulumi });
    assert.equal(result.failed, undefined);
    const ups = invocations().filter((i) => i.args[0] === "up");
    assert.deepEqual(
      ups.map((u) => u.cwd),
      ["stacks/hub", "stacks/data"],
    );
    for (const u of ups) assert.deepEqual(u.args.slice(0, 3), ["up", "--yes", "--skip-preview"]);
  });

  it("stops at the first stack that fails and says what was not run", async () => {
    process.env.FAKE_PULUMI_FAIL_IN = join(repoRoot, "stacks/shared");
    const result = await runDeploy(deployTargets(model), { repoRoot, yes: true, pulumiCommand: pulumi });
    assert.deepEqual(
      result.done.map((t) => t.name),
      ["foundation", "hub"],
    );
    assert.equal(result.failed?.target.name, "shared");
    assert.match(result.failed?.message ?? "", /exit code 255.*error: resource refused/s, JSON.stringify(result.failed));
    assert.deepEqual(
      result.notRun.map((t) => t.name),
      ["edge", "app1", "app2", "data", "access", "multicloud"],
    );
    assert.ok(!invocations().some((i) => i.cwd === "stacks/edge"));
  });

  it("bootstrap only when named; an unknown stack is refused before anything runs", () => {
    assert.ok(!deployTargets(model).some((t) => t.name === "bootstrap"));
    assert.deepEqual(deployTargets(model, ["bootstrap"]), [{ name: "bootstrap", dir: "stacks/bootstrap", stack: "prod" }]);
    assert.throws(() => deployTargets(model, ["hubb"]), UnknownStack);
  });
});
