/**
 * Promotion on the golden path (docs/adr/0082): a service's spec file (packages/gitops/src/services/<name>.ts)
 * holds the image tag of each environment in an `IMAGE_TAGS` object literal. Promoting a build to an
 * environment is a commit that changes that environment's entry and the rendered deploy/<env>/ files; Argo CD
 * then rolls it out (canary or blue-green, as the spec says).
 *
 * Usage: node packages/workflows/src/promote-image.ts <spec-file> <environment> <tag>
 */
import { readFileSync, writeFileSync } from "node:fs";

/** Docker's tag grammar: https://docs.docker.com/reference/cli/docker/image/tag/ */
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const ENVIRONMENT = /^[a-z][a-z0-9-]*$/;

export interface Promotion {
  source: string;
  previous: string;
}

/** The spec's text with `IMAGE_TAGS[environment]` set to `tag`, and the tag it replaced. */
export function setImageTag(source: string, environment: string, tag: string): Promotion {
  if (!TAG.test(tag)) throw new Error(`"${tag}" is not a Docker image tag`);
  if (!ENVIRONMENT.test(environment)) throw new Error(`"${environment}" is not an environment name`);
  const declaration = /(\bIMAGE_TAGS\b[^=]*=\s*\{)([^}]*)(\})/.exec(source);
  if (!declaration) throw new Error('the spec declares no IMAGE_TAGS object: const IMAGE_TAGS = { dev: "...", ... }');
  const [whole, open = "", body = "", close = ""] = declaration;
  const entry = new RegExp(`((?:^|[\\s,{])(["']?)${environment}\\2\\s*:\\s*)(["'])([^"']*)\\3`);
  const match = entry.exec(body);
  if (!match) throw new Error(`IMAGE_TAGS has no entry for ${environment}`);
  const [found, keyPart = "", , quote = '"', previous = ""] = match;
  const newBody = body.replace(found, `${keyPart}${quote}${tag}${quote}`);
  return { source: source.replace(whole, `${open}${newBody}${close}`), previous };
}

if (import.meta.main) {
  const [file, environment, tag] = process.argv.slice(2);
  if (!file || !environment || !tag) {
    process.stderr.write("usage: promote-image.ts <spec-file> <environment> <tag>\n");
    process.exit(2);
  }
  const { source, previous } = setImageTag(readFileSync(file, "utf8"), environment, tag);
  writeFileSync(file, source);
  process.stdout.write(`${file}: ${environment} ${previous} -> ${tag}\n`);
}
