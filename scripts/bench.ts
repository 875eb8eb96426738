/**
 * `npm run bench`: the offline plan's wall time, CPU time and peak memory, each time as a ratio to the bare SDK
 * import measured in the same run. Every figure is its own process, run as `npm run plugilo` runs it (the
 * Node flags of that script); peak memory is GNU time's maximum resident set of the process, which holds
 * the plan's worker threads (for the test suite: its largest process). Rounds are interleaved (bare import,
 * then each plan, then again), and each figure is the median over the rounds of its ratio to the bare
 * import of the same round, so load that changes during the run moves both. CPU time (user + system) is
 * reported beside wall time: on a machine loaded by other work it says what the plan itself costs. Scaling: synthetic copies of prod with 2, 4 and 6 clusters (nothing else changed), time per
 * resource. Once, at the end: the type check and the test suite.
 *   npm run bench:plan [-- --rounds 5 --no-tests]   (`npm run bench` runs this with its defaults, then bench:flows)
 * Goals: plan prod <= 3x the bare import; all three environments in one command <= 1.5x plan prod; peak
 * memory of plan prod <= 400 MiB. Numbers are reported, never asserted: a loaded machine must not fail a build.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parse, stringify } from "yaml";

const root = join(import.meta.dirname, "..");
/** `npm run plugilo`: node, its flags and the entry, from package.json, so the figures are what users run. */
const plugiloScript = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { scripts: Record<string, string> })
  .scripts.plugilo as string;
const node = process.execPath;
const gnuTime = "/usr/bin/time";
const work = mkdtempSync(join(tmpdir(), "plugilo-bench-"));
const argValue = (flag: string) => process.argv[process.argv.indexOf(flag) + 1];
const rounds = process.argv.includes("--rounds") ? Number(argValue("--rounds")) : 5;

/** The SDK modules the programs import: @pulumi/pulumi, each azure-native module the stacks name, AWS, GCP. */
function sdkModules(): string[] {
  const found = new Set<string>(["@pulumi/pulumi"]);
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== "node_modules" && entry.name !== "test") walk(path);
      else if (entry.name.endsWith(".ts"))
        for (const m of readFileSync(path, "utf8").matchAll(/from "(@pulumi\/azure-native\/[^"]+)"/g)) found.add(m[1] as string);
    }
  };
  for (const dir of ["stacks", "packages/components/src"]) walk(join(root, dir));
  return [...found, "@pulumi/aws", "@pulumi/gcp"].sort();
}

/** prod with `n` clusters: the two clusters alternated, each its own name and maintenance day. */
function syntheticEnvironment(n: number): string {
  const prod = parse(readFileSync(join(root, "environments", "prod.yaml"), "utf8"));
  const days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
  prod.clusters = Array.from({ length: n }, (_, i) => {
    const cluster = prod.clusters[i % prod.clusters.length];
    return { ...cluster, name: `app${i + 1}`, maintenanceWindow: { ...cluster.maintenanceWindow, day: days[i] } };
  });
  const file = join(work, `prod-${n}-clusters.yaml`);
  writeFileSync(file, stringify(prod));
  return file;
}

interface Sample {
  seconds: number;
  /** User + system CPU seconds of the process and its children. */
  cpuSeconds?: number;
  peakMiB?: number;
  exitCode: number | null;
  stdout: string;
}

function measure(command: string[], keepStdout = false): Sample {
  const out = join(work, "time.txt");
  const useTime = existsSync(gnuTime);
  const argv = useTime ? [gnuTime, "-f", "%e %M %U %S", "-o", out, ...command] : command;
  const started = performance.now();
  const r = spawnSync(argv[0] as string, argv.slice(1), {
    cwd: root,
    stdio: ["ignore", keepStdout ? "pipe" : "ignore", "pipe"],
    encoding: "utf8",
    maxBuffer: 256 * 2 ** 20,
  });
  let seconds = (performance.now() - started) / 1000;
  let peakMiB: number | undefined;
  let cpuSeconds: number | undefined;
  if (useTime && existsSync(out)) {
    const [elapsed, maxKiB, user, system] = readFileSync(out, "utf8").trim().split(/\s+/).slice(-4).map(Number);
    seconds = elapsed || seconds;
    peakMiB = maxKiB ? Math.round(maxKiB / 1024) : undefined;
    cpuSeconds = (user ?? 0) + (system ?? 0);
  }
  return {
    seconds,
    ...(peakMiB ? { peakMiB } : {}),
    ...(cpuSeconds !== undefined ? { cpuSeconds } : {}),
    exitCode: r.status,
    stdout: r.stdout ?? "",
  };
}

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

