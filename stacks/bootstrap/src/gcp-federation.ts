/**
 * Google Cloud trusts GitHub's OIDC tokens of this repository for the multicloud layer (the VPN's Google
 * end): a workload identity pool with a GitHub provider whose attribute condition admits this repository
 * only, and one service account per GitHub environment that only that environment's subject may impersonate.
 * - deploy service account: roles/compute.networkAdmin on the project (HA VPN gateway, router, tunnels);
 * - read service account: roles/compute.networkViewer.
 * https://cloud.google.com/iam/docs/workload-identity-federation-with-deployment-pipelines#github-actions
 */
import type { Provider } from "@pulumi/gcp";
import { WorkloadIdentityPool, WorkloadIdentityPoolProvider } from "@pulumi/gcp/iam/index.js";
import { IAMMember as ProjectIamMember } from "@pulumi/gcp/projects/index.js";
import { Account, IAMMember as ServiceAccountIamMember } from "@pulumi/gcp/serviceaccount/index.js";
import * as pulumi from "@pulumi/pulumi";

export interface GcpFederationArgs {
  project: string;
  repository: string;
  environments: { name: string; access: "deploy" | "read" }[];
  /** Lower-case prefix of the pool and the accounts (letters, digits, hyphens). */
  namePrefix: string;
  provider: Provider;
}

export class GcpFederation extends pulumi.ComponentResource {
  readonly providerName: pulumi.Output<string>;
  readonly serviceAccounts: Record<string, pulumi.Output<string>> = {};

  constructor(name: string, args: GcpFederationArgs, opts?: pulumi.ComponentResourceOptions) {
    super("plugilo:bootstrap:GcpFederation", name, {}, opts);
    const own = { parent: this, provider: args.provider };
    const pool = new WorkloadIdentityPool(
      "github",
      { project: args.project, workloadIdentityPoolId: `${args.namePrefix}-github`.slice(0, 32), displayName: "GitHub Actions" },
      own,
    );
    const provider = new WorkloadIdentityPoolProvider(
      "github",
      {
        project: args.project,
        workloadIdentityPoolId: pool.workloadIdentityPoolId,
        workloadIdentityPoolProviderId: "github",
        oidc: { issuerUri: "https://token.actions.githubusercontent.com" },
        attributeMapping: {
          "google.subject": "assertion.sub",
          "attribute.repository": "assertion.repository",
          "attribute.environment": "assertion.environment",
        },
        attributeCondition: `assertion.repository == "${args.repository}"`,
      },
      own,
    );
    this.providerName = provider.name;
    for (const env of args.environments) {
      const account = new Account(
        `github-${env.name}`,
        { project: args.project, accountId: `gh-${env.name}`.slice(0, 30), displayName: `GitHub Actions ${env.name}` },
        own,
      );
      new ServiceAccountIamMember(
        `github-${env.name}-impersonation`,
        {
          serviceAccountId: account.name,
          role: "roles/iam.workloadIdentityUser",
          member: pool.name.apply(
            (p) => `principal://iam.googleapis.com/${p}/subject/repo:${args.repository}:environment:${env.name}`,
          ),
        },
        own,
      );
      new ProjectIamMember(
        `github-${env.name}-network`,
        {
          project: args.project,
          role: env.access === "deploy" ? "roles/compute.networkAdmin" : "roles/compute.networkViewer",
          member: pulumi.interpolate`serviceAccount:${account.email}`,
        },
        own,
      );
      this.serviceAccounts[env.name] = account.email;
    }
    this.registerOutputs({});
  }
}
