/**
 * Deploys an environment's stacks with the Pulumi Automation API: each stack folder is a LocalWorkspace
 * (its Pulumi.yaml and Pulumi.<stack>.yaml), run in the model's deployment order (`model.layers`, the order
 * the plan and the workflow follow). Preview by default, `pulumi up` with `yes`; the CrossGuard pack
 * (packages/policy/pack) is on for both. One stack at a time, stopping at the first that fails: the layers
 * depend on what the earlier ones created.
 * https://www.pulumi.com/docs/iac/packages-and-automation/automation-api/
 */
import { join } from "node:path";
import type { EnvironmentModel } from "@plugilo/model";
import { deploymentStacks } from "@plugilo/workflows";
import { LocalWorkspace, type PulumiCommand } from "@pulumi/pulumi/automation/index.js";

export interface DeployTarget {
  /** The plan's name of the stack: the layer, or the cluster. */
  name: string;
  /** Folder of the Pulumi project, relative to the repository root. */
  dir: string;
  /** Pulumi stack name. */
  stack: string;
}

/** The stacks of an environment in deployment order; `bootstrap` first when it is asked for by name. */
export function deployTargets(model: EnvironmentModel, only?: readonly string[]): DeployTarget[] {
  const all: DeployTarget[] = [
    ...(only?.includes("bootstrap") ? [{ name: "bootstrap", dir: "stacks/bootstrap", stack: model.name }] : []),
    ...deploymentStacks(model).map(({ name, dir, stack }) => ({ name, dir, stack })),
  ];
  const unknown = (only ?? []).filter((n) => !all.some((t) => t.name === n));
  if (unknown.length) {
    throw new UnknownStack(
      `unknown stack ${unknown.join(", ")}: ${model.name} has bootstrap, ${deploymentStacks(model)
        .map((s) => s.name)
        .join(", ")}`,
    );
  }
  return only ? all.filter((t) => only.includes(t.name)) : all;
}

export class UnknownStack extends Error {}

export type DeployEvent =
  | { type: "start"; target: DeployTarget; index: number; total: number; operation: "preview" | "up" }
  | { type: "output"; target: DeployTarget; text: string }
  | { type: "done"; target: DeployTarget; milliseconds: number; changes: Record<string, number> };

export interface DeployOptions {
  repoRoot: string;
  /** Update (`pulumi up`) instead of preview. */
  yes: boolean;
  /** The Pulumi CLI to run; default: `pulumi` on PATH. */
  pulumiCommand?: PulumiCommand;
  onEvent?: (event: DeployEvent) => void;
}

export interface DeployResult {
  done: DeployTarget[];
  failed?: { target: DeployTarget; message: string };
  notRun: DeployTarget[];
}

export async function runDeploy(targets: readonly DeployTarget[], options: DeployOptions): Promise<DeployResult> {
  const result: DeployResult = { done: [], notRun: [] };
  const policyPack = join(options.repoRoot, "packages/policy/pack");
  const operation = options.yes ? "up" : "preview";
  for (const [index, target] of targets.entries()) {
    if (result.failed) {
      result.notRun.push(target);
      continue;
    }
    options.onEvent?.({ type: "start", target, index, total: targets.length, operation });
    const started = performance.now();
    const onOutput = (text: string) => options.onEvent?.({ type: "output", target, text });
    try {
      const stack = await LocalWorkspace.selectStack(
        { stackName: target.stack, workDir: join(options.repoRoot, target.dir) },
        options.pulumiCommand ? { pulumiCommand: options.pulumiCommand } : {},
      );
      let changes: Record<string, number> = {};
      if (options.yes) {
        const up = await stack.up({ policyPacks: [policyPack], diff: true, onOutput });
        changes = (up.summary.resourceChanges ?? {}) as Record<string, number>;
      } else {
        const preview = await stack.preview({ policyPacks: [policyPack], diff: true, onOutput });
        changes = preview.changeSummary as Record<string, number>;
      }
      result.done.push(target);
      options.onEvent?.({ type: "done", target, milliseconds: performance.now() - started, changes });
    } catch (e) {
      // The CLI's last lines of stderr say why (the Automation API's own exit code is not the CLI's).
      const err = e as { commandResult?: { stderr?: string }; message?: string };
      const stderr = err.commandResult?.stderr?.trim().split("\n").slice(-5).join("\n");
      result.failed = { target, message: stderr || (err.message ?? String(e)) };
    }
  }
  return result;
}
