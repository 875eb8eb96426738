/**
 * `plugilo plan <env...>` / `plugilo plan --all`: the offline plan of one or more environments in one
 * command. With more than one job, stacks and environments run in worker threads (packages/plan,
 * parallel-plan.ts) and the output is byte for byte what one environment at a time prints. Output: one plan
 * per environment, in the order given: with `--json`, one JSON document per environment (the contract
 * `{ environment, stacks, resources, findings }`), one after the other on stdout (`jq` reads the sequence),
 * or with `--out-dir <dir>` each in `<dir>/<env>.json`. Exit 1 when any plan has an error finding.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { enableCompileCache } from "node:module";
import { join } from "node:path";
import { type EnvironmentModel, listEnvironments } from "@plugilo/model";
import { type Command, InvalidArgumentError } from "commander";
import { checkStackNames } from "../stacks-option.ts";

interface PlanCommandOptions {
  all?: boolean;
  json?: boolean;
  outDir?: string;
  stack?: string[];
  jobs?: number;
}

interface PlanCommandContext {
  /** Loads a model, or prints every configuration error and exits 2. */
  modelOrExit: (env: string) => EnvironmentModel;
  exit: { ok: number; findings: number; invalid: number };
}

function jobsOption(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("a whole number of 1 or more");
  return n;
}

export function registerPlanCommand(program: Command, context: PlanCommandContext): void {
  program
    .command("plan")
    .description("Run every layer's Pulumi program against a simulated Azure and check the result. No credentials, no network.")
    .argument("[env...]", "environment names or YAML paths")
    .option("--all", "every environment in environments/")
    .option("--json", "print the plan as JSON (the contract read by CI and external checkers), one document per environment")
    .option("--out-dir <dir>", "write each environment's JSON plan to <dir>/<env>.json instead of printing it")
    .option("--stack <names...>", "only these stacks (foundation, hub, edge, <cluster>, data, access, multicloud)")
    .option(
      "--jobs <n>",
      "worker threads (default: 1, or with several environments on more than 2 cores the cores, at most 4); 1 plans in this thread",
      jobsOption,
    )
    .action(async (envs: string[], opts: PlanCommandOptions) => {
      if (opts.all ? envs.length > 0 : envs.length === 0) {
        process.stderr.write("plan: name one or more environments, or --all\n");
        process.exit(context.exit.invalid);
      }
      const models = (opts.all ? listEnvironments() : envs).map(context.modelOrExit);
      // Compiled code cached on disk (Node's module compile cache): later plans load the SDK faster.
      enableCompileCache?.();
      const json = opts.json || opts.outDir !== undefined;
      let failed = false;
      const emit = async (plan: import("@plugilo/plan/parallel").PlanResult, index: number) => {
        const { hasErrors, planToJson, renderPlanTree } = await import("@plugilo/plan/parallel");
        failed ||= hasErrors(plan);
        const model = models[index] as EnvironmentModel;
        if (opts.outDir !== undefined) {
          mkdirSync(opts.outDir, { recursive: true });
          writeFileSync(join(opts.outDir, `${model.name}.json`), `${planToJson(plan)}\n`);
        } else {
          const text = json ? planToJson(plan) : renderPlanTree(plan, model.file);
          process.stdout.write(text.endsWith("\n") ? text : `${text}\n`);
        }
      };
      const progress = (
        environment: string,
        p: { index: number; total: number; stack: string; resourceCount?: number; milliseconds?: number },
      ) => {
        const prefix = models.length > 1 ? `${environment} ` : "";
        process.stderr.write(
          `${prefix}[${p.index + 1}/${p.total}] ${p.stack}: ${p.resourceCount} resources (${Math.round(p.milliseconds ?? 0)} ms)\n`,
        );
      };
      // An unknown stack name is a usage error (exit 2), never an empty plan that passes.
      if (opts.stack) for (const model of models) checkStackNames(model, opts.stack);
      const only = opts.stack ? { only: opts.stack } : {};
      // One thread unless several environments meet more than two cores: every worker loads the SDKs again
      // (defaultPlanJobs, ADR 0151). Decided without loading Pulumi here.
      const { defaultPlanJobs } = await import("@plugilo/plan/parallel");
      const jobs = opts.jobs ?? defaultPlanJobs(models.length);
      if (jobs === 1) {
        // One thread: Pulumi and the programs load here, once for every environment.
        const { planEnvironment } = await import("@plugilo/plan");
        for (const [index, model] of models.entries()) {
          const plan = await planEnvironment(model, {
            ...only,
            onProgress: (p) => p.phase === "done" && progress(model.name, p),
          });
          await emit(plan, index);
        }
      } else {
        const { planEnvironments } = await import("@plugilo/plan/parallel");
        await planEnvironments(models, {
          ...only,
          ...(jobs ? { jobs } : {}),
          onProgress: progress,
          onPlan: emit,
        });
      }
      process.exitCode = failed ? context.exit.findings : context.exit.ok;
    });
}
