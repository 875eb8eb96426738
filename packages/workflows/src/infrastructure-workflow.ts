/**
 * The infrastructure workflow (.github/workflows/infrastructure.yml), generated from the environment models
 * (docs/adr/0080):
 * - every pull request and push to main: install, tests, type check, lint, validate, the drift checks of
 *   deploy/ and of these workflows, the policy pack's smoke test; the offline plan of every environment (JSON
 *   uploaded as an artifact, a summary on the run page); Checkov on the rendered manifests and the workflows;
 * - pull requests: `pulumi preview` of every stack of every environment, with the policy pack;
 * - main: `pulumi up` of every stack in deployment order (model.layers), dev -> staging -> prod, each
 *   environment one job behind its GitHub environment (prod: required reviewers), one at a time.
 * Jobs that touch Azure log in with OIDC (azure/login, federated credentials: no secret) and keep Pulumi's
 * state in Azure Blob Storage (PULUMI_BACKEND_URL) with each stack's Key Vault secrets provider.
 */
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: "${{ ... }}" here is GitHub Actions expression syntax, not a template.
import type { EnvironmentModel } from "@plugilo/model";
import { uses } from "./actions.ts";
import { checkovJob } from "./checkov-job.ts";
import { deploymentStacks, runnerLabel } from "./deployment-stacks.ts";
import { previewsOnPullRequests } from "./preview-identities.ts";
import { promotionGuardJob } from "./promotion-guard-job.ts";
import {
  HOSTED_RUNNER,
  loginSteps,
  POLICY_PACK,
  pulumiCommand,
  pulumiEnv,
  secretsProviderCheck,
  setupSteps,
  type Toolchain,
} from "./pulumi-steps.ts";
import { runnerLabelFor } from "./runner-sets.ts";
import { stackPreviewJob } from "./stack-preview-job.ts";
import { type UpstreamSnapshotPin, upstreamSnapshotSteps } from "./upstream-snapshot.ts";
import type { Job, Step, Workflow } from "./workflow-types.ts";

export {
  HOSTED_RUNNER,
  loginSteps,
  POLICY_PACK,
  pulumiEnv,
  secretsProviderCheck,
  setupSteps,
  type Toolchain,
} from "./pulumi-steps.ts";

const onMain = "github.ref == 'refs/heads/main' && github.event_name != 'pull_request'";
/** Azure jobs wait until the team has configured the state backend (.github/README.md, "First run"). */
const backendConfigured = "vars.PULUMI_BACKEND_URL != ''";

function checksJob(toolchain: Toolchain, upstream: UpstreamSnapshotPin): Job {
  return {
    name: "Tests, type check, lint, validate, drift",
    "runs-on": HOSTED_RUNNER,
    "timeout-minutes": 30,
    steps: [
      ...setupSteps(toolchain, false),
      // The tests and render --check read the upstream snapshot (CRD schemas, chart values, tags): docs/adr/0136.
      ...upstreamSnapshotSteps(upstream),
      { name: "Tests", run: "npm test" },
      { name: "Type check", run: "npm run typecheck" },
      { name: "Lint", run: "npm run lint" },
      { name: "Validate the environments", run: "npm run -s plugilo -- validate" },
      { name: "deploy/ is up to date", run: "npm run -s plugilo -- render --check" },
      { name: "The workflows are up to date", run: "npm run -s workflows -- --check" },
      { name: "Install the policy pack", run: `npm ci --prefix ${POLICY_PACK} --no-audit --no-fund` },
      { name: "Policy pack smoke test (Pulumi's runner, no cloud)", run: `node ${POLICY_PACK}/smoke.js` },
    ],
  };
}

function planJob(toolchain: Toolchain, environments: string[]): Job {
  return {
    name: "Offline plan (${{ matrix.environment }})",
    "runs-on": HOSTED_RUNNER,
    "timeout-minutes": 30,
    strategy: { "fail-fast": false, matrix: { environment: environments } },
    env: { ENVIRONMENT: "${{ matrix.environment }}" },
    steps: [
      ...setupSteps(toolchain, false),
      {
        name: "plugilo plan --json",
        id: "plan",
        // Exit 1 on error findings, 2 on invalid configuration: recorded, then failed below after the upload.
        run: [
          "set +e",
          'npm run -s plugilo -- plan "$ENVIRONMENT" --json > "plan-$ENVIRONMENT.json"',
          'echo "exit-code=$?" >> "$GITHUB_OUTPUT"',
        ].join("\n"),
      },
      {
        name: "Summary",
        if: "always()",
        run: 'node packages/workflows/src/plan-summary.ts "plan-$ENVIRONMENT.json" >> "$GITHUB_STEP_SUMMARY"',
      },
      {
        name: "Upload the plan",
        if: "always()",
        uses: uses("uploadArtifact"),
        with: { name: "plan-${{ matrix.environment }}", path: "plan-${{ matrix.environment }}.json", "retention-days": 30 },
      },
      {
        name: "No error findings",
        run: 'exit "${{ steps.plan.outputs.exit-code }}"',
      },
    ],
  };
}

