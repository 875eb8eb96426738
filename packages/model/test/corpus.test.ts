/**
 * The corpus of bad configurations in fixtures/bad: each case is the valid base.yaml with one patch
 * (patches/<case>.yaml, applied by bad-configs.ts), and fixtures/bad/cases.json says which field path the
 * error must name and a word its message must contain. The CLI's tests loop over the same manifest, so keep
 * its format: [{ "file", "path", "contains" }].
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import type { ConfigFinding } from "../src/core/findings.ts";
import { loadEnvironment } from "../src/core/load.ts";
import { loadModel, resolveConfig, siblingEnvironments } from "../src/core/resolve.ts";
import { applyPatch, BASE_FILE, badConfig, BAD_CASES as cases, patchFiles } from "./bad-configs.ts";
import { findingsOf } from "./helpers.ts";

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

test("every patch is listed in the manifest (but the cross-environment case's valid sibling), and every case has one", () => {
  const listed = cases.map((c) => c.file).sort();
  assert.deepEqual(
    patchFiles().filter((f) => f !== "cross-env/staging.yaml"),
    listed,
  );
});

test("the base every case patches is valid on its own: each case's error comes from its patch", () => {
  const model = loadModel(BASE_FILE);
  assert.equal(model.name, "prod");
  assert.equal(model.clusters.length, 2);
});

describe("each bad configuration is rejected with the expected finding", () => {
  for (const c of cases) {
    test(c.file, () => {
      const path = badConfig(c.file);
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
  const path = badConfig("cross-env/address-space-overlaps-staging.yaml");
  const { config, file } = loadEnvironment(path);
  assert.equal(resolveConfig(config, file, { siblings: [] }).name, "prod");
  const staging = loadEnvironment(badConfig("cross-env/staging.yaml"));
  assert.equal(resolveConfig(staging.config, staging.file, { siblings: [] }).name, "staging");
});

test("a patch that no longer matches the base fails instead of testing the base", () => {
  const base = "name: prod\nclusters:\n  - { name: app1 }\n";
  assert.equal(
    applyPatch(base, "- { op: replace, path: /clusters/0/name, value: app2 }\n", "t.yaml"),
    "# The corpus's base.yaml with patches/t.yaml applied (bad-configs.ts).\nname: prod\nclusters:\n  - { name: app2 }\n",
  );
  assert.match(applyPatch(base, "- { op: add, path: /clusters/-, value: { name: app3 } }\n", "t.yaml"), /- \{ name: app3 \}/);
  assert.throws(() => applyPatch(base, "- { op: replace, path: /region, value: x }\n", "t.yaml"), /\/region does not exist/);
  assert.throws(() => applyPatch(base, "- { op: remove, path: /clusters/1 }\n", "t.yaml"), /\/clusters\/1 does not exist/);
  assert.throws(() => applyPatch(base, "- { op: add, path: /name, value: dev }\n", "t.yaml"), /\/name exists already/);
  assert.throws(() => applyPatch(base, '- { op: text, replace: "name: dev", with: "x" }\n', "t.yaml"), /match exactly once/);
});
