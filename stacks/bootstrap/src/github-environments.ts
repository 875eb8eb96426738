/**
 * The GitHub environments of an Azure environment, with the protection rules and variables the generated
 * workflows read (.github/README.md):
 * - `<env>` (deployments): only `main` may deploy (a custom branch policy); staging waits 30 minutes (dev's
 *   canary bakes first); prod needs the approval of the reviewer team, never of the person who started it;
 * - `<env>-preview` (pull request previews, the drift check): no protection, the read identity.
 * Variables per environment: AZURE_CLIENT_ID (its identity), AZURE_TENANT_ID, AZURE_SUBSCRIPTION_ID (the
 * management subscription), PULUMI_BACKEND_URL (this environment's state: environment variables take
 * precedence over repository variables of the same name), and for the multicloud layer AWS_ROLE_ARN,
 * GCP_WORKLOAD_IDENTITY_PROVIDER, GCP_SERVICE_ACCOUNT.
 * https://docs.github.com/actions/managing-workflow-runs-and-deployments/managing-deployments/managing-environments-for-deployment
 * https://www.pulumi.com/registry/packages/github/api-docs/repositoryenvironment/
 */

import type { Provider } from "@pulumi/github";
import {
  ActionsEnvironmentVariable,
  getTeamOutput,
  RepositoryEnvironment,
  RepositoryEnvironmentDeploymentPolicy,
} from "@pulumi/github";
import * as pulumi from "@pulumi/pulumi";

export interface GitHubEnvironmentsArgs {
  /** Repository name (the provider sets the owner). */
  repository: string;
  environments: { name: string; access: "deploy" | "read" }[];
  /** Which deploy environment this is: prod needs reviewers, staging a wait timer. */
  stage: "dev" | "staging" | "prod" | string;
  reviewerTeam: string;
  /** Variables per GitHub environment. */
  variables: Record<string, Record<string, pulumi.Input<string>>>;
  provider: Provider;
}

export class GitHubEnvironments extends pulumi.ComponentResource {
  constructor(name: string, args: GitHubEnvironmentsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("plugilo:bootstrap:GitHubEnvironments", name, {}, opts);
    const own = { parent: this, provider: args.provider };
    for (const env of args.environments) {
      const deploy = env.access === "deploy";
      const reviewers =
        deploy && args.stage === "prod"
          ? [{ teams: [getTeamOutput({ slug: args.reviewerTeam }, { provider: args.provider }).apply((t) => Number(t.id))] }]
          : undefined;
      const environment = new RepositoryEnvironment(
        `env-${env.name}`,
        {
          repository: args.repository,
          environment: env.name,
          canAdminsBypass: !deploy || args.stage !== "prod",
          ...(deploy ? { deploymentBranchPolicy: { protectedBranches: false, customBranchPolicies: true } } : {}),
          ...(deploy && args.stage === "staging" ? { waitTimer: 30 } : {}),
          ...(reviewers ? { reviewers, preventSelfReview: true } : {}),
        },
        own,
      );
      if (deploy) {
        new RepositoryEnvironmentDeploymentPolicy(
          `env-${env.name}-main`,
          { repository: args.repository, environment: environment.environment, branchPattern: "main" },
          own,
        );
      }
      for (const [variableName, value] of Object.entries(args.variables[env.name] ?? {})) {
        new ActionsEnvironmentVariable(
          `env-${env.name}-${variableName.toLowerCase()}`,
          { repository: args.repository, environment: environment.environment, variableName, value },
          own,
        );
      }
    }
    this.registerOutputs({});
  }
}
