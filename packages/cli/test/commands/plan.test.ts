import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { it } from "node:test";
import { plugilo } from "../run-plugilo.ts";

it("plans every environment in one command: one JSON document per environment, on stdout or one file each", async () => {
  const dir = mkdtempSync(join(tmpdir(), "plugilo-plan-"));
  try {
    const all = await plugilo("plan", "--all", "--stack", "foundation", "--out-dir", dir);
    assert.equal(all.code, 0, all.stderr);
    assert.deepEqual(readdirSync(dir).sort(), ["dev.json", "prod.json", "staging.json"]);
    for (const env of ["dev", "staging", "prod"]) {
      const plan = JSON.parse(readFileSync(join(dir, `${env}.json`), "utf8"));
      assert.equal(plan.environment, env);
      assert.deepEqual(
        plan.stacks.map((s: { name: string }) => s.name),
        ["foundation"],
      );
    }
    // On stdout: the documents one after the other, in the order named, each exactly its file; planned in
    // two workers, the files (above) in whatever the default is on this machine.
    const two = await plugilo("plan", "prod", "dev", "--stack", "foundation", "--json", "--jobs", "2");
    assert.equal(two.code, 0, two.stderr);
    assert.equal(two.stdout, readFileSync(join(dir, "prod.json"), "utf8") + readFileSync(join(dir, "dev.json"), "utf8"));
    assert.match(two.stderr, /^prod \[1\/1\] foundation: \d+ resources/m);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

it("refuses environments together with --all, and a job count that is not a whole number", async () => {
  assert.equal((await plugilo("plan", "dev", "--all")).code, 2);
  assert.equal((await plugilo("plan", "dev", "--jobs", "0")).code, 2);
});
