/**
 * `plugilo deploy <env> [--stack <names...>] [--yes]`: previews (default) or updates (--yes) the
 * environment's stacks in deployment order through the Pulumi Automation API, with the CrossGuard pack,
 * stopping at the first stack that fails. Needs the Pulumi CLI, a logged-in backend and cloud credentials
 * (docs/deploy/). Exit: 0 every stack done, 2 invalid configuration or an unknown stack, 3 a stack failed.
 */
import type { Command } from "commander";
import { loadModelOrExit } from "./load-model.ts";

export function registerDeploy(program: Command): void {
  program
    .command("deploy")
    .description(
      "Preview (default) or update (--yes) an environment's stacks in deployment order, with the policy pack; stops at the first failure.",
    )
    .argument("<env>", "environment name or YAML path")
    .option("--stack <names...>", "only these stacks, still in deployment order (bootstrap only when named)")
    .option("--yes", "update (pulumi up) instead of preview")
    .action(async (env: string, opts: { stack?: string[]; yes?: boolean }) => {
      const model = loadModelOrExit(env, "nothing was deployed");
      const { deployTargets, runDeploy, UnknownStack } = await import("../deploy/run-deploy.ts");
      const { REPO_ROOT } = await import("@plugilo/workflows");
      let targets: ReturnType<typeof deployTargets>;
      try {
        targets = deployTargets(model, opts.stack);
      } catch (e) {
        if (!(e instanceof UnknownStack)) throw e;
        process.stderr.write(`${e.message}; nothing was deployed\n`);
        process.exit(2);
      }
      const { PulumiCommand } = await import("@pulumi/pulumi/automation/index.js");
      const pulumiCommand = await PulumiCommand.get().catch((e: Error) => {
        process.stderr.write(
          `the Pulumi CLI is not usable (${/ENOENT/.test(e.message) ? "no pulumi on PATH" : e.message.split("\n")[0]}): install it (https://www.pulumi.com/docs/iac/download-install/); nothing was deployed\n`,
        );
        process.exit(2);
      });
      const result = await runDeploy(targets, {
        repoRoot: REPO_ROOT,
        yes: opts.yes ?? false,
        pulumiCommand,
        onEvent: (e) => {
          if (e.type === "start")
            process.stderr.write(
              `[${e.index + 1}/${e.total}] ${e.target.name} (${e.target.dir}, stack ${e.target.stack}): ${e.operation}\n`,
            );
          if (e.type === "output") process.stderr.write(e.text);
          if (e.type === "done") {
            const changes = Object.entries(e.changes)
              .map(([k, v]) => `${k} ${v}`)
              .join(", ");
            process.stderr.write(
              `      ${e.target.name}: done in ${Math.round(e.milliseconds / 1000)} s${changes ? ` (${changes})` : ""}\n`,
            );
          }
        },
      });
      process.stdout.write(`${opts.yes ? "updated" : "previewed"}: ${result.done.map((t) => t.name).join(", ") || "none"}\n`);
      if (result.failed) {
        process.stdout.write(`FAILED: ${result.failed.target.name}: ${result.failed.message}\n`);
        process.stdout.write(`not run: ${result.notRun.map((t) => t.name).join(", ") || "none"}\n`);
        process.exitCode = 3;
      }
    });
}
