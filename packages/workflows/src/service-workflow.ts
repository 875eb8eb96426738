/**
 * The golden path's service workflow (.github/workflows/service.yml), a reusable workflow (`workflow_call`)
 * that every service repository calls (docs/adr/0082):
 * - iac-scan: Checkov on the repository's Dockerfile, manifests, charts and workflows (GitHub-hosted: the
 *   Checkov action is a Docker action, and the runners in AKS have no Docker daemon);
 * - code-quality: SonarQube, when the caller passes SONAR_TOKEN;
 * - build, on the dev environment's runners in AKS (the registries have no public endpoint): unit tests (the
 *   Dockerfile's test stage), the image as an OCI archive with Docker Buildx and the registry layer cache,
 *   Trivy on that archive, then (main only) the push of the same build to the dev registry, logged in with the
 *   runner's workload identity (AcrPush);
 * - promote-<env>, main only, in promotion order behind each GitHub environment's protection rules: copy the
 *   image by digest into the environment's registry (`az acr import`, ARM: no network path needed), then a
 *   commit to the platform repository that sets the environment's tag in the service's spec and renders
 *   deploy/<env>/; Argo CD rolls it out.
 * Registries and runner labels come from the environment models.
 */
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: "${{ ... }}" here is GitHub Actions expression syntax, not a template.
import { type EnvironmentModel, WORKLOAD_IDENTITIES } from "@plugilo/model";
import { uses } from "./actions.ts";
import { checkovJob } from "./checkov-job.ts";
import { runnerLabel } from "./deployment-stacks.ts";
import { HOSTED_RUNNER, type Toolchain } from "./infrastructure-workflow.ts";
import { addServicePipeline, SERVICE_PIPELINE_INPUTS, SERVICE_PIPELINE_SECRETS } from "./service-pipeline.ts";
import type { Job, Step, Workflow } from "./workflow-types.ts";

/** The runners' workload identity (packages/gitops/src/addons/actions-runner-controller.ts, RUNNER_IDENTITY). */
const RUNNER_IDENTITY = "ghrunner";
const onMain = "github.ref == 'refs/heads/main' && github.event_name != 'pull_request'";
const specFile = "${{ inputs.spec-file || format('packages/gitops/src/services/{0}.ts', inputs.service) }}";
const imageRef = (registry: string) => `${registry}/\${{ inputs.image-repository }}`;

/** The platform repository's name, from the GitOps repository Argo CD syncs (https://github.com/<org>/<name>.git). */
export function platformRepository(model: EnvironmentModel): string {
  const url = model.clusters[0]?.argocd.repoUrl ?? "";
  const name = /^https:\/\/github\.com\/[^/]+\/([^/]+?)(?:\.git)?$/.exec(url)?.[1];
  if (!name) throw new Error(`${model.file}: argocd.repoUrl ${url} is not a GitHub repository`);
  return name;
}

/**
 * Docker login to a registry with the runner pod's workload identity: the federated token for an Entra ID
 * access token, exchanged for an ACR refresh token (https://azure.github.io/acr/AAD-OAuth.html). The runner
 * image has curl and jq but no Azure CLI.
 */
function registryLoginScript(): string {
  return [
    "set -euo pipefail",
    ': "${AZURE_FEDERATED_TOKEN_FILE:?the runner pod has no workload identity: run this job on the runner scale sets in AKS}"',
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

function iacScanJob(): Job {
  return checkovJob({
    name: "Checkov (IaC scan)",
    frameworks: "dockerfile,kubernetes,helm,github_actions,secrets",
    softFail: "${{ inputs.checkov-soft-fail }}",
    runsOn: HOSTED_RUNNER,
  });
}

function codeQualityJob(): Job {
  return {
    name: "SonarQube (optional)",
    "runs-on": HOSTED_RUNNER,
    "timeout-minutes": 30,
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
        with: { args: "-Dsonar.projectKey=${{ inputs.sonar-project-key || inputs.service }}" },
      },
      {
        name: "SonarQube not configured",
        if: "env.SONAR_TOKEN == ''",
        run: 'echo "::notice::SONAR_TOKEN is not set: no SonarQube scan"',
      },
    ],
  };
}

