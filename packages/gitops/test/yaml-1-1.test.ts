/**
 * Kubernetes reads manifests with a YAML 1.1 parser (sigs.k8s.io/yaml on go-yaml v2), where `on`, `off`, `yes`,
 * `no`, `y`, `n` (any case) are booleans, `0777` is octal and `1:30` sexagesimal; Argo CD and most tools read
 * YAML 1.2, where they are strings. Every rendered file must read the same in both.
 * Sources: https://yaml.org/type/bool.html, https://yaml.org/type/int.html (YAML 1.1 types).
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { test } from "node:test";
import { parse } from "yaml";
import { toYaml } from "../src/deploy-folder.ts";
import type { KubeObject } from "../src/kube-object.ts";
import { REPO } from "./helpers.ts";

const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? files(p) : p.endsWith(".yaml") ? [p] : [];
  });

test("every file in deploy/ parses to the same value with a YAML 1.1 and a YAML 1.2 reader", () => {
  const all = files(join(REPO, "deploy"));
  assert.ok(all.length > 100, `expected the rendered tree, found ${all.length} files`);
  for (const file of all) {
    const text = readFileSync(file, "utf8");
    assert.deepEqual(parse(text, { version: "1.1" }), parse(text, { version: "1.2" }), relative(REPO, file));
  }
});

test("the FeatureFlag's variants stay strings on and off for a YAML 1.1 reader", () => {
  const file = join(REPO, "deploy/prod/services/app1/example-api/featureflag-example-api-flags.yaml");
  const flag = parse(readFileSync(file, "utf8"), { version: "1.1" }).spec.flagSpec.flags["new-checkout"];
  assert.deepEqual(Object.keys(flag.variants), ["on", "off"]);
  assert.equal(flag.defaultVariant, "off");
});

test("the writer quotes every scalar YAML 1.1 would read as something other than the string", () => {
  const tricky = ["on", "Off", "YES", "no", "y", "N", "True", "0777", "1:30", "190:20:30", "2026-12-01", "0x1F", "1_000"];
  const object = {
    validate: () => {},
    toJSON: () => ({ kind: "ConfigMap", data: Object.fromEntries(tricky.map((t) => [t, t])) }),
  };
  const text = toYaml({ path: "deploy/x.yaml", object: object as unknown as KubeObject });
  for (const version of ["1.1", "1.2"] as const) {
    const data = parse(text, { version }).data;
    assert.deepEqual(Object.keys(data), tricky, version);
    assert.deepEqual(Object.values(data), tricky, version);
  }
  // A YAML 1.1 reader would have read the unquoted forms as booleans and numbers.
  assert.deepEqual(parse("a: on\nb: 0777\nc: 1:30\nd: n", { version: "1.1" }), { a: true, b: 511, c: 90, d: false });
});
