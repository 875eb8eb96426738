/**
 * JSON schemas of the custom resources that no kubernetes-models package covers, copied unchanged from the
 * CRDs their projects publish (each file names its source in "$comment"; scripts/import-crd-schema.ts
 * copies them). Checked with Ajv, like kubernetes-models does for its own classes.
 *
 * Two differences from the API server: CEL rules (x-kubernetes-validations) are not evaluated, and an
 * unknown field is an error here where the API server would drop it (unless the schema preserves unknown
 * fields), so a misspelt field fails the tests instead of silently vanishing.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv, type ValidateFunction } from "ajv";

export const SCHEMAS_DIR = join(import.meta.dirname, "..", "schemas");

type Schema = Record<string, unknown>;

export interface CrdSchemaFile {
  file: string;
  apiVersion: string;
  kind: string;
  source: string;
}

/** Every schema file: schemas/<group>_<version>_<Kind>.json. */
export function crdSchemaFiles(): CrdSchemaFile[] {
  return readdirSync(SCHEMAS_DIR)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((file) => {
      const [group, version, kind] = file.replace(/\.json$/, "").split("_") as [string, string, string];
      const schema = JSON.parse(readFileSync(join(SCHEMAS_DIR, file), "utf8")) as Schema;
      const source = /copied unchanged from (\S+)/.exec(String(schema.$comment))?.[1] ?? "";
      return { file, apiVersion: `${group}/${version}`, kind, source };
    });
}

/** Objects with declared properties reject others, unless the CRD keeps unknown fields. */
function closeObjects(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(closeObjects);
  if (node === null || typeof node !== "object") return node;
  const out: Schema = {};
  for (const [key, value] of Object.entries(node)) {
    // Property names are data, not schemas: recurse into each property's schema, keep the names.
    out[key] =
      key === "properties" && value && typeof value === "object"
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, closeObjects(v)]))
        : closeObjects(value);
  }
  if (out.properties && out.additionalProperties === undefined && out["x-kubernetes-preserve-unknown-fields"] !== true) {
    out.additionalProperties = false;
  }
  return out;
}

/** CRD patterns are Go (RE2) expressions: a leading (?i) becomes JavaScript's i flag. */
function goRegExp(pattern: string, flags: string): RegExp {
  return pattern.startsWith("(?i)") ? new RegExp(pattern.slice(4), `${flags}i`) : new RegExp(pattern, flags);
}
goRegExp.code = "new RegExp";

const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false, code: { regExp: goRegExp } });
const compiled = new Map<string, ValidateFunction>();

function validatorFor(apiVersion: string, kind: string): ValidateFunction {
  const key = `${apiVersion}/${kind}`;
  const cached = compiled.get(key);
  if (cached) return cached;
  const entry = crdSchemaFiles().find((f) => f.apiVersion === apiVersion && f.kind === kind);
  if (!entry) throw new Error(`no schema for ${kind} ${apiVersion} in ${SCHEMAS_DIR}: copy it with scripts/import-crd-schema.ts`);
  const { $id: _id, $comment: _comment, ...schema } = JSON.parse(readFileSync(join(SCHEMAS_DIR, entry.file), "utf8")) as Schema;
  // metadata is checked by the API server's ObjectMeta, not by the CRD (whose schema leaves it open).
  const root = schema.properties
    ? { ...schema, properties: { ...(schema.properties as Schema), metadata: { type: "object" } } }
    : schema;
  const validate = ajv.compile(closeObjects(root) as Schema);
  compiled.set(key, validate);
  return validate;
}

/** Throws with every violation when `object` does not match the schema of its kind. */
export function validateCustomResource(object: { apiVersion: string; kind: string }): void {
  const { apiVersion, kind } = object;
  const validate = validatorFor(apiVersion, kind);
  if (!validate(object)) {
    const problems = (validate.errors ?? []).map(
      (e) =>
        `${e.instancePath || "/"} ${e.message}${e.params && "additionalProperty" in e.params ? ` (${String(e.params.additionalProperty)})` : ""}`,
    );
    throw new Error(`${kind} ${apiVersion}: ${problems.join("; ")}`);
  }
}
