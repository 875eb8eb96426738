/**
 * Layer bootstrap: what every other stack needs before it can run, created once per environment by a
 * platform admin from a workstation, with its own state in a local or separate backend (never in the state
 * account it creates): docs/deploy/01-bootstrap.md.
 * - the Pulumi state storage and the secrets provider's key (state-backend.ts);
 * - the GitHub OIDC identities in Azure, with exactly the roles the workflows need (github-identities.ts);
 * - the GitHub environments with protection rules and variables (github-environments.ts);
 * - the organization runner groups of the model's scale sets (prod's deploy set: github-runner-groups.ts);
 * - the AWS and Google Cloud federation of the multicloud layer (aws-federation.ts, gcp-federation.ts).
 * It deploys into the management subscription. The offline plan shows it with `--stack bootstrap`.
 */
import { subscriptionProviders } from "@plugilo/components";
import type { EnvironmentModel } from "@plugilo/model";
import { Provider as AwsProvider } from "@pulumi/aws";
import { Provider as GcpProvider } from "@pulumi/gcp";
import { Provider as GitHubProvider } from "@pulumi/github";
import * as pulumi from "@pulumi/pulumi";
import { AwsFederation } from "./aws-federation.ts";
import { GcpFederation } from "./gcp-federation.ts";
import { GitHubEnvironments } from "./github-environments.ts";
import { GitHubIdentities } from "./github-identities.ts";
import { GitHubRunnerGroups } from "./github-runner-groups.ts";
import { type BootstrapSettings, defaultSettings, githubEnvironments } from "./settings.ts";
import { SECRETS_KEY, STATE_CONTAINER, StateBackend } from "./state-backend.ts";

export function bootstrap(model: EnvironmentModel, settings: BootstrapSettings = defaultSettings(model)) {
  const inManagement = { providers: [subscriptionProviders(model)("management")] };
  const tags = { ...model.tags, layer: "bootstrap" };
  const repository = `${settings.githubOwner}/${settings.githubRepository}`;
  const environments = githubEnvironments(model);

  const state = new StateBackend(
    "state",
    {
      resourceGroupName: `rg-${model.organization}-bootstrap-${model.name}-${model.regions.primary.shortCode}`,
      location: settings.location,
      tenantId: model.tenantId,
      accountName: settings.stateAccountName,
      vaultName: settings.secretsVaultName,
      allowedIpRanges: settings.allowedIpRanges,
      tags,
    },
    inManagement,
  );
  const identities = new GitHubIdentities(
    "github-identities",
    {
      organization: model.organization,
      managementGroup: model.managementGroup,
      subscriptionIds: Object.values(model.subscriptions),
      clusterSubscriptionIds: model.clusters.map((c) => model.subscriptions[c.subscription]),
      resourceGroupName: state.resourceGroup.name,

      location: settings.location,
      repository,
      environments,
      stateContainerId: state.container.id,
      secretsKeyId: state.key.id,
      tags,
    },
    inManagement,
  );
  const aws = new AwsFederation("aws", {
    repository,
    environments,
    namePrefix: `${model.organization}-${model.name}`,
    tags: model.vpn.aws.tags,
    provider: new AwsProvider("aws", { region: model.vpn.aws.region }),
  });
  const gcp = new GcpFederation("gcp", {
    project: model.vpn.gcp.project,
    repository,
    environments,
    namePrefix: `${model.organization}-${model.name}`,
    provider: new GcpProvider("gcp", { project: model.vpn.gcp.project, region: model.vpn.gcp.region }),
  });

  const backendUrl = pulumi.interpolate`azblob://${STATE_CONTAINER}?storage_account=${state.account.name}`;
  const secretsProvider = pulumi.interpolate`azurekeyvault://${state.vault.name}.vault.azure.net/keys/${SECRETS_KEY}`;
  const variables: Record<string, Record<string, pulumi.Input<string>>> = {};
  for (const env of environments) {
    variables[env.name] = {
      AZURE_CLIENT_ID: identities.clientIds[env.name] as pulumi.Output<string>,
      AZURE_TENANT_ID: model.tenantId,
      AZURE_SUBSCRIPTION_ID: model.subscriptions.management,
      PULUMI_BACKEND_URL: backendUrl,
      AWS_ROLE_ARN: aws.roleArns[env.name] as pulumi.Output<string>,
      GCP_WORKLOAD_IDENTITY_PROVIDER: gcp.providerName,
      GCP_SERVICE_ACCOUNT: gcp.serviceAccounts[env.name] as pulumi.Output<string>,
    };
  }
  const github = new GitHubProvider("github", { owner: settings.githubOwner });
  new GitHubEnvironments("github-environments", {
    repository: settings.githubRepository,
    environments,
    stage: model.name,
    reviewerTeam: settings.reviewerTeam,
    variables,
    provider: github,
  });
  const runnerGroups = model.gitops.runnerScaleSets.flatMap((s) => (s.runnerGroup ? [s.runnerGroup] : []));
  if (runnerGroups.length > 0) new GitHubRunnerGroups("github-runner-groups", { groups: runnerGroups, provider: github });

  return { backendUrl, secretsProvider, clientIds: identities.clientIds, awsRoleArns: aws.roleArns };
}