// The bare import enables Node's compile cache as the CLI does, so both read compiled code the same way.
const bare = [
  node,
  "--input-type=module",
  "-e",
  `import { enableCompileCache } from "node:module"; enableCompileCache?.(); for (const m of ${JSON.stringify(sdkModules())}) await import(m);`,
];
const cli = [node, ...plugiloScript.split(/\s+/).slice(1), "plan"];
const synthetic = [2, 4, 6].map((n) => ({ n, file: syntheticEnvironment(n) }));
const figures: { name: string; command: string[]; resources?: boolean }[] = [
  { name: "plan prod", command: [...cli, "prod", "--json"] },
  { name: "plan dev staging prod", command: [...cli, "dev", "staging", "prod", "--json"] },
  // The alternatives to the default job counts (one environment in the CLI's thread, several in workers).
  { name: "plan prod --jobs 2", command: [...cli, "prod", "--json", "--jobs", "2"] },
  { name: "plan dev staging prod --jobs 1", command: [...cli, "dev", "staging", "prod", "--json", "--jobs", "1"] },
  ...synthetic.map(({ n, file }) => ({ name: `plan prod, ${n} clusters`, command: [...cli, file, "--json"], resources: true })),
];

const loadAtStart = loadavg()
  .map((l) => l.toFixed(1))
  .join(" ");
// Warm-up: fills the compile cache, so the first round is not the only one that compiles.
measure(bare);
measure(figures[0]?.command as string[]);

const bareSamples: Sample[] = [];
const samples = new Map<string, Sample[]>(figures.map((f) => [f.name, []]));
const resourceCounts = new Map<string, number>();
for (let round = 0; round < rounds; round++) {
  bareSamples.push(measure(bare));
  for (const f of figures) {
    const s = measure(f.command, f.resources && !resourceCounts.has(f.name));
    if (s.stdout) resourceCounts.set(f.name, (JSON.parse(s.stdout) as { resources: unknown[] }).resources.length);
    samples.get(f.name)?.push(s);
  }
  process.stderr.write(`round ${round + 1}/${rounds} done (load ${loadavg()[0]?.toFixed(1)})\n`);
}

const bareSeconds = median(bareSamples.map((s) => s.seconds));
const ratioOf = (name: string) => {
  const list = samples.get(name) ?? [];
  return median(list.map((s, i) => s.seconds / (bareSamples[i] as Sample).seconds));
};
const cpuOf = (list: Sample[]) => median(list.map((s) => s.cpuSeconds ?? Number.NaN));
const cpuRatioOf = (list: Sample[]) =>
  median(list.map((s, i) => (s.cpuSeconds ?? Number.NaN) / ((bareSamples[i] as Sample).cpuSeconds ?? Number.NaN)));
