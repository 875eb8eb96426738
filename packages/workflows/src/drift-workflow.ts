/**
 * The drift check (.github/workflows/drift.yml): every day, and on demand, `pulumi preview --expect-no-changes`
 * of every stack of every environment, so a change made outside the code (a portal click, a failover, a
 * deleted resource) shows up within a day. Per stack: the preview's output in the job summary, a failed job
 * when it would change anything; then one open issue labelled `drift` collects the failed stacks (created, or
 * commented on while it stays open).
 * Read-only by construction: each job runs behind the environment's `<env>-preview` GitHub environment, whose
 * identity holds read roles only (stacks/bootstrap/src/github-identities.ts); it runs the code of the default
 * branch only (schedule, workflow_dispatch), never a pull request's, also on the environment's runners in AKS
 * (the cluster stacks reach private API servers). Only the report job may write, and only issues.
 * https://www.pulumi.com/docs/iac/cli/commands/pulumi_preview/ (--expect-no-changes)
 * https://docs.github.com/actions/writing-workflows/choosing-when-your-workflow-runs/events-that-trigger-workflows#schedule
 */
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: "${{ ... }}" here is GitHub Actions expression syntax, not a template.
import type { EnvironmentModel } from "@plugilo/model";
import { runnerLabel } from "./deployment-stacks.ts";
import { HOSTED_RUNNER, type Toolchain } from "./pulumi-steps.ts";
import { stackPreviewJob } from "./stack-preview-job.ts";
import type { Job, Workflow } from "./workflow-types.ts";

/** 05:17 UTC: before the working day, off the full hour GitHub's scheduler is busiest at. */
export const DRIFT_SCHEDULE = "17 5 * * *";
export const DRIFT_LABEL = "drift";

function driftJob(model: EnvironmentModel, toolchain: Toolchain): Job {
  return stackPreviewJob({
    model,
    toolchain,
    name: `drift ${model.name} (\${{ matrix.name }})`,
    if: "vars.PULUMI_BACKEND_URL != ''",
    privateRunner: runnerLabel(model),
    // Gentle on the cloud APIs and the runners: drift is not urgent.
    maxParallel: 2,
    expectNoChanges: true,
    outputFile: "drift.txt",
    summary: [
      `if [ "\${{ job.status }}" = "success" ]; then verdict="no drift"; else verdict="DRIFT or failure"; fi`,
      `echo "### ${model.name} \${{ matrix.name }} (\${{ matrix.stack }}): $verdict" >> "$GITHUB_STEP_SUMMARY"`,
    ],
  });
}

/** One open `drift` issue: created on the first drifting run, commented on by the next ones until closed. */
function reportJob(jobIds: string[]): Job {
  return {
    name: "Report drift",
    needs: jobIds,
    if: `always() && contains(needs.*.result, 'failure')`,
    "runs-on": HOSTED_RUNNER,
    permissions: { issues: "write" },
    "timeout-minutes": 5,
    env: {
      GH_TOKEN: "${{ github.token }}",
      GH_REPO: "${{ github.repository }}",
      RUN_URL: "${{ github.server_url }}/${{ github.repository }}/actions/runs/${{ github.run_id }}",
    },
    steps: [
      {
        name: "Open or update the drift issue",
        run: [
          `body="A scheduled \\\`pulumi preview --expect-no-changes\\\` found changes (or failed): $RUN_URL. Each job's summary shows the diff. Fix the code or undo the change in the cloud, then close this issue."`,
          `number=$(gh issue list --label ${DRIFT_LABEL} --state open --json number --jq '.[0].number')`,
          `if [ -n "$number" ]; then gh issue comment "$number" --body "$body"; else gh label create ${DRIFT_LABEL} --force --description "Infrastructure differs from the code" && gh issue create --title "Infrastructure drift" --label ${DRIFT_LABEL} --body "$body"; fi`,
        ].join("\n"),
      },
    ],
  };
}

export function driftWorkflow(models: readonly EnvironmentModel[], toolchain: Toolchain): Workflow {
  const jobs: Record<string, Job> = {};
  for (const model of models) jobs[`drift-${model.name}`] = driftJob(model, toolchain);
  jobs.report = reportJob(Object.keys(jobs));
  return {
    name: "drift",
    on: { schedule: [{ cron: DRIFT_SCHEDULE }], workflow_dispatch: {} },
    permissions: { contents: "read" },
    concurrency: { group: "drift", "cancel-in-progress": false },
    jobs,
  };
}
