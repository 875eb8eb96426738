/**
 * The service workflow's build, on the service's own build runners in dev's AKS: unit tests, then on pull
 * requests an OCI archive that Trivy scans, on main the push and Trivy on the pushed digest.
 */
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: "${{ ... }}" here is GitHub Actions expression syntax, not a template.
import type { EnvironmentModel } from "@plugilo/model";
import { uses } from "./actions.ts";
import { image, onMain } from "./service-source-job.ts";
import type { Job, Step } from "./workflow-types.ts";

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

export function trivyStep(name: string, target: Record<string, string>, condition: string): Step {
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

export function buildJob(dev: EnvironmentModel): Job {
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
        name: "Docker Buildx (BuildKit pods in the build set's own namespace)",
        uses: uses("setupBuildx"),
        with: {
          driver: "kubernetes",
          "driver-opts": "namespace=${{ needs.source.outputs.runner-namespace }},replicas=1,rootless=true",
        },
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
