/**
 * Must show: every rendered object is validated against its schema. kubernetes-models classes check
 * themselves; custom resources without a package are checked against the upstream CRD schema of the pinned
 * release (PLUGILO_CRD_SCHEMAS, default ../shared/upstream/crds). The validator itself is tested on a small
 * schema written here (fixtures/crd-schemas).
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { Model } from "@kubernetes-models/base";
import { crdSchemaFiles, crdSchemasDir, crdSchemasDirProblem, validateCustomResource } from "../src/crd-schemas.ts";
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

test("every custom resource kind rendered has an upstream schema that names its release", () => {
  const kinds = new Set<string>();
  for (const env of ENVIRONMENTS) {
    for (const c of (rendered[env] as Rendered).clusters) {
      for (const f of c.files) if (f.object instanceof CustomResource) kinds.add(`${f.object.apiVersion}/${f.object.kind}`);
    }
  }
  assert.ok(kinds.has("karpenter.azure.com/v1beta1/AKSNodeClass"));
  const files = new Map(crdSchemaFiles().map((s) => [`${s.apiVersion}/${s.kind}`, s]));
  for (const kind of kinds) {
    const s = files.get(kind);
    assert.ok(s, `${kind}: no schema in ${crdSchemasDir()}`);
    // "owner/repo@tag (commit):path" as ../shared/upstream/SOURCES.json records it.
    assert.match(s.source, /^[\w.-]+\/[\w.-]+@[\w.-]+ \([0-9a-f]{7,40}\):\S+\.ya?ml$/, s.file);
    const schema = JSON.parse(readFileSync(join(crdSchemasDir(), s.file), "utf8")) as { properties?: { spec?: unknown } };
    assert.ok(schema.properties?.spec, `${s.file} has no spec`);
  }
});

test("the upstream AKSNodeClass schema rejects a subnet that is not an ARM subnet ID and a misspelt field", () => {
  const nodeClass = (spec: Record<string, unknown>) =>
    new CustomResource({ apiVersion: "karpenter.azure.com/v1beta1", kind: "AKSNodeClass", metadata: { name: "x" }, spec });
  assert.throws(() => nodeClass({ vnetSubnetID: "snet-1" }).validate(), /pattern/);
  assert.throws(() => nodeClass({ imageFamly: "AzureLinux" }).validate(), /imageFamly/);
});

const FIXTURES = fileURLToPath(new URL("./fixtures/crd-schemas/", import.meta.url));
const widget = (spec: Record<string, unknown>, metadata: Record<string, unknown> = { name: "w" }) => ({
  apiVersion: "example.plugilo.dev/v1",
  kind: "Widget",
  metadata,
  spec,
});
const SUBNET = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/a";

describe("the validator, on a small schema written here", () => {
  test("a valid object passes, and metadata is left to the API server", () => {
    assert.doesNotThrow(() =>
      validateCustomResource(widget({ size: "small", labels: { a: "b" } }, { name: "longer" }), FIXTURES),
    );
  });
  test("a misspelt field is an error (objects with properties are closed)", () => {
    assert.throws(() => validateCustomResource(widget({ size: "small", sise: "x" }), FIXTURES), /additional properties \(sise\)/);
  });
  test("unknown fields stay allowed where the CRD preserves them", () => {
    assert.doesNotThrow(() => validateCustomResource(widget({ size: "small", extra: { known: "k", other: 1 } }), FIXTURES));
  });
  test("a value outside the enum", () => {
    assert.throws(() => validateCustomResource(widget({ size: "medium" }), FIXTURES), /allowed values/);
  });
  test("a missing required field", () => {
    assert.throws(() => validateCustomResource(widget({}), FIXTURES), /must have required property 'size'/);
  });
  test("a Go (?i) pattern matches case-insensitively", () => {
    assert.doesNotThrow(() => validateCustomResource(widget({ size: "large", subnetID: SUBNET.toUpperCase() }), FIXTURES));
    assert.throws(() => validateCustomResource(widget({ size: "large", subnetID: "snet-1" }), FIXTURES), /pattern/);
  });
  test("a kind without a schema file", () => {
    const unknown = { apiVersion: "example.plugilo.dev/v1", kind: "Gadget", metadata: { name: "x" }, spec: {} };
    assert.throws(() => validateCustomResource(unknown, FIXTURES), /no schema for Gadget example\.plugilo\.dev\/v1/);
  });
  test("a schema directory that does not exist names itself and how to set it", () => {
    assert.match(
      crdSchemasDirProblem("/nonexistent/crds") ?? "",
      /no CRD schema directory at \/nonexistent\/crds: point PLUGILO_CRD_SCHEMAS/,
    );
    assert.throws(() => validateCustomResource(widget({ size: "small" }), "/nonexistent/crds"), /PLUGILO_CRD_SCHEMAS/);
    assert.equal(crdSchemasDirProblem(FIXTURES), undefined);
  });
});
