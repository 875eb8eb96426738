/** A Checkov scan job with its findings sent to code scanning: the same job in both workflows, other inputs. */
import { uses } from "./actions.ts";
import type { Job } from "./workflow-types.ts";

export interface CheckovJobOptions {
  name: string;
  /** Checkov frameworks, comma-separated. */
  frameworks: string;
  /** true, or an expression such as an input of a reusable workflow. */
  softFail: boolean | string;
  configFile?: string;
  /** Waived check IDs, comma-separated (security-waivers.ts), or an expression that yields them. */
  skipChecks?: string;
  runsOn: string;
}

export function checkovJob(options: CheckovJobOptions): Job {
  return {
    name: options.name,
    "runs-on": options.runsOn,
    "timeout-minutes": 20,
    permissions: { contents: "read", "security-events": "write", actions: "read" },
    steps: [
      { name: "Check out", uses: uses("checkout"), with: { "persist-credentials": false } },
      {
        name: "Checkov",
        uses: uses("checkov"),
        with: {
          directory: ".",
          framework: options.frameworks,
          ...(options.configFile ? { config_file: options.configFile } : {}),
          ...(options.skipChecks ? { skip_check: options.skipChecks } : {}),
          soft_fail: options.softFail,
          output_format: "cli,sarif",
          output_file_path: "console,checkov.sarif",
        },
      },
      {
        name: "Findings to code scanning",
        if: "always()",
        // Code scanning needs GitHub Advanced Security on a private repository: the findings stay in the log otherwise.
        "continue-on-error": true,
        uses: uses("uploadSarif"),
        with: { sarif_file: "checkov.sarif", category: "checkov" },
      },
    ],
  };
}
