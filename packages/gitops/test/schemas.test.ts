/**
 * Must show: every rendered object is validated against its schema. kubernetes-models classes check
 * themselves; custom resources without a package are checked against the CRD schema kept in schemas/.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { before, describe, test } from "node:test";
import { Model } from "@kubernetes-models/base";
import { crdSchemaFiles, SCHEMAS_DIR } from "../src/crd-schemas.ts";
import { CustomResource, describeObject } from "../src/kube-object.ts";
import { ENVIRONMENTS, type Rendered, renderAll } from "./helpers.ts";

let rendered: ReturnType<typeof renderAll>;
before(() => {
  rendered = renderAll();
});

describe("every rendered object passes its schema", () => {
  for (const env of ENVIRONMENTS) {
    test(env, () => {
      const { clusters } = rendered[env] as Rendered;
      let count = 0;
      for (const c of clusters) {
        for (const f of c.files) {
          // A kubernetes-models class, or a CustomResource with a schema file: never an unchecked plain object.
          assert.ok(
            f.object instanceof Model || f.object instanceof CustomResource,
            `${f.path}: ${describeObject(f.object)} has no schema`,
          );
          assert.doesNotThrow(() => f.object.validate(), `${f.path}`);
          count++;
        }
      }
      assert.ok(count > 100, `only ${count} objects`);
    });
  }
});

test("every custom resource kind rendered has a schema file, and every schema file is used", () => {
  const kinds = new Set<string>();
  for (const env of ENVIRONMENTS) {
    for (const c of (rendered[env] as Rendered).clusters) {
      for (const f of c.files) if (f.object instanceof CustomResource) kinds.add(`${f.object.apiVersion}/${f.object.kind}`);
    }
  }
  const files = crdSchemaFiles().map((s) => `${s.apiVersion}/${s.kind}`);
  assert.deepEqual([...kinds].sort(), [...files].sort());
});

test("every schema file names the tagged release it was copied from", () => {
  for (const s of crdSchemaFiles()) {
    assert.match(s.source, /^https:\/\/raw\.githubusercontent\.com\/[^/]+\/[^/]+\/(v?\d[^/]*|[0-9a-f]{40})\//, s.file);
    const schema = JSON.parse(readFileSync(join(SCHEMAS_DIR, s.file), "utf8")) as { properties?: { spec?: unknown } };
    assert.ok(schema.properties?.spec, `${s.file} has no spec`);
  }
});

describe("a custom resource that breaks its CRD schema is rejected", () => {
  test("a misspelt field", () => {
    const node = new CustomResource({
      apiVersion: "karpenter.azure.com/v1beta1",
      kind: "AKSNodeClass",
      metadata: { name: "x" },
      spec: { imageFamly: "AzureLinux" },
    });
    assert.throws(() => node.validate(), /imageFamly/);
  });
  test("a value outside the enum", () => {
    const node = new CustomResource({
      apiVersion: "karpenter.azure.com/v1beta1",
      kind: "AKSNodeClass",
      metadata: { name: "x" },
      spec: { imageFamily: "Windows" },
    });
    assert.throws(() => node.validate(), /allowed values/);
  });
  test("a subnet that is not an ARM subnet ID (the CRD's Go pattern, case-insensitive)", () => {
    const node = new CustomResource({
      apiVersion: "karpenter.azure.com/v1beta1",
      kind: "AKSNodeClass",
      metadata: { name: "x" },
      spec: { vnetSubnetID: "snet-1" },
    });
    assert.throws(() => node.validate(), /pattern/);
  });
  test("a missing required field", () => {
    const flags = new CustomResource({
      apiVersion: "core.openfeature.dev/v1beta1",
      kind: "FeatureFlagSource",
      metadata: { name: "x" },
      spec: {},
    });
    assert.throws(() => flags.validate(), /sources/);
  });
  test("a kind without a schema file", () => {
    const unknown = new CustomResource({ apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "x" }, spec: {} });
    assert.throws(() => unknown.validate(), /no schema/);
  });
});
