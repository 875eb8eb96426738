/** The service's schema migrations against a throwaway PostgreSQL server: all apply to an empty database, a re-run applies none. */
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: "${{ ... }}" here is GitHub Actions expression syntax, not a template.
import { HOSTED_RUNNER, type Toolchain } from "./infrastructure-workflow.ts";
import { SERVICE_PATH, serviceSetupSteps } from "./service-pipeline-setup.ts";
import type { Job } from "./workflow-types.ts";

export function migrationCheckJob(toolchain: Toolchain, gate: { needs: string[]; if: string }): Job {
  return {
    name: "Migrations (throwaway PostgreSQL)",
    ...gate,
    "runs-on": HOSTED_RUNNER,
    "timeout-minutes": 15,
    permissions: { contents: "read" },
    steps: [
      ...serviceSetupSteps(toolchain, true),
      {
        name: "Migrate an empty database, then again (idempotent)",
        "working-directory": SERVICE_PATH,
        run: "npm run ${{ inputs.migration-check-script }}",
      },
    ],
  };
}
