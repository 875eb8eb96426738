/**
 * Checks that the plan is unchanged: plans the environments (through `plugilo plan --out-dir`, the command CI
 * runs) and compares each JSON document byte for byte with `<dir>/<env>.json`, saved before a change:
 *   node packages/plan/scripts/compare-plans.ts <dir> [env...]     (default: dev staging prod)
 * One value follows the clock and is compared in its form only: a host pool's registration token expiry
 * (`registrationInfo.expirationTime`, the next whole hours from now; stacks/access/src/host-pool.ts). Exit 1
 * on the first difference, with its line.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const [dir, ...rest] = process.argv.slice(2);
if (!dir) {
  process.stderr.write("usage: compare-plans.ts <dir with <env>.json> [env...]\n");
  process.exit(2);
}
const envs = rest.length ? rest : ["dev", "staging", "prod"];
const out = mkdtempSync(join(tmpdir(), "plugilo-compare-"));
const cli = join(import.meta.dirname, "..", "..", "cli", "src", "main.ts");
const run = spawnSync(process.execPath, [cli, "plan", ...envs, "--out-dir", out], { stdio: ["ignore", "inherit", "inherit"] });
if (run.status !== 0 && run.status !== 1) process.exit(run.status ?? 2);

const expiry = /("expirationTime": )"\d{4}-\d\d-\d\dT\d\d:00:00\.000Z"/g;
const clockFree = (text: string) => text.replace(expiry, '$1"<whole hour>"');
let different = 0;
for (const env of envs) {
  const before = clockFree(readFileSync(join(dir, `${env}.json`), "utf8"));
  const after = clockFree(readFileSync(join(out, `${env}.json`), "utf8"));
  if (before === after) {
    console.log(`${env}: identical (${after.length} bytes)`);
    continue;
  }
  different++;
  const a = before.split("\n");
  const b = after.split("\n");
  const line = a.findIndex((l, i) => l !== b[i]);
  console.log(`${env}: differs from line ${line + 1}:\n  before: ${a[line]}\n  after:  ${b[line]}`);
}
process.exit(different ? 1 : 0);
