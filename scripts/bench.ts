/**
 * `npm run bench`: wall time and peak memory of the offline plan of each environment, of all three in a row,
 * of the type check and of the whole test suite, each in its own process measured by GNU time.
 * Goals on the 2-core CI machine: plan prod <= 5 s, all three <= 10 s, type check <= 15 s, tests <= 2 min.
 * Numbers are reported, not asserted: a loaded machine must not fail a build.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
const node = process.execPath;
const gnuTime = "/usr/bin/time";

interface Measurement {
  name: string;
  seconds: number;
  peakMiB?: number;
  goalSeconds?: number;
  exitCode: number | null;
}

function measure(name: string, command: string[], goalSeconds?: number): Measurement {
  const out = join(mkdtempSync(join(tmpdir(), "plugilo-bench-")), "time.txt");
  const useTime = existsSync(gnuTime);
  const argv = useTime ? [gnuTime, "-f", "%e %M", "-o", out, ...command] : command;
  const started = performance.now();
  const r = spawnSync(argv[0] as string, argv.slice(1), { cwd: root, stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" });
  const wall = (performance.now() - started) / 1000;
  let seconds = wall;
  let peakMiB: number | undefined;
  if (useTime && existsSync(out)) {
    const [elapsed, maxKiB] = readFileSync(out, "utf8").trim().split(/\s+/).slice(-2).map(Number);
    seconds = elapsed ?? wall;
    peakMiB = maxKiB ? Math.round(maxKiB / 1024) : undefined;
  }
  return { name, seconds, ...(peakMiB ? { peakMiB } : {}), ...(goalSeconds ? { goalSeconds } : {}), exitCode: r.status };
}

const cli = [node, "packages/cli/src/main.ts"];
const results: Measurement[] = [
  measure("plan dev", [...cli, "plan", "dev", "--json"]),
  measure("plan staging", [...cli, "plan", "staging", "--json"]),
  measure("plan prod", [...cli, "plan", "prod", "--json"], 5),
  measure(
    "plan all three",
    ["sh", "-c", `for e in dev staging prod; do "${node}" packages/cli/src/main.ts plan $e --json >/dev/null || exit 1; done`],
    10,
  ),
  measure("type check", [node, "node_modules/typescript/bin/tsc", "-p", "tsconfig.json"], 15),
];
if (!process.argv.includes("--no-tests")) results.push(measure("test suite", ["npm", "test", "--silent"], 120));

console.log(`Benchmark on ${process.platform}, Node ${process.version}, ${(await import("node:os")).cpus().length} cores`);
console.log("what              seconds   peak MiB   goal      exit");
for (const r of results) {
  const goal = r.goalSeconds ? `<= ${r.goalSeconds} s${r.seconds <= r.goalSeconds ? "" : " (missed)"}` : "";
  console.log(
    `${r.name.padEnd(16)}  ${r.seconds.toFixed(2).padStart(7)}   ${String(r.peakMiB ?? "-").padStart(8)}   ${goal.padEnd(9)} ${r.exitCode}`,
  );
}
if (results.some((r) => r.exitCode !== 0)) process.exitCode = 1;
