/**
 * `plugilo flows <env>`: decides every required and forbidden flow of the environment from its plan (run
 * now, or a saved `plan --json` file). Exit 0: every required flow allowed and every forbidden one denied;
 * 1: a violation; 2: invalid configuration, unknown flow, or an unreadable or invalid plan file.
 */
import {
  ConfigError,
  type EnvironmentModel,
  flowCatalogue,
  formatFinding,
  listEnvironments,
  loadModel,
  otherEnvironment,
} from "@plugilo/model";
import type { Command } from "commander";

const EXIT = { ok: 0, findings: 1, invalid: 2 } as const;

function invalid(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(EXIT.invalid);
}

function loadOrExit(env: string): EnvironmentModel {
  try {
    return loadModel(env);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    for (const f of e.findings) process.stderr.write(`${formatFinding(f)}\n`);
    return invalid(`invalid configuration: ${e.findings.length} error(s); no flow was evaluated`);
  }
}

/** The other environments' address spaces (non-prod to prod); an invalid one is left out, `validate` reports it. */
function others(model: EnvironmentModel) {
  return listEnvironments()
    .filter((env) => env !== model.name)
    .flatMap((env) => {
      try {
        const other = loadModel(env);
        return other.name === model.name ? [] : [otherEnvironment(other)];
      } catch {
        return [];
      }
    });
}

export function registerFlowsCommand(program: Command): void {
  program
    .command("flows")
    .description("Check every required and forbidden flow of an environment against its plan, hop by hop. Offline.")
    .argument("<env>", "environment name or YAML path")
    .option("--plan <plan.json>", "evaluate a saved `plugilo plan <env> --json` file instead of planning now")
    .option("--json", "print { environment, flows: [{ id, kind, source, destination, protocol, port, verdict, hops, reason }] }")
    .option("--flow <id>", "only this flow, with its hop-by-hop path")
    .action(async (env: string, opts: { plan?: string; json?: boolean; flow?: string }) => {
      const model = loadOrExit(env);
      const { evaluateFlows, flowsToJson, PlanFileError, readPlanFile, renderFlowHops, renderFlowTable, violates } = await import(
        "@plugilo/flows"
      );
      let resources: import("@plugilo/policy").PlannedResource[];
      if (opts.plan) {
        try {
          const saved = readPlanFile(opts.plan);
          if (saved.environment !== model.name)
            invalid(`${opts.plan}: environment: the plan is of ${saved.environment}, not ${model.name}`);
          resources = saved.resources;
        } catch (e) {
          if (e instanceof PlanFileError) invalid(e.message);
          throw e;
        }
      } else {
        const { planEnvironment } = await import("@plugilo/plan");
        resources = (await planEnvironment(model)).resources;
      }
      const otherEnvs = others(model);
      let flows = flowCatalogue(model, otherEnvs);
      if (opts.flow) {
        flows = flows.filter((f) => f.id === opts.flow);
        if (!flows.length) invalid(`unknown flow ${opts.flow}: \`plugilo flows ${env}\` lists them`);
      }
      const externalVnets = Object.fromEntries(otherEnvs.flatMap((o) => o.vnets.map((v) => [v.name, v.cidr])));
      const results = evaluateFlows(model, resources, flows, { externalVnets });
      const text = opts.json
        ? flowsToJson(model.name, results)
        : opts.flow
          ? results.map(renderFlowHops).join("\n")
          : renderFlowTable(model.name, results);
      process.stdout.write(`${text}\n`);
      process.exitCode = results.some(violates) ? EXIT.findings : EXIT.ok;
    });
}
