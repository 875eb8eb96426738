/**
 * Playwright end-to-end tests: API tests through Playwright's request context and a browser test of the
 * page the service serves, against the service started on throwaway servers (the service's e2e script).
 * https://playwright.dev/docs/ci
 */
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: "${{ ... }}" here is GitHub Actions expression syntax, not a template.
import { uses } from "./actions.ts";
import { HOSTED_RUNNER, type Toolchain } from "./infrastructure-workflow.ts";
import { SERVICE_PATH, serviceSetupSteps } from "./service-pipeline-setup.ts";
import type { Job } from "./workflow-types.ts";

export function e2eJob(toolchain: Toolchain, gate: { needs: string[]; if: string }): Job {
  return {
    name: "Playwright (API and browser)",
    ...gate,
    "runs-on": HOSTED_RUNNER,
    "timeout-minutes": 20,
    permissions: { contents: "read" },
    steps: [
      ...serviceSetupSteps(toolchain, true),
      { name: "Chromium for Playwright", "working-directory": SERVICE_PATH, run: "npx playwright install --with-deps chromium" },
      { name: "End-to-end tests", "working-directory": SERVICE_PATH, run: "npm run ${{ inputs.e2e-script }}" },
      {
        name: "Report",
        if: "failure()",
        uses: uses("uploadArtifact"),
        with: { name: "playwright-report", path: `${SERVICE_PATH}/test-results`, "if-no-files-found": "ignore" },
      },
    ],
  };
}
