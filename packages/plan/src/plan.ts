/**
 * The offline plan of an environment: every stack's program run against the simulated Azure, every
 * resource recorded with its resolved inputs, every policy rule applied. The result is the JSON contract of
 * BRIEF section 4: { environment, stacks, resources, findings }.
 */
import { flowFindings } from "@plugilo/flows";
import type { EnvironmentModel } from "@plugilo/model";
import { evaluate, type PlanFinding, type PlannedResource } from "@plugilo/policy";
import type { PlannedStack } from "./layers.ts";
import type { StackRun } from "./run-stack.ts";

export interface PlanResult {
  environment: string;
  stacks: { name: string; resourceCount: number }[];
  resources: PlannedResource[];
  findings: PlanFinding[];
  /**
   * Each stack's outputs as `pulumi up` would export them (simulated values). Not part of the JSON contract:
   * planToJson leaves it out; the readable plan prints it.
   */
  outputs: Record<string, Record<string, unknown>>;
}

export interface PlanProgress {
  stack: string;
  index: number;
  total: number;
  phase: "start" | "done";
  resourceCount?: number;
  milliseconds?: number;
}

export interface PlanOptions {
  onProgress?: (progress: PlanProgress) => void;
  /** Only these stacks (by plan name). */
  only?: readonly string[];
  /** Keep the SDKs' alias URNs (run-stack.ts): the same plan, slower. */
  keepAliases?: boolean;
  /** false: the SDK as `pulumi up` runs it, without the plan's shortcuts (run-stack.ts): the same plan, slower. */
  sdkShortcuts?: boolean;
}

export async function planEnvironment(model: EnvironmentModel, options: PlanOptions = {}): Promise<PlanResult> {
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = PLAN_STACK_TRACE_LIMIT;
  try {
    return await planStacks(model, options);
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
}

/**
 * Pulumi's runtime creates an Error (and formats its stack trace) for every output and promise it tracks; a
 * plan spends a large part of its time capturing traces nobody reads. A program's error is reported by its
 * message, which needs no frame.
 */
export const PLAN_STACK_TRACE_LIMIT = 0;

/**
 * The plan names of the stacks of a plan, in deployment order (one stack per layer of the model, named like
 * the layer: layers.ts), limited to `only` when given. Needs neither Pulumi nor the programs.
 */
export function planStackNames(model: EnvironmentModel, only?: readonly string[]): string[] {
  // The bootstrap stack is not a layer (no workflow deploys it): planned only when asked for by name, first.
  const names = [...(only?.includes("bootstrap") ? ["bootstrap"] : []), ...model.layers.map((l) => l.name)];
  return names.filter((name) => !only || only.includes(name));
}

/** The stacks of a plan with their programs, in deployment order, limited to `only` when given. */
export async function planStacksOf(model: EnvironmentModel, only?: readonly string[]): Promise<PlannedStack[]> {
  // Loaded on demand: the plan's result, JSON and parallel scheduling (parallel-plan.ts) need no Pulumi.
  const { bootstrapStack, stacksOf } = await import("./layers.ts");
  const names = planStackNames(model, only);
  const all = names.includes("bootstrap") ? [bootstrapStack(model), ...stacksOf(model)] : stacksOf(model);
  return all.filter((s) => names.includes(s.name));
}

async function planStacks(model: EnvironmentModel, options: PlanOptions): Promise<PlanResult> {
  const stacks = await planStacksOf(model, options.only);
  const [{ runStack }, { SimulatedAzure }] = await Promise.all([import("./run-stack.ts"), import("./simulated-azure.ts")]);
  const runs: StackRun[] = [];
  // One simulated Azure for the whole environment: addresses handed out stay unique across stacks.
  const azure = new SimulatedAzure(model);
  for (const [index, stack] of stacks.entries()) {
    const started = performance.now();
    options.onProgress?.({ stack: stack.name, index, total: stacks.length, phase: "start" });
    const run = await runStack(stack.project, stack.stack, stack.program, azure, {
      keepAliases: options.keepAliases ?? false,
      sdkShortcuts: options.sdkShortcuts ?? true,
    });
    runs.push(run);
    options.onProgress?.({
      stack: stack.name,
      index,
      total: stacks.length,
      phase: "done",
      resourceCount: run.resources.length,
      milliseconds: performance.now() - started,
    });
  }
  return planFromRuns(
    model,
    stacks.map((s) => s.name),
    runs,
    Boolean(options.only),
  );
}

/**
 * The plan of an environment from the runs of its stacks (in deployment order, `names[i]` the plan name of
 * `runs[i]`): the resources, each stack's outputs, the configuration warnings and every policy rule's
 * findings. The one place a plan is put together, whether its stacks ran in this thread or in workers.
 */
export function planFromRuns(
  model: EnvironmentModel,
  names: readonly string[],
  runs: readonly StackRun[],
  partial = false,
): PlanResult {
  const result: PlanResult = { environment: model.name, stacks: [], resources: [], findings: [], outputs: {} };
  for (const [index, run] of runs.entries()) {
    const name = names[index] as string;
    // The plan's stack field names the layer (the cluster name for clusters), not the Pulumi stack name.
    const resources = run.resources.map((r) => ({ ...r, stack: name }));
    result.stacks.push({ name, resourceCount: resources.length });
    result.resources.push(...resources);
    result.outputs[name] = run.outputs;
    if (run.error) {
      result.findings.push({
        rule: "stack-program",
        severity: "error",
        urn: "",
        message: `stack ${name} failed: ${run.error}`,
      });
    }
  }
  // Configuration warnings (a restricted region, for one) belong in the plan that CI reads, too.
  for (const w of model.warnings) {
    result.findings.push({
      rule: "environment-config",
      severity: w.severity,
      urn: "",
      message: `${w.file}: ${w.path}: ${w.message}`,
    });
  }
  result.findings.push(...evaluate(result.resources, model));
  // Flows need the whole estate: a plan of some stacks only would deny them for want of the others.
  if (!partial) result.findings.push(...flowFindings(model, result.resources));
  return result;
}

/** Exactly the JSON contract of BRIEF section 4: { environment, stacks, resources, findings }. */
export function planToJson(plan: PlanResult): string {
  const contract = {
    environment: plan.environment,
    stacks: plan.stacks.map(({ name, resourceCount }) => ({ name, resourceCount })),
    resources: plan.resources.map(({ stack, urn, type, name, parent, protect, inputs }) => ({
      stack,
      urn,
      type,
      name,
      parent,
      protect,
      inputs,
    })),
    findings: plan.findings.map(({ rule, severity, urn, message }) => ({ rule, severity, urn, message })),
  };
  return JSON.stringify(contract, null, 2);
}

export function hasErrors(result: PlanResult): boolean {
  return result.findings.some((f) => f.severity === "error");
}
