/**
 * JSON schemas of the custom resources that no kubernetes-models package covers, read from the upstream CRD
 * schemas of the pinned releases (`<group>_<version>_<Kind>.json`, each naming its source). They are not kept
 * in this repository: the directory is configurable (`PLUGILO_CRD_SCHEMAS`, `plugilo render --crd-schemas`)
 * and defaults to ../shared/upstream/crds beside the repository. Checked with Ajv, like kubernetes-models does
 * for its own classes.
 *
 * Two differences from the API server: CEL rules (x-kubernetes-validations) are not evaluated, and an
 * unknown field is an error here where the API server would drop it (unless the schema preserves unknown
 * fields), so a misspelt field fails the tests instead of silently vanishing.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { Ajv, type ValidateFunction } from "ajv";

/** The environment variable that names the CRD schema directory. */
export const CRD_SCHEMAS_ENV = "PLUGILO_CRD_SCHEMAS";
/** ../shared/upstream/crds relative to the repository root. */
export const DEFAULT_CRD_SCHEMAS_DIR = resolve(import.meta.dirname, "..", "..", "..", "..", "shared", "upstream", "crds");

let configuredDir: string | undefined;

/**
 * The directory schemas are read from: set by `useCrdSchemasDir`, else $PLUGILO_CRD_SCHEMAS, else
 * $PLUGILO_UPSTREAM/crds (the upstream snapshot folder, as .ci/run sets it), else the default.
 */
export function crdSchemasDir(): string {
  const upstream = process.env.PLUGILO_UPSTREAM;
  return (
    configuredDir ?? resolve(process.env[CRD_SCHEMAS_ENV] || (upstream ? resolve(upstream, "crds") : DEFAULT_CRD_SCHEMAS_DIR))
  );
}

/** Reads schemas from `dir` from now on (the CLI's --crd-schemas). */
export function useCrdSchemasDir(dir: string): void {
  configuredDir = resolve(dir);
}

/** Why the schema directory cannot be used, or undefined when it can. */
export function crdSchemasDirProblem(dir = crdSchemasDir()): string | undefined {
  if (existsSync(dir)) return undefined;
  return `no CRD schema directory at ${dir}: point ${CRD_SCHEMAS_ENV} or --crd-schemas at the upstream CRD schemas of the pinned releases (../shared/upstream/crds)`;
}

type Schema = Record<string, unknown>;

export interface CrdSchemaFile {
  file: string;
  apiVersion: string;
  kind: string;
  /** Where the schema comes from: "owner/repo@ref (commit):path" or a URL. */
  source: string;
}

/** Every schema file of `dir`: <group>_<version>_<Kind>.json. */
export function crdSchemaFiles(dir = crdSchemasDir()): CrdSchemaFile[] {
  const problem = crdSchemasDirProblem(dir);
  if (problem) throw new Error(problem);
  return readdirSync(dir)
    .filter((f) => /^[^_]+_[^_]+_[^_]+\.json$/.test(f))
    .sort()
    .map((file) => {
      const [group, version, kind] = file.replace(/\.json$/, "").split("_") as [string, string, string];
      const schema = JSON.parse(readFileSync(join(dir, file), "utf8")) as Schema;
      const source = String(schema["x-source"] ?? /from (\S+)/.exec(String(schema.$comment))?.[1] ?? "");
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

function validatorFor(apiVersion: string, kind: string, dir: string): ValidateFunction {
  const key = `${dir}|${apiVersion}/${kind}`;
  const cached = compiled.get(key);
  if (cached) return cached;
  const entry = crdSchemaFiles(dir).find((f) => f.apiVersion === apiVersion && f.kind === kind);
  if (!entry) throw new Error(`no schema for ${kind} ${apiVersion} in ${dir}`);
  const {
    $id: _id,
    $comment: _comment,
    "x-source": _source,
    ...schema
  } = JSON.parse(readFileSync(join(dir, entry.file), "utf8")) as Schema;
  // metadata is checked by the API server's ObjectMeta, not by the CRD (whose schema leaves it open).
  const root = schema.properties
    ? { ...schema, properties: { ...(schema.properties as Schema), metadata: { type: "object" } } }
    : schema;
  const validate = ajv.compile(closeObjects(root) as Schema);
  compiled.set(key, validate);
  return validate;
}

/** Throws with every violation when `object` does not match the schema of its kind in `dir`. */
export function validateCustomResource(object: { apiVersion: string; kind: string }, dir = crdSchemasDir()): void {
  const { apiVersion, kind } = object;
  const validate = validatorFor(apiVersion, kind, dir);
  if (!validate(object)) {
    const problems = (validate.errors ?? []).map(
      (e) =>
        `${e.instancePath || "/"} ${e.message}${e.params && "additionalProperty" in e.params ? ` (${String(e.params.additionalProperty)})` : ""}`,
    );
    throw new Error(`${kind} ${apiVersion}: ${problems.join("; ")}`);
  }
}
