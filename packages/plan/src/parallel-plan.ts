/**
 * The plan of several environments at once, its stacks run in worker threads (plan-worker.ts), with the
 * result byte for byte the plan of each environment run one stack after the other in one thread.
 *
 * Stacks of one environment share the simulated clouds' state (simulated-state.ts): the edge's public IPs
 * follow the hub's, the multicloud layer reads the hub's gateway addresses. A worker that is free takes, in
 * this order:
 * 1. the first stack of an environment whose predecessors are all settled: it runs against the true state;
 * 2. otherwise a later stack, speculatively, against the state the runs finished so far leave.
 * A finished run settles in deployment order: its journal is replayed on the true state, and the run is kept
 * when every read and allocation returns what it returned in the worker (the program, deterministic given
 * those answers, then did exactly what it would have done after its predecessors); otherwise it runs again
 * against the true state. Environments are independent, so with several environments the workers mostly
 * take settled stacks of different environments and speculation is rare.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { EnvironmentModel } from "@plugilo/model";
import { type PlanProgress, type PlanResult, planFromRuns, planStackNames } from "./plan.ts";
import type { StackTask, StackTaskResult } from "./plan-worker.ts";
import type { StackRun } from "./run-stack.ts";
import { SimulatedState } from "./simulated-state.ts";

export interface ParallelPlanOptions {
  /** Worker threads (default: the available cores, at most 4 and at most the number of stacks). */
  jobs?: number;
  /** Only these stacks (by plan name) in every environment. */
  only?: readonly string[];
  /** A stack settled (in deployment order within its environment). */
  onProgress?: (environment: string, progress: PlanProgress) => void;
  /** An environment's plan is complete; called in the order of `models`. */
  onPlan?: (plan: PlanResult, index: number) => void | Promise<void>;
}

export interface ParallelPlanStatistics {
  /** Stack runs in workers, and how many of them were speculative runs that had to run again. */
  runs: number;
  discarded: number;
}

interface EnvironmentProgress {
  model: EnvironmentModel;
  key: string;
  names: string[];
  /** Settled runs, in deployment order. */
  settled: StackRun[];
  /** The state after the settled runs. */
  state: SimulatedState;
  /** Finished runs not yet settled, by stack index. */
  finished: Map<number, StackTaskResult>;
  running: Set<number>;
  /** Workers that already have this environment's model. */
  sentTo: Set<Worker>;
}

/**
 * `plugilo plan`'s job count when none is given: 1 (this thread) for one environment, and for several on a
 * machine of two cores or fewer; otherwise undefined (workers, `defaultJobs`). Measured on 2 cores
 * (`npm run bench`, ADR 0151): every worker loads the SDKs again, so two workers took about 1.6 times the CPU
 * time of one thread for all three environments, and more wall time whenever other work shares the cores.
 * More cores keep ADR 0150's workers for several environments (not measured here).
 */
export function defaultPlanJobs(environmentCount: number): number | undefined {
  return environmentCount <= 1 || availableParallelism() <= 2 ? 1 : undefined;
}

/** The default number of workers for `stackCount` stacks on this machine. */
export function defaultJobs(stackCount: number): number {
  return Math.max(1, Math.min(availableParallelism(), 4, stackCount));
}

