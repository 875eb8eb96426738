/**
 * The golden path's service workflow (.github/workflows/service.yml), a reusable workflow (`workflow_call`)
 * that every service repository calls (docs/adr/0082, docs/adr/0120):
 * - source: which service the calling repository may build and promote. The table is generated from the
 *   specs' `sourceRepository` into this file, so the platform side decides it; no caller input names a
 *   service, a spec, an image repository, a platform repository or a runner;
 * - waivers: the repository's .github/security-waivers.yaml, checked (tool, ID, reason, owner, expiry) and
 *   turned into the Checkov skip list and the Trivy ignore list (security-waivers.ts);
 * - iac-scan: Checkov, failing on every finding that is not waived (GitHub-hosted: a Docker action);
 * - code-quality: SonarQube, when the caller has SONAR_TOKEN;
 * - build, on the service's own build runners in dev's AKS (registered for its repository only): unit tests
 *   (the Dockerfile's test stage); on pull requests an OCI archive that Trivy scans; on main the push, then
 *   Trivy on the pushed digest, so the image promoted is the image scanned;
 * - promote-<env>, main only, in promotion order behind each GitHub environment: staging and prod first copy
 *   the digest into their registry (`az acr import`, ARM: no network path needed), then each opens or
 *   updates the pull request promote/<service>/<env> in the platform repository that changes only that
 *   service's pin (packages/gitops/src/services/images/<env>.yaml) and deploy/<env>/, with a GitHub OIDC
 *   token as proof of origin. The promotion guard checks it; dev's pull request merges itself through the
 *   required checks, staging and prod need the CODEOWNERS' review (repository-settings.ts).
 * The jobs are built by `serviceJobs`, so further jobs (in their own files) can be added beside them.
 */
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: "${{ ... }}" here is GitHub Actions expression syntax, not a template.
import type { EnvironmentModel } from "@plugilo/model";
import { uses } from "./actions.ts";
import { checkovJob } from "./checkov-job.ts";
import { HOSTED_RUNNER, type Toolchain } from "./infrastructure-workflow.ts";
import type { ServiceSource } from "./promote-image.ts";
import { PROMOTION_AUDIENCE } from "./promotion-guard.ts";
import { BUILD_RUNNER_IDENTITY_NAMESPACE, buildRunnerLabel } from "./runner-sets.ts";
import { WAIVERS_FILE, waiversScript } from "./security-waivers.ts";
import { addServicePipeline, SERVICE_PIPELINE_INPUTS, SERVICE_PIPELINE_SECRETS } from "./service-pipeline.ts";
import type { Job, Step, Workflow } from "./workflow-types.ts";

const onMain = "github.ref == 'refs/heads/main' && github.event_name != 'pull_request'";
const image = (registry: string) => `${registry}/\${{ needs.source.outputs.image-repository }}`;

/** The platform repository (owner/name), from the GitOps repository Argo CD syncs (https://github.com/<org>/<name>.git). */
export function platformRepository(model: EnvironmentModel): string {
  const url = model.clusters[0]?.argocd.repoUrl ?? "";
  const m = /^https:\/\/github\.com\/([^/]+)\/([^/]+?)(?:\.git)?$/.exec(url);
  if (!m) throw new Error(`${model.file}: argocd.repoUrl ${url} is not a GitHub repository`);
  return `${m[1]}/${m[2]}`;
}

/**
 * Docker login to a registry with the runner pod's workload identity: the federated token for an Entra ID
 * access token, exchanged for an ACR refresh token (https://azure.github.io/acr/AAD-OAuth.html). The runner
 * image has curl and jq but no Azure CLI.
 */
function registryLoginScript(): string {
  return [
    "set -euo pipefail",
    ': "${AZURE_FEDERATED_TOKEN_FILE:?the runner pod has no workload identity: run this job on the build runner scale set in AKS}"',
    'aad=$(curl -fsS "${AZURE_AUTHORITY_HOST:-https://login.microsoftonline.com/}${AZURE_TENANT_ID}/oauth2/v2.0/token" \\',
    '  --data-urlencode "client_id=${AZURE_CLIENT_ID}" \\',
    '  --data-urlencode "scope=https://management.azure.com/.default" \\',
    '  --data-urlencode "grant_type=client_credentials" \\',
    '  --data-urlencode "client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer" \\',
    '  --data-urlencode "client_assertion=$(cat "$AZURE_FEDERATED_TOKEN_FILE")" | jq -r .access_token)',
    'echo "::add-mask::${aad}"',
    'refresh=$(curl -fsS "https://${REGISTRY}/oauth2/exchange" \\',
    '  --data-urlencode "grant_type=access_token" --data-urlencode "service=${REGISTRY}" \\',
    '  --data-urlencode "tenant=${AZURE_TENANT_ID}" --data-urlencode "access_token=${aad}" | jq -r .refresh_token)',
    'echo "::add-mask::${refresh}"',
    'echo "${refresh}" | docker login "${REGISTRY}" --username 00000000-0000-0000-0000-000000000000 --password-stdin',
  ].join("\n");
}

