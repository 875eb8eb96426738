/**
 * The identities GitHub Actions logs in to Azure with: one user-assigned managed identity per GitHub
 * environment, each with a federated credential for GitHub's OIDC token of exactly that environment
 * (issuer https://token.actions.githubusercontent.com, subject repo:<owner>/<repo>:environment:<name>,
 * audience api://AzureADTokenExchange), so no secret exists anywhere.
 * https://learn.microsoft.com/entra/workload-id/workload-identity-federation-create-trust-user-assigned-managed-identity
 * https://docs.github.com/actions/security-for-github-actions/security-hardening-your-deployments/about-security-hardening-with-openid-connect
 *
 * Permissions, exactly (nothing else is assigned anywhere):
 * - deploy (`<env>`, main only): Management Group Contributor on the parent management group (to create the
 *   environment's group; its creator becomes its Owner:
 *   https://learn.microsoft.com/azure/governance/management-groups/create-management-group-rest-api),
 *   Owner on each of the environment's subscriptions (role assignments, policies, every resource), Storage
 *   Blob Data Contributor on the state container, Key Vault Crypto User on the secrets key, Azure Kubernetes
 *   Service RBAC Cluster Admin on the cluster subscriptions (Argo CD bootstrap through the API server);
 * - read (`<env>-preview`: pull request previews and the scheduled drift check): Management Group Reader on
 *   the parent management group, Reader on each subscription, Azure Kubernetes Service RBAC Reader on the
 *   cluster subscriptions, Storage Blob Data Contributor on the state container (a preview takes the stack's
 *   lock: the one write it makes) and Key Vault Crypto User on the key (to decrypt the stack's secrets).
 */
import { createHash } from "node:crypto";
import type { EnvironmentModel } from "@plugilo/model";
import { RoleAssignment } from "@pulumi/azure-native/authorization/index.js";
import { FederatedIdentityCredential, UserAssignedIdentity } from "@pulumi/azure-native/managedidentity/index.js";
import * as pulumi from "@pulumi/pulumi";
import { type RoleName, roleDefinitionFor } from "./roles.ts";

export const GITHUB_ISSUER = "https://token.actions.githubusercontent.com";
export const AZURE_AUDIENCE = "api://AzureADTokenExchange";

export interface GitHubIdentitiesArgs {
  /** The organization's name: identities are `id-<organization>-<GitHub environment>-github`. */
  readonly organization: string;
  /** The environment's management group: the roles on the group go to its parent (or itself without one). */
  readonly managementGroup: Pick<EnvironmentModel["managementGroup"], "groupId" | "parentId">;
  /** The IDs of the environment's subscriptions (Owner or Reader on each; duplicates count once). */
  readonly subscriptionIds: readonly string[];
  /** The IDs of the subscriptions that hold clusters (AKS RBAC roles; duplicates count once). */
  readonly clusterSubscriptionIds: readonly string[];
  resourceGroupName: pulumi.Input<string>;
  location: string;
  repository: string;
  environments: { name: string; access: "deploy" | "read" }[];
  stateContainerId: pulumi.Input<string>;
  secretsKeyId: pulumi.Input<string>;
  tags: Record<string, string>;
}

/** Role assignment names are GUIDs; derived from what they grant, so a rerun finds the same one. */
function assignmentName(seed: string): string {
  const h = createHash("sha256").update(seed).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function parentGroupId(group: GitHubIdentitiesArgs["managementGroup"]): string {
  const parent = group.parentId ?? group.groupId;
  return parent.startsWith("/") ? parent : `/providers/Microsoft.Management/managementGroups/${parent}`;
}

export class GitHubIdentities extends pulumi.ComponentResource {
  /** Client ID per GitHub environment: its AZURE_CLIENT_ID variable. */
  readonly clientIds: Record<string, pulumi.Output<string>> = {};

  constructor(name: string, args: GitHubIdentitiesArgs, opts?: pulumi.ComponentResourceOptions) {
    super("plugilo:bootstrap:GitHubIdentities", name, {}, opts);
    const subscriptions = [...new Set(args.subscriptionIds)].map((s) => `/subscriptions/${s}`);
    const clusterSubscriptions = [...new Set(args.clusterSubscriptionIds)].map((s) => `/subscriptions/${s}`);
    const parent = parentGroupId(args.managementGroup);
    for (const env of args.environments) {
      const identityName = `id-${args.organization}-${env.name}-github`;

      const identity = new UserAssignedIdentity(
        `github-${env.name}`,
        { resourceGroupName: args.resourceGroupName, location: args.location, resourceName: identityName, tags: args.tags },
        { parent: this },
      );
      new FederatedIdentityCredential(
        `github-${env.name}`,
        {
          resourceGroupName: args.resourceGroupName,
          resourceName: identity.name,
          federatedIdentityCredentialResourceName: `github-${env.name}`,
          issuer: GITHUB_ISSUER,
          subject: `repo:${args.repository}:environment:${env.name}`,
          audiences: [AZURE_AUDIENCE],
        },
        { parent: this },
      );
      this.clientIds[env.name] = identity.clientId;
      const grants: [RoleName, pulumi.Input<string>, string][] =
        env.access === "deploy"
          ? [
              ["Management Group Contributor", parent, "parent-mg"],
              ...subscriptions.map((s, i): [RoleName, string, string] => ["Owner", s, `sub${i}`]),
              ["Storage Blob Data Contributor", args.stateContainerId, "state"],
              ["Key Vault Crypto User", args.secretsKeyId, "key"],
              ...clusterSubscriptions.map((s, i): [RoleName, string, string] => [
                "Azure Kubernetes Service RBAC Cluster Admin",
                s,
                `aks${i}`,
              ]),
            ]
          : [
              ["Management Group Reader", parent, "parent-mg"],
              ...subscriptions.map((s, i): [RoleName, string, string] => ["Reader", s, `sub${i}`]),
              ["Storage Blob Data Contributor", args.stateContainerId, "state"],
              ["Key Vault Crypto User", args.secretsKeyId, "key"],
              ...clusterSubscriptions.map((s, i): [RoleName, string, string] => [
                "Azure Kubernetes Service RBAC Reader",
                s,
                `aks${i}`,
              ]),
            ];
      for (const [role, scope, label] of grants) {
        new RoleAssignment(
          `github-${env.name}-${label}`,
          {
            roleAssignmentName: pulumi.output(scope).apply((s) => assignmentName(`${s.toLowerCase()}|${role}|${identityName}`)),
            scope,
            principalId: identity.principalId,
            principalType: "ServicePrincipal",
            roleDefinitionId: pulumi.output(scope).apply((s) => roleDefinitionFor(role, s)),
          },
          { parent: this },
        );
      }
    }
    this.registerOutputs({});
  }
}
