/**
 * A worker thread of the parallel plan (parallel-plan.ts): runs one stack at a time, each against the
 * simulated state it is given, and answers with the run and the journal of what it read and allocated.
 * Pulumi's runtime state lives in its module instances, and every worker has its own: stacks in different
 * workers cannot see each other. The modules are loaded once per worker and serve every stack and
 * environment it runs.
 */
import { enableCompileCache } from "node:module";
import { parentPort } from "node:worker_threads";
import type { EnvironmentModel } from "@plugilo/model";
import type { StackRun } from "./run-stack.ts";
import type { JournalEntry, SimulatedStateSnapshot } from "./simulated-state.ts";

export interface StackTask {
  id: number;
  /** Key of the environment; its model is sent with the first task of that environment to each worker. */
  environment: string;
  model?: EnvironmentModel;
  only?: readonly string[];
  stack: string;
  state: SimulatedStateSnapshot;
}

export interface StackTaskResult {
  id: number;
  run: StackRun;
  journal: JournalEntry[];
  milliseconds: number;
}

const port = parentPort;
if (!port) throw new Error("plan-worker.ts runs as a worker thread of parallel-plan.ts");
// A worker does not share its parent's module compile cache: enabled here, before Pulumi and the programs
// load (imported below, not statically, so that they are parsed after it), the SDKs are read compiled.
enableCompileCache?.();
const [{ PLAN_STACK_TRACE_LIMIT, planStacksOf }, { runStack }, { SimulatedAzure }, { SimulatedState }] = await Promise.all([
  import("./plan.ts"),
  import("./run-stack.ts"),
  import("./simulated-azure.ts"),
  import("./simulated-state.ts"),
]);

Error.stackTraceLimit = PLAN_STACK_TRACE_LIMIT;
const models = new Map<string, EnvironmentModel>();

port.on("message", async (task: StackTask) => {
  if (task.model) models.set(task.environment, task.model);
  const model = models.get(task.environment);
  const stack = model && (await planStacksOf(model, task.only)).find((s) => s.name === task.stack);
  if (!model || !stack) throw new Error(`no stack ${task.stack} in environment ${task.environment}`);
  const started = performance.now();
  const azure = new SimulatedAzure(model, new SimulatedState(task.state));
  const run = await runStack(stack.project, stack.stack, stack.program, azure);
  const result: StackTaskResult = { id: task.id, run, journal: azure.state.journal, milliseconds: performance.now() - started };
  port.postMessage(result);
});
