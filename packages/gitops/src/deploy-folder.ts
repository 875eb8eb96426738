/**
 * Writing deploy/ and checking it: every environment's folder is replaced by a fresh render (files that are
 * no longer rendered are removed), and `check` lists every file whose committed bytes differ from a render,
 * so CI fails when deploy/ is stale.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { stringify } from "yaml";
import type { RenderedCluster, RenderedFile } from "./render.ts";

/** The repository this package lives in: deploy/ is at its root. */
export const REPO_ROOT = join(import.meta.dirname, "..", "..", "..");

const HEADER =
  "# Rendered by `plugilo render` from packages/gitops and the environment model. Do not edit: change the code and render.\n";

/**
 * The bytes of one rendered file. Written with the YAML 1.1 schema, so every string that a YAML 1.1 reader
 * (Kubernetes' sigs.k8s.io/yaml, on go-yaml v2) would read as something else is quoted: `on`/`off`/`yes`/`no`/
 * `y`/`n` in any case (booleans in 1.1), `0777` (octal), `1:30` (sexagesimal), dates. The same text reads the
 * same in YAML 1.2 (test/yaml-1-1.test.ts parses the whole deploy/ tree both ways).
 * https://yaml.org/type/bool.html, https://yaml.org/type/int.html; https://eemeli.org/yaml/#schema-options
 */
export function toYaml(file: RenderedFile): string {
  file.object.validate();
  return HEADER + stringify(file.object.toJSON(), { lineWidth: 0, aliasDuplicateObjects: false, version: "1.1" });
}

/** Repository-relative path -> content, for every file of the rendered clusters. */
export function renderFiles(clusters: readonly RenderedCluster[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of clusters) for (const f of c.files) out.set(f.path, toYaml(f));
  return out;
}

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

export interface Drift {
  path: string;
  problem: "missing" | "stale" | "extra";
}

/** Differences between deploy/<env> in `repoRoot` and a fresh render of those environments. */
export function checkDeploy(repoRoot: string, environments: readonly string[], files: Map<string, string>): Drift[] {
  const drift: Drift[] = [];
  for (const [path, content] of files) {
    const full = join(repoRoot, path);
    if (!existsSync(full)) drift.push({ path, problem: "missing" });
    else if (readFileSync(full, "utf8") !== content) drift.push({ path, problem: "stale" });
  }
  for (const env of environments) {
    for (const full of listFiles(join(repoRoot, "deploy", env))) {
      const path = relative(repoRoot, full);
      if (!files.has(path)) drift.push({ path, problem: "extra" });
    }
  }
  return drift.sort((a, b) => a.path.localeCompare(b.path));
}

/** Replaces deploy/<env> for each environment with the rendered files. */
export function writeDeploy(repoRoot: string, environments: readonly string[], files: Map<string, string>): number {
  for (const env of environments) rmSync(join(repoRoot, "deploy", env), { recursive: true, force: true });
  for (const [path, content] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
    const full = join(repoRoot, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  return files.size;
}
