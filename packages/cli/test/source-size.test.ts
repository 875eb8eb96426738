/**
 * The project's rule: no source file over 400 lines in packages/*\/src and stacks/*\/src (a file that grows past
 * it holds more than one component or concern, and is split by them). Scans the repository's sources.
 */
import assert from "node:assert/strict";
import { globSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";

const ROOT = join(import.meta.dirname, "..", "..", "..");
const MAX_LINES = 400;

/** Lines as `wc -l` counts them in a file that ends with a newline. */
function lineCount(text: string): number {
  const lines = text.split("\n");
  return text.endsWith("\n") ? lines.length - 1 : lines.length;
}

const sources = globSync(["packages/*/src/**/*.ts", "stacks/*/src/**/*.ts"], { cwd: ROOT }).sort();

describe("source file size", () => {
  it("scans every package's and every stack's sources", () => {
    // A scan that found nothing would pass vacuously: each layer's program and the model must be among them.
    for (const expected of ["packages/model/src/index.ts", "packages/cli/src/main.ts", "stacks/cluster/src/program.ts"])
      assert.ok(sources.includes(expected), `${expected} is not scanned`);
    assert.ok(sources.length > 100, `only ${sources.length} files scanned`);
  });

  it("counts lines as wc -l does", () => {
    assert.equal(lineCount("a\nb\n"), 2);
    assert.equal(lineCount("a\nb"), 2);
    assert.equal(lineCount(`${"x\n".repeat(401)}`), 401);
  });

  it(`has no file over ${MAX_LINES} lines in packages/*/src and stacks/*/src`, () => {
    const offenders = sources
      .map((file) => ({ file, lines: lineCount(readFileSync(join(ROOT, file), "utf8")) }))
      .filter((f) => f.lines > MAX_LINES)
      .map((f) => `${f.file} (${f.lines} lines)`);
    assert.deepEqual(offenders, [], `split these by component or concern:\n${offenders.join("\n")}`);
  });
});
