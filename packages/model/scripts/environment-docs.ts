/**
 * `npm run docs`: writes environments/schema.json and the field reference in environments/README.md from the
 * zod schema. `--check` writes nothing and exits 1 when either is stale or an environment file lacks the
 * yaml-language-server modeline that points editors at the schema (CI runs it, like `render --check`).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { environmentJsonSchema, withEnvironmentReference } from "../src/core/environment-docs.ts";
import { ENVIRONMENTS_DIR, listEnvironments } from "../src/core/load.ts";

export const MODELINE = "# yaml-language-server: $schema=./schema.json";

const check = process.argv.includes("--check");
const outputs = [
  { file: join(ENVIRONMENTS_DIR, "schema.json"), text: `${JSON.stringify(environmentJsonSchema(), null, 2)}\n` },
  {
    file: join(ENVIRONMENTS_DIR, "README.md"),
    text: withEnvironmentReference(readFileSync(join(ENVIRONMENTS_DIR, "README.md"), "utf8")),
  },
];

const problems: string[] = [];
for (const { file, text } of outputs) {
  let current: string | undefined;
  try {
    current = readFileSync(file, "utf8");
  } catch {
    current = undefined;
  }
  if (current === text) continue;
  if (check) problems.push(`${file} is stale: run \`npm run docs\``);
  else writeFileSync(file, text);
}
for (const env of listEnvironments()) {
  const file = join(ENVIRONMENTS_DIR, `${env}.yaml`);
  if (readFileSync(file, "utf8").split("\n", 1)[0] !== MODELINE) problems.push(`${file}: the first line must be "${MODELINE}"`);
}
for (const p of problems) process.stderr.write(`${p}\n`);
if (problems.length > 0) process.exit(1);
process.stdout.write(check ? "environment docs are up to date\n" : "wrote environments/schema.json and environments/README.md\n");
