/**
 * One job that runs `pulumi preview` of every stack of an environment as a matrix (one entry per stack, on the
 * environment's runners in AKS where the stack needs the private network), behind the environment's read-only
 * `<env>-preview` GitHub environment, with the preview's output in the job summary. The infrastructure
 * workflow's preview and the daily drift check are this job with another trigger, output and summary.
 */
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: "${{ ... }}" here is GitHub Actions expression syntax, not a template.
import type { EnvironmentModel } from "@plugilo/model";
import { uses } from "./actions.ts";
import { type DeploymentStack, deploymentStacks } from "./deployment-stacks.ts";
import {
  HOSTED_RUNNER,
  loginSteps,
  pulumiCommand,
  pulumiEnv,
  secretsProviderCheck,
  setupSteps,
  type Toolchain,
} from "./pulumi-steps.ts";
import type { Job } from "./workflow-types.ts";

export interface StackPreviewJobArgs {
  model: EnvironmentModel;
  toolchain: Toolchain;
  /** The job's name on the run page. */
  name: string;
  needs?: string[];
  if: string;
  /** The runner label of the stacks that need the private network (the others run GitHub-hosted). */
  privateRunner: string;
  /** Matrix jobs at once; default: GitHub's (no limit). */
  maxParallel?: number;
  /** Fail the job when the preview would change anything. Default: false. */
  expectNoChanges?: boolean;
  /** The file under $RUNNER_TEMP that keeps the preview's output for the summary. */
  outputFile: string;
  /** The summary's first lines (shell commands); the tail of the preview's output follows. */
  summary: string[];
}

export function stackPreviewJob(a: StackPreviewJobArgs): Job {
  const stacks = deploymentStacks(a.model);
  // Every step below is shared by the matrix: multicloud and cluster specifics are guarded by matrix flags.
  const anyStack: DeploymentStack = {
    name: "${{ matrix.name }}",
    kind: "hub",
    dir: "",
    stack: "",
    privateNetwork: false,
    otherClouds: true,
  };
  const command = pulumiCommand("preview", "${{ matrix.dir }}", "${{ matrix.stack }}", {
    expectNoChanges: a.expectNoChanges,
  });
  return {
    name: a.name,
    ...(a.needs ? { needs: a.needs } : {}),
    if: a.if,
    "runs-on": "${{ matrix.runs-on }}",
    environment: { name: `${a.model.name}-preview`, deployment: false },
    permissions: { "id-token": "write", contents: "read" },
    "timeout-minutes": 60,
    env: pulumiEnv,
    strategy: {
      "fail-fast": false,
      ...(a.maxParallel ? { "max-parallel": a.maxParallel } : {}),
      matrix: {
        include: stacks.map((s) => ({
          name: s.name,
          dir: s.dir,
          stack: s.stack,
          "runs-on": s.privateNetwork ? a.privateRunner : HOSTED_RUNNER,
          "private-network": s.privateNetwork,
          "other-clouds": s.otherClouds,
        })),
      },
    },
    steps: [
      ...setupSteps(a.toolchain, true),
      { name: "kubelogin", if: "matrix.private-network", uses: uses("useKubelogin") },
      {
        name: "${{ matrix.name }}: secrets provider",
        run: secretsProviderCheck([{ dir: "${{ matrix.dir }}", stack: "${{ matrix.stack }}" }]),
      },
      ...loginSteps(anyStack, a.model, "matrix.other-clouds"),
      {
        name: `\${{ matrix.name }}: pulumi preview${a.expectNoChanges ? " --expect-no-changes" : ""}`,
        run: ["set -o pipefail", `${command} 2>&1 | tee "$RUNNER_TEMP/${a.outputFile}"`].join("\n"),
      },
      {
        name: "Summary",
        if: "always()",
        run: [
          ...a.summary,
          `{ echo '\`\`\`'; tail -c 60000 "$RUNNER_TEMP/${a.outputFile}" 2>/dev/null; echo '\`\`\`'; } >> "$GITHUB_STEP_SUMMARY"`,
        ].join("\n"),
      },
    ],
  };
}