function buildJob(dev: EnvironmentModel): Job {
  const registry = dev.containerRegistry.loginServer;
  const namespace = WORKLOAD_IDENTITIES.find((w) => w.key === RUNNER_IDENTITY)?.namespace;
  if (!namespace) throw new Error(`the model has no workload identity ${RUNNER_IDENTITY} for the runners`);
  const cache = `type=registry,ref=${imageRef(registry)}:buildcache`;
  const build = {
    context: "${{ inputs.context }}",
    file: "${{ inputs.context }}/${{ inputs.dockerfile }}",
    "cache-from": cache,
  };
  return {
    name: "Build, unit tests, Trivy, push",
    "runs-on": "${{ inputs.build-runs-on }}",
    "timeout-minutes": 60,
    permissions: { contents: "read" },
    env: { REGISTRY: registry },
    outputs: { tag: "${{ github.sha }}", digest: "${{ steps.push.outputs.digest }}" },
    steps: [
      { name: "Check out", uses: uses("checkout"), with: { "persist-credentials": false } },
      { name: `Registry login: ${registry} (workload identity)`, run: registryLoginScript() },
      {
        name: "Docker Buildx (BuildKit pods in the runners' namespace)",
        uses: uses("setupBuildx"),
        with: { driver: "kubernetes", "driver-opts": `namespace=${namespace},replicas=1,rootless=true` },
      },
      {
        name: "Unit tests (the Dockerfile's test stage)",
        if: "inputs.test-target != ''",
        uses: uses("buildPush"),
        with: { ...build, target: "${{ inputs.test-target }}", outputs: "type=cacheonly" },
      },
      {
        name: "Image (OCI archive)",
        uses: uses("buildPush"),
        with: {
          ...build,
          tags: `${imageRef(registry)}:\${{ github.sha }}`,
          outputs: "type=oci,dest=${{ runner.temp }}/image.tar",
          // The layer cache lives in the registry; only main writes it.
          "cache-to": `\${{ ${onMain} && format('type=registry,ref=${registry}/{0}:buildcache,mode=max,image-manifest=true,oci-mediatypes=true', inputs.image-repository) || '' }}`,
        },
      },
      {
        name: "Trivy: no fixable HIGH or CRITICAL vulnerability",
        uses: uses("trivy"),
        with: {
          "scan-type": "image",
          input: "${{ runner.temp }}/image.tar",
          severity: "HIGH,CRITICAL",
          "ignore-unfixed": true,
          "exit-code": "1",
          format: "table",
        },
      },
      {
        name: "Push (main)",
        id: "push",
        if: onMain,
        uses: uses("buildPush"),
        with: { ...build, tags: `${imageRef(registry)}:\${{ github.sha }}`, push: true },
      },
    ],
  };
}

/** Sets the tag for one environment in the platform repository, renders its deploy/ folder, pushes to main. */
function promotionCommitScript(environment: string): string {
  return [
    "set -euo pipefail",
    'git config user.name "plugilo-promotion[bot]"',
    'git config user.email "plugilo-promotion[bot]@users.noreply.github.com"',
    // Other promotions push to main too: start again from the newest main until the push goes through.
    "for attempt in 1 2 3 4 5; do",
    "  git fetch --quiet origin main && git reset --quiet --hard origin/main",
    `  node packages/workflows/src/promote-image.ts "$SPEC" ${environment} "$TAG"`,
    `  npm run -s plugilo -- render ${environment}`,
    `  git add "$SPEC" deploy/${environment}`,
    `  if git diff --cached --quiet; then echo "${environment} already runs $TAG"; exit 0; fi`,
    `  git commit --quiet -m "$SERVICE: promote $TAG to ${environment}"`,
    "  if git push --quiet origin HEAD:main; then exit 0; fi",
    "  sleep $((attempt * 10))",
    "done",
    'echo "::error::could not push the promotion to main"',
    "exit 1",
  ].join("\n");
}

