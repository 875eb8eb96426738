/**
 * The plugilo command line. Every command takes an environment name (dev, staging, prod) or a path to an
 * environment YAML file. Exit status: 0 fine, 1 error findings in a plan, 2 invalid configuration or usage.
 */
import { ConfigError, type EnvironmentModel, formatFinding, listEnvironments, loadModel } from "@plugilo/model";
import { Command, CommanderError } from "commander";
import { registerCost } from "./commands/cost.ts";
import { registerDeploy } from "./commands/deploy.ts";
import { registerDiagram } from "./commands/diagram.ts";
import { registerFailover } from "./commands/failover.ts";
import { registerFlowsCommand } from "./commands/flows.ts";
import { registerPlanCommand } from "./commands/plan.ts";
import { registerReport } from "./commands/report.ts";
import { exitOnError } from "./fatal.ts";
import { renderIpamTable } from "./ipam-table.ts";

export const EXIT = { ok: 0, findings: 1, invalid: 2 } as const;

function print(text: string) {
  process.stdout.write(text.endsWith("\n") ? text : `${text}\n`);
}

/** Loads a model, or prints every configuration error and exits 2: nothing runs on a bad configuration. */
function modelOrExit(envOrFile: string): EnvironmentModel {
  try {
    const model = loadModel(envOrFile);
    for (const w of model.warnings) process.stderr.write(`${formatFinding(w)}\n`);
    return model;
  } catch (e) {
    exitOnError(e);
  }
}

export function buildProgram(): Command {
  const program = new Command()
    .name("plugilo")
    .description(
      "Plugilo's Azure estate: validate environments, plan them offline, inspect the address plan, render the GitOps manifests.",
    )
    .showHelpAfterError()
    .exitOverride();

  program
    .command("validate")
    .description("Check an environment: schema, region capabilities, address plan and overlaps. Runs no Pulumi.")
    .argument("[env...]", "environment names or YAML paths (default: every file in environments/)")
    .action((envs: string[]) => {
      const targets = envs.length ? envs : listEnvironments();
      let failed = false;
      for (const env of targets) {
        try {
          const model = loadModel(env);
          for (const w of model.warnings) process.stderr.write(`${formatFinding(w)}\n`);
          print(
            `${model.file}: valid (${model.vnets.length} VNets, ${model.clusters.length} clusters, ${model.warnings.length} warnings)`,
          );
        } catch (e) {
          if (!(e instanceof ConfigError)) throw e;
          failed = true;
          for (const f of e.findings) process.stderr.write(`${formatFinding(f)}\n`);
        }
      }
      if (failed) process.exit(EXIT.invalid);
    });

  registerPlanCommand(program, { modelOrExit, exit: EXIT });

  program
    .command("render")
    .description("Render the GitOps manifests of every cluster into deploy/<env>/<cluster>/ (Argo CD syncs them).")
    .argument("[env...]", "environment names or YAML paths (default: every file in environments/)")
    .option("--check", "write nothing; exit 1 when the files in deploy/ differ from a fresh render (CI)")
    .option("--crd-schemas <dir>", "upstream CRD schemas (default: $PLUGILO_CRD_SCHEMAS, else ../shared/upstream/crds)")
    .action(async (envs: string[], opts: { check?: boolean; crdSchemas?: string }) => {
      const models = (envs.length ? envs : listEnvironments()).map(modelOrExit);
      const gitops = await import("@plugilo/gitops");
      const { checkDeploy, REPO_ROOT, renderEnvironment, renderFiles, writeDeploy } = gitops;
      if (opts.crdSchemas) gitops.useCrdSchemasDir(opts.crdSchemas);
      const schemasProblem = gitops.crdSchemasDirProblem();
      if (schemasProblem) {
        process.stderr.write(`${schemasProblem}\n`);
        process.exit(EXIT.invalid);
      }
      const files = renderFiles(models.flatMap(renderEnvironment));
      for (const w of models.flatMap(gitops.identityPlaceholderWarnings)) process.stderr.write(`${formatFinding(w)}\n`);
      const names = models.map((m) => m.name);
      if (opts.check) {
        const drift = checkDeploy(REPO_ROOT, names, files);
        for (const d of drift) process.stderr.write(`${d.problem}: ${d.path}\n`);
        if (drift.length)
          process.stderr.write(`deploy/ is not up to date (${drift.length} files): run npm run plugilo -- render\n`);
        else print(`deploy/ is up to date: ${files.size} files for ${names.join(", ")}`);
        process.exitCode = drift.length ? EXIT.findings : EXIT.ok;
        return;
      }
      writeDeploy(REPO_ROOT, names, files);
      print(`deploy/: ${files.size} files written for ${names.join(", ")}`);
    });

  program
    .command("ipam")
    .description("Print the address plan: VNets, subnets, reserved addresses and ranges.")
    .argument("[env...]", "environment names or YAML paths (default: every file in environments/)")
    .option("--json", "print the address plan as JSON")
    .action((envs: string[], opts: { json?: boolean }) => {
      const models = (envs.length ? envs : listEnvironments()).map(modelOrExit);
      if (opts.json) {
        print(
          JSON.stringify(
            models.map((m) => ({ environment: m.name, vnets: m.vnets, reservations: m.reservations })),
            null,
            2,
          ),
        );
      } else print(models.map(renderIpamTable).join("\n\n"));
    });

  registerFlowsCommand(program);
  registerDiagram(program);
  registerCost(program);
  registerReport(program);
  registerFailover(program);
  registerDeploy(program);
  return program;
}

/** The entry point of `npm run plugilo` and of the installed bin (bin/plugilo.js). */
export async function run(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv, { from: "user" });
  } catch (e) {
    if (e instanceof CommanderError) process.exit(e.exitCode === 0 ? EXIT.ok : EXIT.invalid);
    exitOnError(e);
  }
}

if (import.meta.main) await run(process.argv.slice(2));
