/**
 * Runs failover runbooks step by step and stops at the first step that fails or times out, so the operator
 * always knows what was done and what was not. Steps run strictly one after another: each action's
 * precondition was checked right before it, and no step starts while an earlier one may still be changing Azure.
 */
import { type ArmClients, CheckFailed, performOperation } from "./arm-operations.ts";
import type { FailoverStep, ServiceRunbook } from "./runbook.ts";

export type ExecutionEvent =
  | { type: "start"; service: string; index: number; total: number; step: FailoverStep }
  | { type: "progress"; service: string; step: FailoverStep; status: string; elapsedMs: number }
  | { type: "done"; service: string; step: FailoverStep; result: string; elapsedMs: number };

export interface ExecutedStep {
  service: string;
  step: FailoverStep;
  result: string;
}

export interface ExecutionResult {
  completed: ExecutedStep[];
  failed?: {
    service: string;
    step: FailoverStep;
    /** precondition/post-check not met, Azure refused (HTTP status and code), or the step ran out of time. */
    reason: "check" | "azure" | "timeout";
    message: string;
  };
  notRun: { service: string; step: FailoverStep }[];
}

export interface ExecuteOptions {
  /** Longest time one step (a request and the long-running operation it starts) may take. */
  stepTimeoutMs: number;
  onEvent?: (event: ExecutionEvent) => void;
}

function describeError(e: unknown): { reason: "check" | "azure"; message: string } {
  if (e instanceof CheckFailed) return { reason: "check", message: e.message };
  const err = e as { statusCode?: number; code?: string; message?: string };
  const status = err.statusCode ? `HTTP ${err.statusCode}` : "";
  const code = err.code ? ` ${err.code}` : "";
  return { reason: "azure", message: `${status}${code}${status || code ? ": " : ""}${err.message ?? String(e)}` };
}

export async function executeRunbooks(
  clients: ArmClients,
  runbooks: readonly ServiceRunbook[],
  options: ExecuteOptions,
): Promise<ExecutionResult> {
  const all = runbooks.flatMap((r) => r.steps.map((step) => ({ service: r.service, step })));
  const result: ExecutionResult = { completed: [], notRun: [] };
  for (const [index, { service, step }] of all.entries()) {
    if (result.failed) {
      result.notRun.push({ service, step });
      continue;
    }
    options.onEvent?.({ type: "start", service, index, total: all.length, step });
    const started = performance.now();
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), options.stepTimeoutMs);
    try {
      const outcome = await performOperation(
        clients,
        step.operation,
        (status) => options.onEvent?.({ type: "progress", service, step, status, elapsedMs: performance.now() - started }),
        controller.signal,
      );
      result.completed.push({ service, step, result: outcome });
      options.onEvent?.({ type: "done", service, step, result: outcome, elapsedMs: performance.now() - started });
    } catch (e) {
      result.failed = controller.signal.aborted
        ? {
            service,
            step,
            reason: "timeout",
            message: `no result after ${Math.round(options.stepTimeoutMs / 1000)} s: the operation may still complete in Azure; check ${step.resource} before running it again`,
          }
        : { service, step, ...describeError(e) };
    } finally {
      clearTimeout(timer);
    }
  }
  return result;
}
