/**
 * The service workflow's promotion to one environment: copy the digest into its registry (staging and prod),
 * then open or update the promotion pull request in the platform repository, with a GitHub OIDC proof.
 */
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: "${{ ... }}" here is GitHub Actions expression syntax, not a template.
import type { EnvironmentModel } from "@plugilo/model";
import { uses } from "./actions.ts";
import { HOSTED_RUNNER, type Toolchain } from "./infrastructure-workflow.ts";
import { PROMOTION_AUDIENCE } from "./promotion-guard.ts";
import { onMain } from "./service-source-job.ts";
import type { Job, Step } from "./workflow-types.ts";

/**
 * In the platform repository's checkout: pin the digest, render the environment, push the branch
 * promote/<service>/<env> (rebuilt from main each time) and open or update its pull request.
 */
export function promotionRequestScript(environment: string, autoMerge: boolean): string {
  return [
    "set -euo pipefail",
    'git config user.name "plugilo-promotion[bot]"',
    'git config user.email "plugilo-promotion[bot]@users.noreply.github.com"',
    `branch="promote/\${SERVICE}/${environment}"`,
    `node packages/workflows/src/promote-image.ts pin "$GITHUB_REPOSITORY" ${environment} "$DIGEST" "$TAG"`,
    `npm run -s plugilo -- render ${environment}`,
    `git add packages/gitops/src/services/images/${environment}.yaml deploy/${environment}`,
    `if git diff --cached --quiet; then echo "${environment} already runs $DIGEST"; exit 0; fi`,
    `git commit --quiet -m "$SERVICE: promote $TAG to ${environment}"`,
    // The proof: a GitHub OIDC token for this job (repository, ref, sha, environment, workflow), checked by the guard.
    `proof=$(curl -fsS -H "Authorization: bearer $ACTIONS_ID_TOKEN_REQUEST_TOKEN" "$ACTIONS_ID_TOKEN_REQUEST_URL&audience=${PROMOTION_AUDIENCE}" | jq -r .value)`,
    "body=$(printf '%s\\n\\n%s\\n\\n<!-- promotion-proof: %s -->\\n' \\",
    `  "Promotes $SERVICE to ${environment}: \\\`$DIGEST\\\` (tag $TAG), built by $GITHUB_SERVER_URL/$GITHUB_REPOSITORY/actions/runs/$GITHUB_RUN_ID." \\`,
    '  "Opened by the service workflow; the promotion guard verifies that only this pin changed." "$proof")',
    `title="$SERVICE: promote $TAG to ${environment}"`,
    // An open pull request gets its new body before the push, so the guard the push triggers reads the new proof.
    'if gh pr view "$branch" --json state --jq .state 2>/dev/null | grep -qx OPEN; then',
    '  gh pr edit "$branch" --title "$title" --body "$body"',
    '  git push --quiet --force origin "HEAD:refs/heads/${branch}"',
    "else",
    '  git push --quiet --force origin "HEAD:refs/heads/${branch}"',
    '  gh pr create --base main --head "$branch" --title "$title" --body "$body"',
    "fi",
    ...(autoMerge
      ? [
          "# dev only: merges itself once the required checks pass (no review needed: CODEOWNERS leaves dev's pins unowned).",
          'gh pr merge "$branch" --auto --squash',
        ]
      : []),
  ].join("\n");
}

export function promoteJob(
  model: EnvironmentModel,
  source: EnvironmentModel | undefined,
  previousJob: string | undefined,
  platform: string,
  toolchain: Toolchain,
): Job {
  const target = model.containerRegistry;
  const [owner = "", repository = ""] = platform.split("/");
  const copy: Step[] = source
    ? [
        {
          name: "Azure login (OIDC)",
          uses: uses("azureLogin"),
          with: {
            "client-id": "${{ vars.AZURE_CLIENT_ID }}",
            "tenant-id": "${{ vars.AZURE_TENANT_ID }}",
            "subscription-id": target.subscriptionId,
          },
        },
        {
          name: `Copy the image: ${source.containerRegistry.name} -> ${target.name}`,
          // By digest, through ARM: the registries' public endpoints are off (trusted services may import).
          run: [
            `az acr import --name ${target.name} --subscription ${target.subscriptionId} \\`,
            `  --registry ${source.containerRegistry.id} \\`,
            '  --source "${IMAGE_REPOSITORY}@${DIGEST}" --image "${IMAGE_REPOSITORY}:${TAG}" --force',
          ].join("\n"),
        },
      ]
    : [];
  return {
    name: `Promote to ${model.name} (pull request)`,
    needs: ["source", "build", "iac-scan", ...(previousJob ? [previousJob] : [])],
    if: onMain,
    "runs-on": HOSTED_RUNNER,
    environment: model.name,
    concurrency: { group: `promote-\${{ needs.source.outputs.service }}-${model.name}`, "cancel-in-progress": false },
    // id-token: the Azure login of the copy (staging, prod) and the promotion proof (every environment).
    permissions: { contents: "read", "id-token": "write" },
    "timeout-minutes": 30,
    env: {
      SERVICE: "${{ needs.source.outputs.service }}",
      IMAGE_REPOSITORY: "${{ needs.source.outputs.image-repository }}",
      TAG: "${{ needs.build.outputs.tag }}",
      DIGEST: "${{ needs.build.outputs.digest }}",
    },
    steps: [
      ...copy,
      {
        name: "Token for the platform repository (branches and pull requests only: main is protected)",
        id: "app",
        uses: uses("createGithubAppToken"),
        with: {
          "client-id": "${{ vars.PROMOTION_APP_CLIENT_ID }}",
          "private-key": "${{ secrets.PROMOTION_APP_PRIVATE_KEY }}",
          owner,
          repositories: repository,
          "permission-contents": "write",
          "permission-pull-requests": "write",
        },
      },
      {
        name: `Check out ${platform}`,
        uses: uses("checkout"),
        with: { repository: platform, ref: "main", token: "${{ steps.app.outputs.token }}" },
      },
      { name: `Node.js ${toolchain.node}`, uses: uses("setupNode"), with: { "node-version": toolchain.node, cache: "npm" } },
      { name: "Install", run: "npm ci --no-audit --no-fund" },
      {
        name: `Pull request: ${model.name} runs the new digest`,
        env: { GH_TOKEN: "${{ steps.app.outputs.token }}", GH_REPO: platform },
        run: promotionRequestScript(model.name, source === undefined),
      },
    ],
  };
}