export async function planEnvironments(
  models: readonly EnvironmentModel[],
  options: ParallelPlanOptions = {},
): Promise<{ plans: PlanResult[]; statistics: ParallelPlanStatistics }> {
  const envs: EnvironmentProgress[] = models.map((model, i) => ({
    model,
    key: `${i}:${model.name}`,
    names: planStackNames(model, options.only),
    settled: [],
    state: new SimulatedState(),
    finished: new Map(),
    running: new Set(),
    sentTo: new Set(),
  }));
  const total = envs.reduce((n, e) => n + e.names.length, 0);
  const jobs = Math.max(1, Math.min(options.jobs ?? defaultJobs(total), Math.max(total, 1)));
  const plans: PlanResult[] = [];
  const statistics: ParallelPlanStatistics = { runs: 0, discarded: 0 };
  let emitted = 0;
  let handedOn: Promise<void> = Promise.resolve();

  // No stack to run (every stack left out by `only`): no worker either.
  const workers = Array.from({ length: total ? jobs : 0 }, () => new Worker(new URL("./plan-worker.ts", import.meta.url)));
  const tasks = new Map<number, { env: EnvironmentProgress; index: number; worker: Worker }>();
  let nextId = 0;

  const done = new Promise<void>((resolve, reject) => {
    const fail = (e: unknown) => {
      reject(e instanceof Error ? e : new Error(String(e)));
    };

    /** The state a run of stack `index` starts from: the true state and every finished run before it. */
    const guessedState = (env: EnvironmentProgress, index: number): SimulatedState => {
      let state = env.state;
      for (let i = env.settled.length; i < index; i++) {
        const run = env.finished.get(i);
        if (run) state = state.replay(run.journal, false) as SimulatedState;
      }
      return state;
    };

    const nextTask = (): { env: EnvironmentProgress; index: number; state: SimulatedState } | undefined => {
      for (const env of envs) {
        const index = env.settled.length;
        if (index < env.names.length && !env.running.has(index) && !env.finished.has(index))
          return { env, index, state: env.state };
      }
      for (const env of envs) {
        for (let index = env.settled.length + 1; index < env.names.length; index++) {
          if (!env.running.has(index) && !env.finished.has(index)) return { env, index, state: guessedState(env, index) };
        }
      }
      return undefined;
    };

    const dispatch = (worker: Worker): boolean => {
      const next = nextTask();
      if (!next) return false;
      const { env, index, state } = next;
      const id = nextId++;
      env.running.add(index);
      tasks.set(id, { env, index, worker });
      const task: StackTask = {
        id,
        environment: env.key,
        ...(env.sentTo.has(worker) ? {} : { model: env.model }),
        ...(options.only ? { only: options.only } : {}),
        stack: env.names[index] as string,
        state: state.snapshot(),
      };
      env.sentTo.add(worker);
      worker.postMessage(task);
      return true;
    };

    /** Settles what can be settled, in deployment order. */
    const settle = (env: EnvironmentProgress) => {
      for (;;) {
        const index = env.settled.length;
        const result = env.finished.get(index);
        if (!result) break;
        env.finished.delete(index);
        const after = env.state.replay(result.journal);
        if (!after) {
          // Run against a state that differs from the true one where the program looked: run it again.
          statistics.discarded++;
          break;
        }
        env.state = after;
        env.settled.push(result.run);
        options.onProgress?.(env.model.name, {
          stack: env.names[index] as string,
          index,
          total: env.names.length,
          phase: "done",
          resourceCount: result.run.resources.length,
          milliseconds: result.milliseconds,
        });
      }
    };

    /** Every environment that is complete, in order; their plans are handed on one after the other. */
    const emit = () => {
      while (emitted < envs.length) {
        const env = envs[emitted] as EnvironmentProgress;
        if (env.settled.length < env.names.length) break;
        const plan = planFromRuns(env.model, env.names, env.settled, Boolean(options.only));
        const index = emitted++;
        plans.push(plan);
        handedOn = handedOn.then(() => options.onPlan?.(plan, index));
      }
    };

    const idle = new Set<Worker>();
    const kick = () => {
      try {
        emit();
        for (const w of [...idle]) if (dispatch(w)) idle.delete(w);
        if (emitted === envs.length) resolve();
      } catch (e) {
        fail(e);
      }
    };

    for (const worker of workers) {
      worker.on("error", fail);
      worker.on("exit", (code) => {
        if (emitted < envs.length) fail(new Error(`a plan worker stopped (exit code ${code}) before the plan was complete`));
      });
      worker.on("message", (result: StackTaskResult) => {
        const task = tasks.get(result.id);
        if (!task) return fail(new Error(`unexpected result ${result.id} from a plan worker`));
        tasks.delete(result.id);
        statistics.runs++;
        task.env.running.delete(task.index);
        task.env.finished.set(task.index, result);
        idle.add(worker);
        settle(task.env);
        kick();
      });
      idle.add(worker);
    }
    kick();
  });

  try {
    await done;
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  await handedOn;
  return { plans, statistics };
}

// The light entry point (`@plugilo/plan/parallel`): what a caller that plans through workers needs, without
// loading Pulumi or the programs in its own thread.
export { hasErrors, type PlanProgress, type PlanResult, planToJson } from "./plan.ts";
export { renderPlanTree } from "./plan-tree.ts";
