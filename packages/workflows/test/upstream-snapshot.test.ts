/**
 * The upstream snapshot on GitHub's runners (docs/adr/0136): the committed infrastructure workflow's `checks`
 * job checks out the pinned snapshot repository with actions/checkout pinned by SHA, verifies the content
 * digest, and points PLUGILO_UPSTREAM and PLUGILO_CRD_SCHEMAS at it before any step that reads it; the digest
 * check accepts exactly the pinned content.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { parse } from "yaml";
import { REPO_ROOT } from "../src/render.ts";
import { parseUpstreamSnapshotPin, upstreamSnapshotDigest } from "../src/upstream-snapshot.ts";
import type { Workflow } from "../src/workflow-types.ts";

const infra = parse(readFileSync(join(REPO_ROOT, ".github/workflows/infrastructure.yml"), "utf8")) as Workflow;
const pin = JSON.parse(readFileSync(join(REPO_ROOT, ".github/upstream-snapshot.json"), "utf8"));
const SCRIPT = join(REPO_ROOT, "packages/workflows/src/upstream-snapshot.ts");
const snapshot = process.env.PLUGILO_UPSTREAM || join(REPO_ROOT, "..", "shared", "upstream");

describe("the checks job on a GitHub runner", () => {
  const steps = () => infra.jobs.checks?.steps ?? [];
  const index = (name: string) => steps().findIndex((s) => s.name === name);

  it("checks out the pinned snapshot repository with actions/checkout at its v7.0.1 commit, without credentials", () => {
    const checkout = steps().find((s) => s.with?.repository === "plugilo/upstream-snapshot");
    assert.equal(checkout?.uses, "actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1");
    assert.deepEqual(checkout?.with, {
      repository: "plugilo/upstream-snapshot",
      ref: "main",
      path: ".upstream-snapshot",
      "persist-credentials": false,
    });
  });

  it("verifies the digest and sets PLUGILO_UPSTREAM and PLUGILO_CRD_SCHEMAS before the tests and render --check", () => {
    const setup = steps().find((s) => s.run?.includes("upstream-snapshot.ts verify"));
    const run = setup?.run ?? "";
    assert.match(run, /node packages\/workflows\/src\/upstream-snapshot\.ts verify \.upstream-snapshot\n/);
    assert.match(run, /mv \.upstream-snapshot "\$RUNNER_TEMP\/upstream"/);
    assert.match(run, /echo "PLUGILO_UPSTREAM=\$RUNNER_TEMP\/upstream" >> "\$GITHUB_ENV"/);
    assert.match(run, /echo "PLUGILO_CRD_SCHEMAS=\$RUNNER_TEMP\/upstream\/crds" >> "\$GITHUB_ENV"/);
    const at = steps().indexOf(setup as never);
    const checkoutAt = steps().findIndex((s) => s.with?.repository === "plugilo/upstream-snapshot");
    assert.ok(checkoutAt >= 0 && checkoutAt < at, "checked out before it is verified");
    assert.ok(index("Install") < checkoutAt, "after npm ci: the repository's own checkout would clean it away otherwise");
    for (const reader of ["Tests", "deploy/ is up to date", "The workflows are up to date"])
      assert.ok(at >= 0 && at < index(reader), `${reader} runs after the snapshot is in place`);
  });
});

describe("the snapshot pin", () => {
  let copy: string;
  before(() => {
    copy = mkdtempSync(join(tmpdir(), "plugilo-upstream-"));
    cpSync(snapshot, copy, { recursive: true });
  });
  after(() => rmSync(copy, { recursive: true, force: true }));
  const verify = (dir: string) => spawnSync(process.execPath, [SCRIPT, "verify", dir], { encoding: "utf8" });

  it("is the digest of the snapshot the checks run against here", () => {
    assert.match(pin.sha256, /^[0-9a-f]{64}$/);
    assert.equal(upstreamSnapshotDigest(snapshot), pin.sha256);
    const ok = verify(copy);
    assert.equal(ok.status, 0, ok.stderr);
  });

  it("fails the job, naming the pin file, when one file of the snapshot differs", () => {
    writeFileSync(join(copy, "images.json"), `${readFileSync(join(copy, "images.json"), "utf8")} `);
    const bad = verify(copy);
    assert.equal(bad.status, 1);
    assert.match(
      bad.stderr,
      /::error file=\.github\/upstream-snapshot\.json::the upstream snapshot in .* has digest [0-9a-f]{64}, the pin says /,
    );
  });

  it("rejects a malformed pin with the file and the field", () => {
    assert.throws(
      () => parseUpstreamSnapshotPin('{"repository":"plugilo/upstream-snapshot","ref":"main","sha256":"abc"}'),
      /\.github\/upstream-snapshot\.json: sha256 must be 64 lower-case hex digits/,
    );
    assert.throws(() => parseUpstreamSnapshotPin('{"repository":"no slash","ref":"main"}'), /: repository must be owner\/name/);
    assert.throws(() => parseUpstreamSnapshotPin("{"), /\.github\/upstream-snapshot\.json: not JSON/);
  });
});