function promoteJob(
  model: EnvironmentModel,
  source: EnvironmentModel | undefined,
  previousJob: string | undefined,
  toolchain: Toolchain,
): Job {
  const target = model.containerRegistry;
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
    name: `Promote to ${model.name}`,
    needs: ["build", ...(previousJob ? [previousJob] : [])],
    if: onMain,
    "runs-on": HOSTED_RUNNER,
    environment: model.name,
    concurrency: { group: `promote-\${{ inputs.service }}-${model.name}`, "cancel-in-progress": false },
    permissions: { contents: "read", "id-token": "write" },
    "timeout-minutes": 30,
    env: {
      SERVICE: "${{ inputs.service }}",
      IMAGE_REPOSITORY: "${{ inputs.image-repository }}",
      TAG: "${{ needs.build.outputs.tag }}",
      DIGEST: "${{ needs.build.outputs.digest }}",
      SPEC: specFile,
    },
    steps: [
      ...copy,
      {
        name: "Token for the platform repository",
        id: "app",
        uses: uses("createGithubAppToken"),
        with: {
          "app-id": "${{ secrets.PLATFORM_APP_ID }}",
          "private-key": "${{ secrets.PLATFORM_APP_PRIVATE_KEY }}",
          owner: "${{ github.repository_owner }}",
          repositories: "${{ inputs.platform-repository }}",
        },
      },
      {
        name: "Check out the platform repository",
        uses: uses("checkout"),
        with: {
          repository: "${{ github.repository_owner }}/${{ inputs.platform-repository }}",
          ref: "main",
          token: "${{ steps.app.outputs.token }}",
          "fetch-depth": 0,
        },
      },
      { name: `Node.js ${toolchain.node}`, uses: uses("setupNode"), with: { "node-version": toolchain.node, cache: "npm" } },
      { name: "Install", run: "npm ci --no-audit --no-fund" },
      { name: `Commit: ${model.name} runs the new tag`, run: promotionCommitScript(model.name) },
    ],
  };
}

/** The reusable workflow. `models` in promotion order (dev, staging, prod): the first one builds. */
export function serviceWorkflow(models: readonly EnvironmentModel[], toolchain: Toolchain): Workflow {
  const [dev] = models;
  if (!dev) throw new Error("no environment to build for");
  const platform = platformRepository(dev);
  const jobs: Record<string, Job> = { "iac-scan": iacScanJob(), "code-quality": codeQualityJob(), build: buildJob(dev) };
  models.forEach((model, i) => {
    const previous = models[i - 1];
    jobs[`promote-${model.name}`] = promoteJob(model, previous, previous ? `promote-${previous.name}` : undefined, toolchain);
  });
  addServicePipeline(jobs, toolchain, ["iac-scan", "code-quality", "build"]);
  return {
    name: "service",
    on: {
      workflow_call: {
        inputs: {
          service: {
            type: "string",
            required: true,
            description: "The service's name: its spec is packages/gitops/src/services/<service>.ts in the platform repository.",
          },
          "image-repository": {
            type: "string",
            required: true,
            description: "Repository in the registries, e.g. plugilo/example-api (the spec's image.repository).",
          },
          context: { type: "string", default: ".", description: "Docker build context." },
          dockerfile: { type: "string", default: "Dockerfile", description: "Dockerfile, relative to the context." },
          "test-target": {
            type: "string",
            default: "test",
            description: "Dockerfile stage that runs the unit tests; empty for none.",
          },
          "spec-file": {
            type: "string",
            default: "",
            description: "The spec's path in the platform repository, if not the default.",
          },
          "platform-repository": {
            type: "string",
            default: platform,
            description: "The platform repository (same organization).",
          },
          "build-runs-on": {
            type: "string",
            default: runnerLabel(dev),
            description: `Runner scale set of the ${dev.name} environment (Actions Runner Controller in AKS).`,
          },
          "checkov-soft-fail": { type: "boolean", default: false, description: "Report Checkov findings without failing." },
          "sonar-project-key": {
            type: "string",
            default: "",
            description: "SonarQube project key; default: the service's name.",
          },
          ...SERVICE_PIPELINE_INPUTS,
        },
        secrets: {
          PLATFORM_APP_ID: {
            required: false,
            description: "GitHub App that may push promotion commits to the platform repository.",
          },
          PLATFORM_APP_PRIVATE_KEY: { required: false, description: "The GitHub App's private key." },
          SONAR_TOKEN: { required: false, description: "SonarQube token; without it the scan is skipped." },
          SONAR_HOST_URL: { required: false, description: "SonarQube server URL (not needed for SonarQube Cloud)." },
          ...SERVICE_PIPELINE_SECRETS,
        },
        outputs: {
          "image-tag": { description: "The image tag (the commit SHA).", value: "${{ jobs.build.outputs.tag }}" },
          "image-digest": { description: "The pushed image's digest (main only).", value: "${{ jobs.build.outputs.digest }}" },
        },
      },
    },
    permissions: { contents: "read" },
    jobs,
  };
}
