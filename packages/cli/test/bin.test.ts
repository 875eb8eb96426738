/** The installed binary works like `npm run plugilo --`, also when started by an older Node. */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { describe, it } from "node:test";
import { root } from "./run-plugilo.ts";

/** A Node.js on PATH that is not the project's (the machine's own, Node 20 on CI). */
function systemNode(): { path: string; major: number } | undefined {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    if (dir.includes("node_modules")) continue;
    const path = join(dir, "node");
    if (!existsSync(path)) continue;
    const r = spawnSync(path, ["-p", "process.versions.node"], { encoding: "utf8" });
    if (r.status === 0) return { path, major: Number(r.stdout.split(".")[0]) };
  }
  return undefined;
}

describe("installed bin", () => {
  it("npm exec -- plugilo --help lists the commands (it printed nothing before)", () => {
    const r = spawnSync("npm", ["exec", "--", "plugilo", "--help"], { cwd: root, encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
    for (const command of ["validate", "plan", "ipam", "render"]) assert.match(r.stdout, new RegExp(`^  ${command} `, "m"));
  });

  it("npm exec -- plugilo plan plans, with the same exit codes", () => {
    const r = spawnSync("npm", ["exec", "--", "plugilo", "plan", "dev", "--stack", "shared", "--json"], {
      cwd: root,
      encoding: "utf8",
    });
    assert.equal(r.status, 0, r.stderr);
    const plan = JSON.parse(r.stdout);
    assert.equal(plan.environment, "dev");
    assert.deepEqual(
      plan.stacks.map((s: { name: string }) => s.name),
      ["shared"],
    );
    assert.ok(plan.resources.length > 0);
    const bad = spawnSync("npm", ["exec", "--", "plugilo", "plan", "qa"], { cwd: root, encoding: "utf8" });
    assert.equal(bad.status, 2);
  });

  it("started by the machine's own Node, it runs on the project's Node 24 (or runs directly on 24+)", () => {
    const node = systemNode();
    assert.ok(node, "a node on PATH");
    const r = spawnSync(node.path, [join(root, "packages/cli/bin/plugilo.js"), "validate", "dev"], {
      cwd: root,
      encoding: "utf8",
    });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /environments\/dev\.yaml: valid/);
  });

  it("on Node < 24 without the project's Node, it says so and exits 2", () => {
    const node = systemNode();
    assert.ok(node, "a node on PATH");
    // A copy of the bin outside the repository finds no node_modules/node.
    const dir = mkdtempSync(join(tmpdir(), "plugilo-bin-"));
    try {
      mkdirSync(join(dir, "bin"));
      copyFileSync(join(root, "packages/cli/bin/plugilo.js"), join(dir, "bin/plugilo.js"));
      const r = spawnSync(node.path, [join(dir, "bin/plugilo.js"), "--help"], { encoding: "utf8" });
      if (node.major < 24) {
        assert.equal(r.status, 2);
        assert.match(r.stderr, /plugilo needs Node\.js 24 or newer \(this is v\d+/);
        assert.match(r.stderr, /run npm ci/);
      } else {
        // On Node 24 the copy goes straight to ../src/start.ts, which the copy does not have.
        assert.notEqual(r.status, 0);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
