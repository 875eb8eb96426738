/**
 * Incremental builds in a monorepo: the `changes` job tells whether the service's folder (or the workflow
 * itself) changed between the event's base and head commits; the build and test jobs run only then. A
 * repository with one service at its root always builds (service-path "."). Callers can also filter with
 * `on.push.paths`; this job covers the reusable workflow's callers that do not.
 */
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: "${{ ... }}" here is GitHub Actions expression syntax, not a template.
import { uses } from "./actions.ts";
import { HOSTED_RUNNER } from "./infrastructure-workflow.ts";
import type { Job } from "./workflow-types.ts";

export const CHANGES_JOB = "changes";
/** The condition a gated job runs under. */
export const SERVICE_CHANGED = "needs.changes.outputs.changed == 'true'";

export function changeDetectionJob(): Job {
  return {
    name: "Changes: does this service need a build?",
    "runs-on": HOSTED_RUNNER,
    "timeout-minutes": 5,
    permissions: { contents: "read" },
    outputs: { changed: "${{ steps.diff.outputs.changed }}" },
    steps: [
      { name: "Check out", uses: uses("checkout"), with: { "fetch-depth": 0, "persist-credentials": false } },
      {
        name: "Diff the service's folder",
        id: "diff",
        env: { SERVICE_PATH: "${{ inputs.service-path }}", HEAD: "${{ github.sha }}" },
        run: [
          "set -euo pipefail",
          // The base: the pull request's target branch, or the push's previous head (from the event file).
          'if [ -n "${GITHUB_BASE_REF:-}" ]; then BASE=$(git merge-base "origin/$GITHUB_BASE_REF" "$HEAD");',
          "else BASE=$(jq -r '.before // empty' \"$GITHUB_EVENT_PATH\"); fi",
          // A root service, a new branch (before = 0000...) or a manual run: build.
          'if [ "$SERVICE_PATH" = "." ] || [ -z "$BASE" ] || ! git cat-file -e "$BASE^{commit}" 2>/dev/null; then',
          '  echo "changed=true" >> "$GITHUB_OUTPUT"; exit 0',
          "fi",
          'if git diff --quiet "$BASE" "$HEAD" -- "$SERVICE_PATH" .github/workflows; then',
          '  echo "changed=false" >> "$GITHUB_OUTPUT"; echo "::notice::$SERVICE_PATH unchanged: no build"',
          "else",
          '  echo "changed=true" >> "$GITHUB_OUTPUT"',
          "fi",
        ].join("\n"),
      },
    ],
  };
}
