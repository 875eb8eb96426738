/** The service workflow's checks beside the build: security waivers, the IaC scan (Checkov), SonarQube. */
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: "${{ ... }}" here is GitHub Actions expression syntax, not a template.
import { uses } from "./actions.ts";
import { checkovJob } from "./checkov-job.ts";
import { HOSTED_RUNNER } from "./infrastructure-workflow.ts";
import { WAIVERS_FILE, waiversScript } from "./security-waivers.ts";
import type { Job } from "./workflow-types.ts";

export function waiversJob(): Job {
  return {
    name: `Security waivers (${WAIVERS_FILE})`,
    "runs-on": HOSTED_RUNNER,
    "timeout-minutes": 5,
    permissions: { contents: "read" },
    outputs: { checkov: "${{ steps.waivers.outputs.checkov }}", trivy: "${{ steps.waivers.outputs.trivy }}" },
    steps: [
      { name: "Check out", uses: uses("checkout"), with: { "persist-credentials": false } },
      // yq and jq are on GitHub's Ubuntu images.
      { name: "Every waiver has a reason, an owner and an expiry in the future", id: "waivers", run: waiversScript() },
    ],
  };
}

export function iacScanJob(): Job {
  const job = checkovJob({
    name: "Checkov (IaC scan)",
    frameworks: "dockerfile,kubernetes,helm,github_actions,secrets",
    softFail: false,
    skipChecks: "${{ needs.waivers.outputs.checkov }}",
    runsOn: HOSTED_RUNNER,
  });
  return { ...job, needs: ["waivers"] };
}

export function codeQualityJob(): Job {
  return {
    name: "SonarQube (optional)",
    "runs-on": HOSTED_RUNNER,
    "timeout-minutes": 30,
    permissions: { contents: "read" },
    // Secrets cannot be tested in `if:`; the job's environment can.
    env: { SONAR_TOKEN: "${{ secrets.SONAR_TOKEN }}", SONAR_HOST_URL: "${{ secrets.SONAR_HOST_URL }}" },
    steps: [
      {
        name: "Check out",
        if: "env.SONAR_TOKEN != ''",
        uses: uses("checkout"),
        with: { "fetch-depth": 0, "persist-credentials": false },
      },
      {
        name: "SonarQube scan",
        if: "env.SONAR_TOKEN != ''",
        uses: uses("sonarqube"),
        with: { args: "-Dsonar.projectKey=${{ inputs.sonar-project-key || needs.source.outputs.service }}" },
      },
      {
        name: "SonarQube not configured",
        if: "env.SONAR_TOKEN == ''",
        run: 'echo "::notice::SONAR_TOKEN is not set: no SonarQube scan"',
      },
    ],
    needs: ["source"],
  };
}
