/**
 * `npm run workflows`: writes the generated workflows into .github/workflows/; `--check` writes nothing and
 * exits 1 when a committed workflow differs from a fresh generation (CI).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { generateWorkflows, REPO_ROOT, staleWorkflows } from "./render.ts";

const check = process.argv.includes("--check");
const files = generateWorkflows();
if (check) {
  const stale = staleWorkflows(files);
  for (const path of stale) process.stderr.write(`stale: ${path}\n`);
  if (stale.length) process.stderr.write("the workflows are not up to date: run npm run workflows\n");
  else process.stdout.write(`.github/workflows is up to date: ${[...files.keys()].join(", ")}\n`);
  process.exitCode = stale.length ? 1 : 0;
} else {
  for (const [path, content] of files) {
    mkdirSync(dirname(join(REPO_ROOT, path)), { recursive: true });
    writeFileSync(join(REPO_ROOT, path), content);
  }
  process.stdout.write(`written: ${[...files.keys()].join(", ")}\n`);
}
