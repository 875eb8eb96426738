/**
 * What every job that runs Pulumi shares: the toolchain, checkout and install, the cloud logins (OIDC), the
 * secrets-provider check, the Pulumi command with the policy pack, and the state backend's environment.
 */
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: "${{ ... }}" here is GitHub Actions expression syntax, not a template.
import type { EnvironmentModel } from "@plugilo/model";
import { uses } from "./actions.ts";
import type { DeploymentStack } from "./deployment-stacks.ts";
import type { Step } from "./workflow-types.ts";

export interface Toolchain {
  /** Node.js for the runner (the root package.json's `node` devDependency). */
  node: string;
  /** Pulumi CLI: the version of the @pulumi/pulumi SDK the stacks use. */
  pulumi: string;
}

/** GitHub-hosted runner for the jobs that need no private network. */
export const HOSTED_RUNNER = "ubuntu-24.04";
export const POLICY_PACK = "packages/policy/pack";

export function setupSteps(toolchain: Toolchain, pulumi: boolean): Step[] {
  return [
    { name: "Check out", uses: uses("checkout"), with: { "persist-credentials": false } },
    { name: `Node.js ${toolchain.node}`, uses: uses("setupNode"), with: { "node-version": toolchain.node, cache: "npm" } },
    { name: "Install", run: "npm ci --no-audit --no-fund" },
    ...(pulumi
      ? [
          // The policy pack is its own npm project (Pulumi's policy runner needs a TypeScript it can load).
          { name: "Install the policy pack", run: `npm ci --prefix ${POLICY_PACK} --no-audit --no-fund` },
          { name: `Pulumi CLI ${toolchain.pulumi}`, uses: uses("pulumi"), with: { "pulumi-version": toolchain.pulumi } },
        ]
      : []),
  ];
}

/**
 * Azure (and for the multicloud layer AWS and Google Cloud) login right before a stack: OIDC tokens are
 * short-lived. `otherCloudsIf` guards the AWS and Google Cloud logins where one job serves every stack.
 */
export function loginSteps(s: DeploymentStack, model: EnvironmentModel, otherCloudsIf?: string): Step[] {
  const when = otherCloudsIf ? { if: otherCloudsIf } : {};
  return [
    {
      name: `${s.name}: Azure login (OIDC)`,
      uses: uses("azureLogin"),
      with: {
        "client-id": "${{ vars.AZURE_CLIENT_ID }}",
        "tenant-id": "${{ vars.AZURE_TENANT_ID }}",
        "subscription-id": "${{ vars.AZURE_SUBSCRIPTION_ID }}",
      },
    },
    ...(s.otherClouds
      ? [
          {
            name: `${s.name}: AWS login (OIDC)`,
            ...when,
            uses: uses("awsCredentials"),
            with: { "role-to-assume": "${{ vars.AWS_ROLE_ARN }}", "aws-region": model.vpn.aws.region },
          },
          {
            name: `${s.name}: Google Cloud login (workload identity federation)`,
            ...when,
            uses: uses("gcpAuth"),
            with: {
              workload_identity_provider: "${{ vars.GCP_WORKLOAD_IDENTITY_PROVIDER }}",
              service_account: "${{ vars.GCP_SERVICE_ACCOUNT }}",
            },
          },
        ]
      : []),
  ];
}

/**
 * Every stack's config must name the Key Vault secrets provider: `pulumi stack init <stack> --secrets-provider
 * azurekeyvault://...` writes it (with the encrypted data key) into Pulumi.<stack>.yaml, which is committed.
 * CI never creates a stack: a data key made on a runner would be lost with it.
 */
export function secretsProviderCheck(stacks: readonly { dir: string; stack: string }[]): string {
  const files = stacks.map((s) => `${s.dir}/Pulumi.${s.stack}.yaml`);
  return [
    `for file in ${files.join(" ")}; do`,
    "  if ! grep -q '^secretsprovider: azurekeyvault://' \"$file\"; then",
    '    echo "::error file=$file::not initialized with the Key Vault secrets provider: run pulumi stack init <stack> --secrets-provider azurekeyvault://<vault>.vault.azure.net/keys/<key> in its folder and commit the file (.github/README.md)"',
    "    exit 1",
    "  fi",
    "done",
  ].join("\n");
}

/** `pulumi preview` or `up` of one stack with the policy pack; `expectNoChanges` fails a preview that would change anything. */
export function pulumiCommand(
  command: "preview" | "up",
  dir: string,
  stack: string,
  options: { expectNoChanges?: boolean } = {},
): string {
  const flags = command === "up" ? " --yes" : options.expectNoChanges ? " --expect-no-changes" : "";
  // --cwd moves Pulumi into the project first: the pack's path must not be relative.
  return `pulumi ${command}${flags} --stack ${stack} --cwd ${dir} --policy-pack "$GITHUB_WORKSPACE/${POLICY_PACK}" --diff --non-interactive`;
}

export const pulumiEnv = {
  PULUMI_BACKEND_URL: "${{ vars.PULUMI_BACKEND_URL }}",
  PULUMI_SKIP_UPDATE_CHECK: "true",
  // azure-native requests fresh GitHub OIDC tokens itself during long updates.
  ARM_USE_OIDC: "true",
  ARM_CLIENT_ID: "${{ vars.AZURE_CLIENT_ID }}",
  ARM_TENANT_ID: "${{ vars.AZURE_TENANT_ID }}",
  ARM_SUBSCRIPTION_ID: "${{ vars.AZURE_SUBSCRIPTION_ID }}",
};
