/** What the report-style commands share: loading the model, the plan (run or read), and writing --out. */
import { accessSync, constants, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { type EnvironmentModel, formatFinding, loadModel } from "@plugilo/model";
import { UsageError } from "./fatal.ts";

/** Loads the model (a ConfigError ends the command with exit 2) and prints its warnings. */
export function loadForCommand(env: string): EnvironmentModel {
  const model = loadModel(env);
  for (const w of model.warnings) process.stderr.write(`${formatFinding(w)}\n`);
  return model;
}

/** The plan's JSON contract, as far as diagram, cost and report read it. */
export interface PlanJson {
  environment: string;
  stacks: { name: string; resourceCount: number }[];
  resources: { stack: string; type: string; name: string; urn: string; inputs: Record<string, unknown> }[];
  findings: { rule: string; severity: "error" | "warning"; urn: string; message: string }[];
}

/** Reads a `plugilo plan <env> --json` file, or runs the offline plan. */
export async function planFor(model: EnvironmentModel, planFile: string | undefined): Promise<PlanJson> {
  if (planFile) {
    let plan: PlanJson;
    try {
      plan = JSON.parse(readFileSync(planFile, "utf8")) as PlanJson;
    } catch (e) {
      throw new UsageError(`--plan ${planFile}: cannot read it as JSON (${(e as Error).message.split("\n")[0]})`);
    }
    if (!plan || !Array.isArray(plan.resources) || !Array.isArray(plan.stacks)) {
      throw new UsageError(
        `--plan ${planFile}: expected the JSON of plugilo plan --json ({ environment, stacks, resources, findings })`,
      );
    }
    if (plan.environment !== model.name) {
      throw new UsageError(`--plan ${planFile}: is the plan of "${String(plan.environment)}", not "${model.name}"`);
    }
    return plan;
  }
  const { planEnvironment, planToJson } = await import("@plugilo/plan");
  const plan = await planEnvironment(model);
  return JSON.parse(planToJson(plan)) as PlanJson;
}

/** Fails early, before any work, when --out cannot be written. */
export function checkWritable(file: string): void {
  const path = resolve(file);
  const dir = dirname(path);
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    throw new UsageError(`--out ${file}: the folder ${dir} does not exist`);
  }
  if (!isDir) throw new UsageError(`--out ${file}: ${dir} is not a folder`);
  try {
    if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`--out ${file}: is a folder, not a file`);
    accessSync(dir, constants.W_OK);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`--out ${file}: cannot write there (${(e as Error).message.split(",")[0]})`);
  }
}

export function writeOut(file: string, content: string): void {
  try {
    writeFileSync(file, content);
  } catch (e) {
    throw new UsageError(`--out ${file}: cannot write it (${(e as Error).message.split(",")[0]})`);
  }
}

/** --check: exit 1 and say how to refresh when the committed file differs from a fresh one. */
export function checkOut(file: string, content: string, refresh: string): boolean {
  let current: string | undefined;
  try {
    current = readFileSync(file, "utf8");
  } catch {
    current = undefined;
  }
  if (current === content) {
    process.stdout.write(`${file} is up to date\n`);
    return true;
  }
  process.stderr.write(`${file} is ${current === undefined ? "missing" : "stale"}: run ${refresh}\n`);
  return false;
}