interface Row {
  name: string;
  seconds: number;
  ratio: number;
  cpuSeconds?: number;
  cpuRatio?: number;
  peakMiB?: number;
  note: string;
  exit: number | null;
}
const bareCpu = cpuOf(bareSamples);
const rows: Row[] = [
  {
    name: "bare SDK import",
    seconds: bareSeconds,
    ratio: 1,
    cpuSeconds: bareCpu,
    cpuRatio: 1,
    peakMiB: median(bareSamples.map((s) => s.peakMiB ?? 0)),
    note: "",
    exit: bareSamples.find((s) => s.exitCode !== 0)?.exitCode ?? 0,
  },
];
for (const f of figures) {
  const list = samples.get(f.name) ?? [];
  const resources = resourceCounts.get(f.name);
  const seconds = median(list.map((s) => s.seconds));
  rows.push({
    name: f.name,
    seconds,
    ratio: ratioOf(f.name),
    cpuSeconds: cpuOf(list),
    cpuRatio: cpuRatioOf(list),
    peakMiB: median(list.map((s) => s.peakMiB ?? 0)),
    note: resources
      ? `${resources} resources, ${((1000 * (seconds - bareSeconds)) / resources).toFixed(1)} ms each above the import`
      : "",
    exit: list.find((s) => s.exitCode !== 0)?.exitCode ?? 0,
  });
}
const allToProd = median(
  (samples.get("plan dev staging prod") ?? []).map((s, i) => s.seconds / ((samples.get("plan prod") ?? [])[i] as Sample).seconds),
);
if (!process.argv.includes("--no-tests")) {
  // Once each: minutes, not seconds; their ratio is to the bare import's median.
  const once = (name: string, command: string[]) => {
    const s = measure(command);
    rows.push({
      name,
      seconds: s.seconds,
      ratio: s.seconds / bareSeconds,
      ...(s.cpuSeconds !== undefined ? { cpuSeconds: s.cpuSeconds, cpuRatio: s.cpuSeconds / bareCpu } : {}),
      ...(s.peakMiB ? { peakMiB: s.peakMiB } : {}),
      note: "once",
      exit: s.exitCode,
    });
  };
  once("type check", [node, "node_modules/typescript/bin/tsc", "-p", "tsconfig.json"]);
  once("test suite", ["npm", "test", "--silent"]);
}

console.log(
  `Benchmark: ${process.platform}, Node ${process.version}, ${availableParallelism()} cores, load ${loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")}; median of ${rounds} interleaved rounds`,
);
console.log(`load when the rounds started: ${loadAtStart}`);
console.log(
  "| what | x bare import | median s | CPU x bare | CPU s | peak MiB | exit | note |\n|---|---|---|---|---|---|---|---|",
);
const fixed = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? "-" : n.toFixed(2));
for (const r of rows)
  console.log(
    `| ${r.name} | ${r.ratio.toFixed(2)} | ${r.seconds.toFixed(2)} | ${fixed(r.cpuRatio)} | ${fixed(r.cpuSeconds)} | ${r.peakMiB ?? "-"} | ${r.exit} | ${r.note} |`,
  );
const prod = rows.find((r) => r.name === "plan prod") as (typeof rows)[number];
const goal = (ok: boolean) => (ok ? "met" : "missed");
console.log(`\ngoal plan prod <= 3x bare import: ${prod.ratio.toFixed(2)}x, ${goal(prod.ratio <= 3)}`);
console.log(`goal all three <= 1.5x plan prod: ${allToProd.toFixed(2)}x, ${goal(allToProd <= 1.5)}`);
console.log(`goal peak memory of plan prod <= 400 MiB: ${prod.peakMiB} MiB, ${goal((prod.peakMiB ?? 0) <= 400)}`);
const perResource = synthetic.map(({ n }) => {
  const name = `plan prod, ${n} clusters`;
  const resources = resourceCounts.get(name) ?? Number.NaN;
  return { n, ms: (1000 * ((rows.find((r) => r.name === name)?.seconds ?? Number.NaN) - bareSeconds)) / resources };
});
const [fewest, most] = [perResource[0]?.ms ?? Number.NaN, perResource.at(-1)?.ms ?? Number.NaN];
console.log(
  `scaling, ms per resource above the import: ${perResource.map((p) => `${p.n} clusters ${p.ms.toFixed(1)}`).join(", ")}; ` +
    `roughly constant (6 clusters within 1.25x of 2): ${goal(most <= 1.25 * fewest)}`,
);
if (rows.some((r) => r.exit !== 0)) process.exitCode = 1;