/** The calling repository -> its service, image repository and build runners: a table fixed at generation. */
function sourceJob(sources: readonly ServiceSource[], dev: EnvironmentModel): Job {
  const cases = sources.map(
    (s) =>
      `  ${s.sourceRepository}) echo "service=${s.service}"; echo "image-repository=${s.imageRepository}"; echo "runner=${buildRunnerLabel(dev, s)}" ;;`,
  );
  return {
    name: "Service of this repository",
    "runs-on": HOSTED_RUNNER,
    "timeout-minutes": 5,
    permissions: {},
    outputs: {
      service: "${{ steps.source.outputs.service }}",
      "image-repository": "${{ steps.source.outputs.image-repository }}",
      runner: "${{ steps.source.outputs.runner }}",
    },
    steps: [
      {
        name: "Look up the service whose spec names this repository",
        id: "source",
        run: [
          "set -euo pipefail",
          'case "$GITHUB_REPOSITORY" in',
          ...cases,
          '  *) echo "::error::$GITHUB_REPOSITORY is the sourceRepository of no service spec in the platform repository"; exit 1 ;;',
          'esac >> "$GITHUB_OUTPUT"',
        ].join("\n"),
      },
    ],
  };
}

function waiversJob(): Job {
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

function iacScanJob(): Job {
  const job = checkovJob({
    name: "Checkov (IaC scan)",
    frameworks: "dockerfile,kubernetes,helm,github_actions,secrets",
    softFail: false,
    skipChecks: "${{ needs.waivers.outputs.checkov }}",
    runsOn: HOSTED_RUNNER,
  });
  return { ...job, needs: ["waivers"] };
}

function codeQualityJob(): Job {
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

function trivyStep(name: string, target: Record<string, string>, condition: string): Step {
  return {
    name,
    if: condition,
    uses: uses("trivy"),
    with: {
      ...target,
      severity: "HIGH,CRITICAL",
      "ignore-unfixed": true,
      "exit-code": "1",
      format: "table",
      trivyignores: "${{ runner.temp }}/trivyignore",
    },
  };
}

function buildJob(dev: EnvironmentModel): Job {
  const registry = dev.containerRegistry.loginServer;
  const cache = `type=registry,ref=${image(registry)}:buildcache`;
  const build = {
    context: "${{ inputs.context }}",
    file: "${{ inputs.context }}/${{ inputs.dockerfile }}",
    "cache-from": cache,
  };
  const tag = `${image(registry)}:\${{ github.sha }}`;
  return {
    name: "Build, unit tests, push, Trivy",
    needs: ["source", "waivers"],
    // The service's own scale set: registered for its repository only (runner-sets.ts).
    "runs-on": "${{ needs.source.outputs.runner }}",
    "timeout-minutes": 60,
    permissions: { contents: "read" },
    env: { REGISTRY: registry, TRIVY_WAIVERS: "${{ needs.waivers.outputs.trivy }}" },
    outputs: { tag: "${{ github.sha }}", digest: "${{ steps.push.outputs.digest }}" },
    steps: [
      { name: "Check out", uses: uses("checkout"), with: { "persist-credentials": false } },
      { name: `Registry login: ${registry} (workload identity)`, run: registryLoginScript() },
      {
        name: "Docker Buildx (BuildKit pods in the runners' namespace)",
        uses: uses("setupBuildx"),
        with: { driver: "kubernetes", "driver-opts": `namespace=${BUILD_RUNNER_IDENTITY_NAMESPACE},replicas=1,rootless=true` },
      },
      {
        name: "Unit tests (the Dockerfile's test stage)",
        if: "inputs.test-target != ''",
        uses: uses("buildPush"),
        with: { ...build, target: "${{ inputs.test-target }}", outputs: "type=cacheonly" },
      },
      { name: "Trivy ignore list (the waivers)", run: "tr ',' '\\n' <<<\"$TRIVY_WAIVERS\" > \"$RUNNER_TEMP/trivyignore\"" },
      {
        name: "Image (OCI archive, pull request)",
        if: `!(${onMain})`,
        uses: uses("buildPush"),
        with: { ...build, tags: tag, outputs: "type=oci,dest=${{ runner.temp }}/image.tar" },
      },
      trivyStep(
        "Trivy on the archive: no fixable HIGH or CRITICAL vulnerability",
        { "scan-type": "image", input: "${{ runner.temp }}/image.tar" },
        `!(${onMain})`,
      ),
      {
        name: "Push (main)",
        id: "push",
        if: onMain,
        uses: uses("buildPush"),
        with: {
          ...build,
          tags: tag,
          push: true,
          // The layer cache lives in the registry; only main writes it.
          "cache-to": `type=registry,ref=${image(registry)}:buildcache,mode=max,image-manifest=true,oci-mediatypes=true`,
        },
      },
      // The digest just pushed, read from the registry with the runner's login: what is promoted is what was scanned.
      trivyStep(
        "Trivy on the pushed digest: no fixable HIGH or CRITICAL vulnerability",
        { "scan-type": "image", "image-ref": `${image(registry)}@\${{ steps.push.outputs.digest }}` },
        onMain,
      ),
    ],
  };
}

/**
 * In the platform repository's checkout: pin the digest, render the environment, push the branch
 * promote/<service>/<env> (rebuilt from main each time) and open or update its pull request.
 */
function promotionRequestScript(environment: string, autoMerge: boolean): string {
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

function promoteJob(
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

/** The jobs, by ID. `models` in promotion order (dev, staging, prod): the first one builds. */
export function serviceJobs(
  models: readonly EnvironmentModel[],
  sources: readonly ServiceSource[],
  toolchain: Toolchain,
): Record<string, Job> {
  const [dev] = models;
  if (!dev) throw new Error("no environment to build for");
  const platform = platformRepository(dev);
  const jobs: Record<string, Job> = {
    source: sourceJob(sources, dev),
    waivers: waiversJob(),
    "iac-scan": iacScanJob(),
    "code-quality": codeQualityJob(),
    build: buildJob(dev),
  };
  models.forEach((model, i) => {
    const previous = models[i - 1];
    jobs[`promote-${model.name}`] = promoteJob(
      model,
      previous,
      previous ? `promote-${previous.name}` : undefined,
      platform,
      toolchain,
    );
  });
  addServicePipeline(jobs, toolchain, ["iac-scan", "code-quality", "build"]);
  return jobs;
}

/** The reusable workflow. */
export function serviceWorkflow(
  models: readonly EnvironmentModel[],
  sources: readonly ServiceSource[],
  toolchain: Toolchain,
): Workflow {
  return {
    name: "service",
    on: {
      workflow_call: {
        inputs: {
          context: { type: "string", default: ".", description: "Docker build context." },
          dockerfile: { type: "string", default: "Dockerfile", description: "Dockerfile, relative to the context." },
          "test-target": {
            type: "string",
            default: "test",
            description: "Dockerfile stage that runs the unit tests; empty for none.",
          },
          "sonar-project-key": {
            type: "string",
            default: "",
            description: "SonarQube project key; default: the service's name.",
          },
          ...SERVICE_PIPELINE_INPUTS,
        },
        secrets: {
          SONAR_TOKEN: { required: false, description: "SonarQube token; without it the scan is skipped." },
          SONAR_HOST_URL: { required: false, description: "SonarQube server URL (not needed for SonarQube Cloud)." },
          ...SERVICE_PIPELINE_SECRETS,
        },
        outputs: {
          service: { description: "The service this repository builds.", value: "${{ jobs.source.outputs.service }}" },
          "image-tag": { description: "The image tag (the commit SHA).", value: "${{ jobs.build.outputs.tag }}" },
          "image-digest": {
            description: "The pushed and scanned image's digest (main only).",
            value: "${{ jobs.build.outputs.digest }}",
          },
        },
      },
    },
    permissions: { contents: "read" },
    jobs: serviceJobs(models, sources, toolchain),
  };
}
