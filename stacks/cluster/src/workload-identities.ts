/**
 * One user-assigned identity per workload that calls Azure (External Secrets Operator, each build runner
 * scale set, cert-manager: packages/model/src/cluster/cluster-identities.ts), each federated with this cluster's OIDC
 * issuer for its ServiceAccount, and granted its roles on resources the model names. The issuer URL is a
 * value Azure invents, so it comes from the ManagedCluster's output, in this stack.
 * https://learn.microsoft.com/azure/aks/workload-identity-deploy-cluster
 */
import type { ProviderFor } from "@plugilo/components";
import { type ClusterModel, WORKLOAD_IDENTITY_AUDIENCE } from "@plugilo/model";
import { FederatedIdentityCredential, UserAssignedIdentity } from "@pulumi/azure-native/managedidentity/index.js";
import * as pulumi from "@pulumi/pulumi";
import { grant } from "./role-assignment.ts";

export interface WorkloadIdentitiesArgs {
  cluster: ClusterModel;
  oidcIssuerUrl: pulumi.Input<string>;
  providerFor: ProviderFor;
  tags: Record<string, string>;
  /** The environment vault, and the secrets each ClusterSecretStore reads there (external-secret-reads.ts). */
  keyVaultId: string;
  secretsByStore: Record<string, string[]>;
}

/** The subscription key of an ARM ID's subscription, for the provider that assigns a role there. */
function subscriptionKeyOf(scope: string, providerFor: ProviderFor, subscriptions: Record<string, string>) {
  const id = /^\/subscriptions\/([^/]+)/i.exec(scope)?.[1]?.toLowerCase();
  const key = Object.entries(subscriptions).find(([, v]) => v.toLowerCase() === id)?.[0];
  if (!key) throw new Error(`role scope ${scope} is in no subscription of the environment`);
  return providerFor(key as Parameters<ProviderFor>[0]);
}

export class WorkloadIdentities extends pulumi.ComponentResource {
  /** Identity key (eso, ghr-<build set>, ...) -> the identity, whose client ID the ServiceAccount carries. */
  readonly identities: Record<string, UserAssignedIdentity> = {};

  constructor(
    name: string,
    args: WorkloadIdentitiesArgs & { subscriptions: Record<string, string> },
    opts?: pulumi.ComponentResourceOptions,
  ) {
    super("plugilo:cluster:WorkloadIdentities", name, {}, opts);
    const { cluster: c, providerFor, tags } = args;
    const own = { parent: this, provider: providerFor(c.subscription) };
    for (const w of c.identities.workloads) {
      const identity = new UserAssignedIdentity(
        w.identityName,
        { resourceGroupName: c.resourceGroup.name, location: c.region, resourceName: w.identityName, tags },
        own,
      );
      this.identities[w.key] = identity;
      new FederatedIdentityCredential(
        `${w.identityName}-${c.name}`,
        {
          resourceGroupName: c.resourceGroup.name,
          resourceName: identity.name,
          federatedIdentityCredentialResourceName: `${c.aksName}-${w.serviceAccount}`,
          issuer: args.oidcIssuerUrl,
          subject: w.subject,
          audiences: [WORKLOAD_IDENTITY_AUDIENCE],
        },
        own,
      );
      for (const [i, r] of w.roleAssignments.entries()) {
        grant(
          `${w.identityName}-role-${i}`,
          {
            identityName: w.identityName,
            principalId: identity.principalId,
            role: r.role,
            scope: r.scope,
            ...(r.condition ? { condition: r.condition } : {}),
          },
          { parent: this, provider: subscriptionKeyOf(r.scope, providerFor, args.subscriptions) },
        );
      }
      // A store's identity reads the secrets its ExternalSecrets name, each at its own scope, never the vault.
      for (const secret of w.secretStore ? (args.secretsByStore[w.secretStore] ?? []) : []) {
        const scope = `${args.keyVaultId}/secrets/${secret}`;
        grant(
          `${w.identityName}-secret-${secret}`,
          { identityName: w.identityName, principalId: identity.principalId, role: "Key Vault Secrets User", scope },
          { parent: this, provider: subscriptionKeyOf(scope, providerFor, args.subscriptions) },
        );
      }
    }
    this.registerOutputs({});
  }
}
