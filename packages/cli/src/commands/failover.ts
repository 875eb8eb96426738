/**
 * `plugilo failover <env> <service> [--to <region>] [--forced] [--execute]`: the cross-region failover
 * runbook of one service (or `all`, in order) as a command. A dry run by default: the ordered steps with
 * their resources, preconditions, post-checks and the expected RTO. With --execute it performs them through
 * the Azure SDK (DefaultAzureCredential) and stops at the first failure, saying what was done and what not.
 * Exit: 0 done (or dry run), 2 invalid usage or a service that does not apply, 3 a step failed or timed out.
 */
import { type Command, InvalidArgumentError } from "commander";
import { loadModelOrExit } from "./load-model.ts";

export const FAILOVER_EXIT = { failed: 3 } as const;

function minutes(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError("a positive number of minutes");
  return n;
}

export function registerFailover(program: Command): void {
  program
    .command("failover")
    .description(
      "Fail a data service or Front Door over to the other region: prints the ordered steps (dry run), or performs them with --execute.",
    )
    .argument("<env>", "environment name or YAML path")
    .argument("<service>", "postgresql, cosmos, redis, front-door, or all (in that order: front-door, postgresql, cosmos, redis)")
    .option("--to <region>", "the region to fail over to (default: the environment's secondary region)")
    .option(
      "--forced",
      "the source region is down: do not wait for replication (PostgreSQL Forced, Cosmos DB offline region, Redis force-unlink)",
    )
    .option("--execute", "perform the steps in Azure (DefaultAzureCredential); without it nothing is changed")
    .option("--step-timeout <minutes>", "the longest one step may take before the command stops", minutes, 30)
    .action(
      async (env: string, service: string, opts: { to?: string; forced?: boolean; execute?: boolean; stepTimeout: number }) => {
        const { FAILOVER_SERVICES, NotApplicable, allRunbooks, serviceRunbook } = await import("../failover/runbook.ts");
        const { renderDryRun, renderReport } = await import("../failover/runbook-text.ts");
        if (service !== "all" && !(FAILOVER_SERVICES as readonly string[]).includes(service)) {
          process.stderr.write(`unknown service ${service}: use ${FAILOVER_SERVICES.join(", ")} or all\n`);
          process.exit(2);
        }
        const model = loadModelOrExit(env);
        const request = { ...(opts.to ? { to: opts.to } : {}), forced: opts.forced ?? false };
        let plan: ReturnType<typeof allRunbooks>;
        try {
          plan =
            service === "all"
              ? allRunbooks(model, request)
              : { runbooks: [serviceRunbook(model, service as (typeof FAILOVER_SERVICES)[number], request)], skipped: [] };
        } catch (e) {
          if (!(e instanceof NotApplicable)) throw e;
          process.stderr.write(`${e.message}: nothing to fail over\n`);
          process.exit(2);
        }
        if (plan.runbooks.length === 0) {
          process.stderr.write(`${renderDryRun(model.name, [], plan.skipped)}\n`);
          process.exit(2);
        }
        process.stdout.write(`${renderDryRun(model.name, plan.runbooks, plan.skipped)}\n`);
        if (!opts.execute) return;

        const { DefaultAzureCredential } = await import("@azure/identity");
        const { ArmClients } = await import("../failover/arm-operations.ts");
        const { executeRunbooks } = await import("../failover/execute.ts");
        process.stdout.write(`\nExecuting ${plan.runbooks.map((r) => r.service).join(", ")} in ${model.name}...\n`);
        const result = await executeRunbooks(new ArmClients({ credential: new DefaultAzureCredential() }), plan.runbooks, {
          stepTimeoutMs: opts.stepTimeout * 60_000,
          onEvent: (e) => {
            const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;
            if (e.type === "start") process.stderr.write(`[${e.index + 1}/${e.total}] ${e.service}: ${e.step.title}\n`);
            if (e.type === "progress") process.stderr.write(`      ${e.status} (${seconds(e.elapsedMs)})\n`);
            if (e.type === "done") process.stderr.write(`      ok: ${e.result} (${seconds(e.elapsedMs)})\n`);
          },
        });
        process.stdout.write(`${renderReport(result)}\n`);
        if (result.failed) process.exitCode = FAILOVER_EXIT.failed;
      },
    );
}
