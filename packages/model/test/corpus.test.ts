/**
 * The corpus of bad configurations in fixtures/bad: each file is a valid environment with one defect, and
 * fixtures/bad/cases.json says which field path the error must name and a word its message must contain.
 * The CLI's tests loop over the same manifest, so keep its format: [{ "file", "path", "contains" }].
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import type { ConfigFinding } from "../src/findings.ts";
import { loadEnvironment } from "../src/load.ts";
import { loadModel, resolveConfig, siblingEnvironments } from "../src/resolve.ts";
import { BAD_DIR, findingsOf } from "./helpers.ts";

interface Case {
  file: string;
  path: string;
  contains: string;
}

const cases = JSON.parse(readFileSync(join(BAD_DIR, "cases.json"), "utf8")) as Case[];

/** What loadModel(path) does, spelled out: parse and check the file, then resolve it against its siblings. */
function validate(path: string): { stage: "load" | "resolve"; findings: readonly ConfigFinding[] } {
  let loaded: ReturnType<typeof loadEnvironment>;
  try {
    loaded = loadEnvironment(path);
  } catch {
    return { stage: "load", findings: findingsOf(() => loadEnvironment(path)) };
  }
  return {
    stage: "resolve",
    findings: findingsOf(() => resolveConfig(loaded.config, loaded.file, { siblings: siblingEnvironments(path) })),
  };
}

test("the manifest lists at least 18 cases, each { file, path, contains }, each file once", () => {
  assert.ok(Array.isArray(cases));
  assert.ok(cases.length >= 18, `only ${cases.length} cases`);
  for (const c of cases) {
    assert.deepEqual(Object.keys(c).sort(), ["contains", "file", "path"]);
    assert.ok(typeof c.file === "string" && /\.ya?ml$/.test(c.file), c.file);
    assert.equal(typeof c.path, "string");
    assert.ok(typeof c.contains === "string" && c.contains.length > 0, c.file);
  }
  assert.equal(new Set(cases.map((c) => c.file)).size, cases.length, "a file is listed twice");
});

test("every YAML file directly in fixtures/bad is listed in the manifest", () => {
  const listed = new Set(cases.map((c) => c.file));
  for (const entry of readdirSync(BAD_DIR).filter((f) => /\.ya?ml$/.test(f))) assert.ok(listed.has(entry), entry);
});

describe("each bad configuration is rejected with the expected finding", () => {
  for (const c of cases) {
    test(c.file, () => {
      const path = join(BAD_DIR, c.file);
      const { stage, findings } = validate(path);
      const list = findings.map((f) => `  ${f.path || "(document)"}: ${f.message}`).join("\n");
      assert.ok(
        findings.some((f) => f.path === c.path && f.message.includes(c.contains)),
        `expected a finding at ${JSON.stringify(c.path)} containing ${JSON.stringify(c.contains)}; got:\n${list}`,
      );
      const lines = readFileSync(path, "utf8").split("\n").length;
      for (const f of findings) {
        assert.equal(f.severity, "error");
        assert.ok(f.file.endsWith(c.file), `finding names ${f.file}, not ${c.file}`);
        if (stage === "load" && (f.path !== "" || f.message.startsWith("YAML syntax"))) {
          assert.ok(f.line !== undefined && f.line >= 1 && f.line <= lines, `${f.path}: line ${f.line}`);
        }
      }
      // loadModel(path) is the same thing in one call, and it adds the line of every field it names.
      const viaLoadModel = findingsOf(() => loadModel(path));
      assert.deepEqual(
        viaLoadModel.map(({ line: _, ...f }) => f),
        findings.map(({ line: _, ...f }) => f),
      );
      for (const f of viaLoadModel) {
        if (f.path !== "") assert.ok(f.line !== undefined && f.line >= 1 && f.line <= lines, `${f.path}: line ${f.line}`);
      }
    });
  }
});

test("the cross-environment case is valid on its own: only its sibling makes it fail", () => {
  const path = join(BAD_DIR, "cross-env/address-space-overlaps-staging.yaml");
  const { config, file } = loadEnvironment(path);
  assert.equal(resolveConfig(config, file, { siblings: [] }).name, "prod");
  const staging = loadEnvironment(join(BAD_DIR, "cross-env/staging.yaml"));
  assert.equal(resolveConfig(staging.config, staging.file, { siblings: [] }).name, "staging");
});
