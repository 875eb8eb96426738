/**
 * The k6 smoke and performance test (the service's script, with its thresholds) by Grafana's official
 * actions, against the service started on throwaway servers in the background.
 * https://grafana.com/docs/k6/latest/testing-guides/automated-performance-testing/
 */
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: "${{ ... }}" here is GitHub Actions expression syntax, not a template.
import { uses } from "./actions.ts";
import { HOSTED_RUNNER, type Toolchain } from "./infrastructure-workflow.ts";
import { SERVICE_PATH, serviceSetupSteps } from "./service-pipeline-setup.ts";
import type { Job } from "./workflow-types.ts";

export function k6Job(toolchain: Toolchain, gate: { needs: string[]; if: string }): Job {
  return {
    name: "k6 (smoke and performance, thresholds)",
    ...gate,
    "runs-on": HOSTED_RUNNER,
    "timeout-minutes": 20,
    permissions: { contents: "read" },
    steps: [
      ...serviceSetupSteps(toolchain, true),
      {
        name: "Start the service on throwaway servers",
        "working-directory": SERVICE_PATH,
        run: [
          "set -euo pipefail",
          'nohup npm run ${{ inputs.serve-script }} -- "$RUNNER_TEMP/base-url" > "$RUNNER_TEMP/service.log" 2>&1 &',
          'for i in $(seq 1 60); do [ -s "$RUNNER_TEMP/base-url" ] && break; sleep 1; done',
          '[ -s "$RUNNER_TEMP/base-url" ] || { cat "$RUNNER_TEMP/service.log"; exit 1; }',
          'echo "BASE_URL=$(cat "$RUNNER_TEMP/base-url")" >> "$GITHUB_ENV"',
        ].join("\n"),
      },
      { name: "k6", uses: uses("setupK6") },
      {
        name: "Run the k6 script (fails on a breached threshold)",
        uses: uses("runK6"),
        with: {
          path: `${SERVICE_PATH}/\${{ inputs.k6-script }}`,
          flags: "-e BASE_URL=${{ env.BASE_URL }}",
          "cloud-comment-on-pr": false,
        },
      },
    ],
  };
}
