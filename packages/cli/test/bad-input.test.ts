/** Bad input through the installed bin: exit 2 and one clear line, never a stack trace. */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { errorLines, plugilo } from "./run-plugilo.ts";

let scratch = "";
before(() => {
  scratch = mkdtempSync(join(tmpdir(), "plugilo-bad-input-"));
});
after(() => rmSync(scratch, { recursive: true, force: true }));

function assertOneLine(r: { code: number; stdout: string; stderr: string }, pattern: RegExp) {
  assert.equal(r.code, 2, r.stderr);
  const lines = errorLines(r);
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0] ?? "", pattern);
  assert.doesNotMatch(r.stderr, /\n\s+at /, "no stack trace");
}

describe("bad input", () => {
  it("a directory: exit 2, one line", async () => {
    assertOneLine(await plugilo("validate", "environments/"), /^error: environments: is a directory/);
  });

  it("an unreadable file: exit 2, one line", async () => {
    assertOneLine(await plugilo("validate", "/proc/self/mem"), /^error: \/proc\/self\/mem: cannot read the file \(EIO/);
  });

  it("an alias bomb: exit 2, one line, quickly", async () => {
    const rows = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 9; i++) {
      const [name, prev] = [String.fromCharCode(97 + i), String.fromCharCode(96 + i)];
      rows.push(`${name}: &${name} [${Array(10).fill(`*${prev}`).join(", ")}]`);
    }
    const file = join(scratch, "bomb.yaml");
    writeFileSync(file, `${rows.join("\n")}\n`);
    assertOneLine(await plugilo("plan", file), /bomb\.yaml: YAML aliases expand to too many nodes/);
  });

  it("an unknown stack: exit 2, one line listing the stacks, nothing planned", async () => {
    const r = await plugilo("plan", "dev", "--stack", "nosuchstack");
    assertOneLine(r, /^error: unknown stack "nosuchstack" in dev \(its stacks: foundation, hub, shared, edge, app1, app2/);
    assert.equal(r.stdout, "");
    // The bootstrap stack is no layer, yet a known name: planned alone when asked for.
    const bootstrap = await plugilo("plan", "dev", "--stack", "bootstrap", "--json");
    assert.equal(bootstrap.code, 0, bootstrap.stderr);
    assert.deepEqual(
      JSON.parse(bootstrap.stdout).stacks.map((s: { name: string }) => s.name),
      ["bootstrap"],
    );
  });

  it("an unknown environment: exit 2, one line listing the known ones", async () => {
    assertOneLine(
      await plugilo("plan", "qa"),
      /^error: environments\/qa\.yaml: no such environment file \(known: dev, staging, prod\)/,
    );
  });
});