function infrastructureCheckovJob(waivedChecks: string): Job {
  return checkovJob({
    name: "Checkov: rendered manifests and workflows",
    frameworks: "kubernetes,github_actions,secrets",
    configFile: ".github/checkov.yaml",
    // Fails on every finding that .github/security-waivers.yaml does not waive (docs/adr/0124).
    softFail: false,
    ...(waivedChecks ? { skipChecks: waivedChecks } : {}),
    runsOn: HOSTED_RUNNER,
  });
}

/**
 * `pulumi preview` of every stack. Pull requests preview the environments that have a preview runner set (dev,
 * staging) with the `<env>-preview` identity: read-only state, no production key (docs/adr/0121). Production is
 * previewed on main only, from reviewed code, before its deploy job waits for approval.
 */
function previewJob(model: EnvironmentModel, toolchain: Toolchain): Job {
  const onPullRequest = previewsOnPullRequests(model);
  return stackPreviewJob({
    model,
    toolchain,
    name: `pulumi preview ${model.name} (\${{ matrix.name }})`,
    needs: ["checks", "plan"],
    if: onPullRequest ? `github.event_name == 'pull_request' && ${backendConfigured}` : `${onMain} && ${backendConfigured}`,
    privateRunner: onPullRequest ? runnerLabelFor(model, "preview") : runnerLabel(model),
    outputFile: "preview.txt",
    summary: [`echo "### pulumi preview ${model.name} \${{ matrix.name }} (\${{ matrix.stack }})" >> "$GITHUB_STEP_SUMMARY"`],
  });
}

function deployJob(model: EnvironmentModel, toolchain: Toolchain, previous: string | undefined): Job {
  const stacks = deploymentStacks(model);
  const env = model.name;
  const preview = previewsOnPullRequests(model) ? [] : [`preview-${env}`];
  return {
    name: `pulumi up ${env}`,
    needs: [...(previous ? [previous] : ["checks", "plan"]), ...preview],
    if: previous ? onMain : `${onMain} && ${backendConfigured}`,
    // The cluster stacks reach private API servers: the environment's runners in AKS. Until they exist (the
    // first bootstrap), DEPLOY_RUNNER_<ENV> names a runner inside the network (stacks/cluster/README.md).
    "runs-on": `\${{ vars.DEPLOY_RUNNER_${env.toUpperCase()} || '${runnerLabel(model)}' }}`,
    environment: env,
    concurrency: { group: `deploy-${env}`, "cancel-in-progress": false },
    permissions: { "id-token": "write", contents: "read" },
    "timeout-minutes": 240,
    env: pulumiEnv,
    steps: [
      ...setupSteps(toolchain, true),
      ...(stacks.some((s) => s.privateNetwork) ? [{ name: "kubelogin", uses: uses("useKubelogin") }] : []),
      {
        name: "Summary header",
        run: `printf '### pulumi up %s\\n\\n| stack | Pulumi stack |\\n|---|---|\\n' ${env} >> "$GITHUB_STEP_SUMMARY"`,
      },
      // Before anything changes: every stack of the environment can decrypt its secrets.
      { name: "Stacks use the Key Vault secrets provider", run: secretsProviderCheck(stacks) },
      ...stacks.flatMap((s): Step[] => [
        ...loginSteps(s, model),
        {
          name: `${s.name}: pulumi up`,
          run: [pulumiCommand("up", s.dir, s.stack), `echo "| ${s.name} | ${s.stack} |" >> "$GITHUB_STEP_SUMMARY"`].join("\n"),
        },
      ]),
    ],
  };
}

/** The whole workflow. `models` in promotion order (dev, staging, prod). */
export function infrastructureWorkflow(
  models: readonly EnvironmentModel[],
  toolchain: Toolchain,
  upstream: UpstreamSnapshotPin,
  waivedChecks = "",
): Workflow {
  const jobs: Record<string, Job> = {
    checks: checksJob(toolchain, upstream),
    plan: planJob(
      toolchain,
      models.map((m) => m.name),
    ),
    checkov: infrastructureCheckovJob(waivedChecks),
    "promotion-guard": promotionGuardJob(toolchain),
  };
  for (const model of models) jobs[`preview-${model.name}`] = previewJob(model, toolchain);
  models.forEach((model, i) => {
    const previous = models[i - 1];
    jobs[`deploy-${model.name}`] = deployJob(model, toolchain, previous ? `deploy-${previous.name}` : undefined);
  });
  return {
    name: "infrastructure",
    on: {
      pull_request: { branches: ["main"] },
      push: { branches: ["main"] },
      workflow_dispatch: {},
    },
    permissions: { contents: "read" },
    // A pull request's newer push replaces its running checks; main's runs never cancel each other (the deploy
    // jobs also queue per environment).
    concurrency: {
      group: "infrastructure-${{ github.event_name == 'pull_request' && github.head_ref || github.sha }}",
      "cancel-in-progress": "${{ github.event_name == 'pull_request' }}",
    },
    jobs,
  };
}
