/** Reading environments/<env>.yaml: YAML parse with positions, then schema validation. */
import { existsSync, readdirSync } from "node:fs";
import { basename, dirname, extname, join, relative, resolve } from "node:path";
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import { ConfigError, type ConfigFinding, formatPath } from "./findings.ts";
import { readEnvironmentText } from "./read-environment.ts";
import { type EnvironmentConfig, environmentSchema } from "./schema.ts";
import { schemaProblems } from "./schema-issues.ts";
import { yamlSyntaxFinding, yamlToData } from "./yaml-errors.ts";

export interface LoadedEnvironment {
  /** Path as given to the user (relative to the working directory when possible). */
  file: string;
  config: EnvironmentConfig;
  /** The file's text, to find the line of a field named by a later finding. */
  text: string;
}

/** The repository's environments folder, found from this file so the CLI works from any directory. */
export const ENVIRONMENTS_DIR = resolve(dirname(new URL(import.meta.url).pathname), "../../../../environments");

/** An environment name (dev) or a path to a YAML file. */
export function environmentPath(envOrFile: string, dir = ENVIRONMENTS_DIR): string {
  if (/\.ya?ml$/.test(envOrFile) || envOrFile.includes("/")) return resolve(envOrFile);
  return join(dir, `${envOrFile}.yaml`);
}

function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith("..") ? path : rel;
}

/** The line of the node at `path`, or of its nearest existing ancestor. */
function lineOf(doc: ReturnType<typeof parseDocument>, lines: LineCounter, path: readonly PropertyKey[]): number | undefined {
  let node: unknown = doc.contents;
  let best: number | undefined;
  const rangeLine = (n: unknown) => {
    const range = (n as Node | undefined)?.range;
    return range ? lines.linePos(range[0]).line : undefined;
  };
  best = rangeLine(node);
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && p.key.value === key);
      if (!pair) break;
      best = rangeLine(pair.key) ?? best;
      node = pair.value;
    } else if (isSeq(node) && typeof key === "number") {
      node = node.items[key];
      best = rangeLine(node) ?? best;
    } else break;
  }
  return best;
}

/** "clusters[1].systemPool.zones" -> ["clusters", 1, "systemPool", "zones"]. */
export function parsePath(path: string): PropertyKey[] {
  return [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] !== undefined ? Number(m[2]) : (m[1] as string)));
}

/** Adds the line of its field to every finding that has none, reading the file's text. */
export function withLines<T extends ConfigFinding>(findings: readonly T[], text: string): T[] {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  return findings.map((f) => (f.line !== undefined ? f : { ...f, line: lineOf(doc, lines, parsePath(f.path)) }));
}

export function parseEnvironment(text: string, file: string): EnvironmentConfig {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) throw new ConfigError([yamlSyntaxFinding(doc.errors, text, lines, file)]);
  const data = yamlToData(doc, file);
  if ("finding" in data) throw new ConfigError([data.finding]);
  const raw: unknown = data.data;
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    throw new ConfigError([{ severity: "error", file, path: "", message: "the file must contain a YAML mapping" }]);
  }
  const parsed = environmentSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const findings: ConfigFinding[] = [];
  for (const issue of parsed.error.issues) {
    for (const p of schemaProblems(issue, raw)) {
      const line = p.linePath ? lineOf(doc, lines, p.linePath) : undefined;
      findings.push({
        severity: "error",
        file,
        path: formatPath(p.path),
        line,
        message: p.message,
        ...(p.source ? { source: p.source } : {}),
      });
    }
  }
  throw new ConfigError(findings);
}

export function loadEnvironment(envOrFile: string, dir = ENVIRONMENTS_DIR): LoadedEnvironment {
  const path = environmentPath(envOrFile, dir);
  const file = displayPath(path);
  const text = readEnvironmentText(path, file, listEnvironments(dir));
  const config = parseEnvironment(text, file);
  const stem = basename(path, extname(path));
  if (!/\.ya?ml$/.test(envOrFile) && !envOrFile.includes("/") && config.name !== stem) {
    throw new ConfigError([
      { severity: "error", file, path: "name", message: `must match the file name ("${stem}")`, line: undefined },
    ]);
  }
  return { file, config, text };
}

export function listEnvironments(dir = ENVIRONMENTS_DIR): string[] {
  if (!existsSync(dir)) return [];
  const order = ["dev", "staging", "prod"];
  return (
    readdirSync(dir)
      .filter((f) => /\.ya?ml$/.test(f))
      .map((f) => basename(f, extname(f)))
      // Promotion order first, then anything else alphabetically.
      .sort((a, b) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99) || a.localeCompare(b))
  );
}
