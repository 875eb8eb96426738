/**
 * Copies the OpenAPI schema of one version of a CustomResourceDefinition into packages/gitops/schemas/, for
 * custom resources that no kubernetes-models package covers. The file keeps its source in "$comment".
 *
 *   node packages/gitops/scripts/import-crd-schema.ts <crd.yaml> <Kind> <version> <source URL>
 *
 * The CRD file is the one published at <source URL> (a tagged release, never a branch).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseAllDocuments } from "yaml";

interface Crd {
  kind: string;
  spec: {
    group: string;
    names: { kind: string };
    versions: { name: string; schema?: { openAPIV3Schema: Record<string, unknown> } }[];
  };
}

const [file, kind, version, source] = process.argv.slice(2);
if (!file || !kind || !version || !source) {
  process.stderr.write("usage: import-crd-schema.ts <crd.yaml> <Kind> <version> <source URL>\n");
  process.exit(2);
}
const crds = parseAllDocuments(readFileSync(file, "utf8"))
  .map((d) => d.toJS() as Crd | null)
  .filter((d): d is Crd => d?.kind === "CustomResourceDefinition");
const crd = crds.find((c) => c.spec.names.kind === kind);
if (!crd) throw new Error(`${file} has no CustomResourceDefinition of kind ${kind}`);
const schema = crd.spec.versions.find((v) => v.name === version)?.schema?.openAPIV3Schema;
if (!schema) throw new Error(`${kind} has no version ${version} with a schema in ${file}`);

const out = {
  $id: `${crd.spec.group}/${version}/${kind}`,
  $comment: `OpenAPI schema of ${kind} ${crd.spec.group}/${version}, copied unchanged from ${source}`,
  ...schema,
};
const target = join(import.meta.dirname, "..", "schemas", `${crd.spec.group}_${version}_${kind}.json`);
writeFileSync(target, `${JSON.stringify(out, null, 2)}\n`);
process.stdout.write(`${target}\n`);
