/**
 * The promotion guard as a job of the infrastructure workflow on pull requests (a required status check:
 * repository-settings.ts). It reads the pull request's body through the API (never from the event payload
 * into a script) and runs promotion-guard.ts on the checked-out head.
 */
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: "${{ ... }}" and "${VAR}" here are GitHub Actions and shell syntax, not templates.
import { uses } from "./actions.ts";
import type { Toolchain } from "./infrastructure-workflow.ts";
import type { Job } from "./workflow-types.ts";

export const PROMOTION_GUARD_JOB_NAME = "Promotion guard";

export function promotionGuardJob(toolchain: Toolchain): Job {
  return {
    name: PROMOTION_GUARD_JOB_NAME,
    if: "github.event_name == 'pull_request'",
    "runs-on": "ubuntu-24.04",
    "timeout-minutes": 10,
    permissions: { contents: "read", "pull-requests": "read" },
    steps: [
      { name: "Check out", uses: uses("checkout"), with: { "persist-credentials": false, "fetch-depth": 0 } },
      { name: `Node.js ${toolchain.node}`, uses: uses("setupNode"), with: { "node-version": toolchain.node, cache: "npm" } },
      { name: "Install", run: "npm ci --no-audit --no-fund" },
      {
        name: "Only the service's own pin changes, with a proof of origin",
        env: {
          GH_TOKEN: "${{ github.token }}",
          HEAD_REF: "${{ github.head_ref }}",
          PLATFORM_REPOSITORY: "${{ github.repository }}",
        },
        run: [
          "set -euo pipefail",
          'export BASE_SHA=$(git merge-base "origin/${GITHUB_BASE_REF}" HEAD)',
          'export PR_BODY_FILE="$RUNNER_TEMP/body.md"',
          'gh pr view "$HEAD_REF" --repo "$PLATFORM_REPOSITORY" --json body --jq .body > "$PR_BODY_FILE"',
          "node packages/workflows/src/promotion-guard.ts",
        ].join("\n"),
      },
    ],
  };
}
