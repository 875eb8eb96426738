/**
 * The offline plan of an environment: every stack's program run against the simulated Azure, every
 * resource recorded with its resolved inputs, every policy rule applied. The result is the JSON contract of
 * BRIEF section 4: { environment, stacks, resources, findings }.
 */
import type { EnvironmentModel } from "@plugilo/model";
import { evaluate, type PlanFinding, type PlannedResource } from "@plugilo/policy";
import { bootstrapStack, stacksOf } from "./layers.ts";
import { runStack } from "./run-stack.ts";
import { SimulatedAzure } from "./simulated-azure.ts";

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
}

export async function planEnvironment(model: EnvironmentModel, options: PlanOptions = {}): Promise<PlanResult> {
  // Pulumi's runtime creates an Error (and its stack trace) for every output and promise it tracks; a plan
  // of a few hundred resources spends about half its time capturing traces nobody reads. Program errors
  // keep their message (and one frame).
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 1;
  try {
    return await planStacks(model, options);
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
}

async function planStacks(model: EnvironmentModel, options: PlanOptions): Promise<PlanResult> {
  // The bootstrap stack is planned only when asked for by name (layers.ts).
  const requested = options.only?.includes("bootstrap") ? [bootstrapStack(model), ...stacksOf(model)] : stacksOf(model);
  const stacks = requested.filter((s) => !options.only || options.only.includes(s.name));
  const result: PlanResult = { environment: model.name, stacks: [], resources: [], findings: [], outputs: {} };
  // One simulated Azure for the whole environment: addresses handed out stay unique across stacks.
  const azure = new SimulatedAzure(model);
  for (const [index, stack] of stacks.entries()) {
    const started = performance.now();
    options.onProgress?.({ stack: stack.name, index, total: stacks.length, phase: "start" });
    const run = await runStack(stack.project, stack.stack, stack.program, azure);
    // The plan's stack field names the layer (the cluster name for clusters), not the Pulumi stack name.
    const resources = run.resources.map((r) => ({ ...r, stack: stack.name }));
    result.stacks.push({ name: stack.name, resourceCount: resources.length });
    result.resources.push(...resources);
    result.outputs[stack.name] = run.outputs;
    if (run.error) {
      result.findings.push({
        rule: "stack-program",
        severity: "error",
        urn: "",
        message: `stack ${stack.name} failed: ${run.error}`,
      });
    }
    options.onProgress?.({
      stack: stack.name,
      index,
      total: stacks.length,
      phase: "done",
      resourceCount: resources.length,
      milliseconds: performance.now() - started,
    });
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
