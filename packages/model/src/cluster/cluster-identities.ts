/**
 * The Azure identities of a cluster, as data:
 * - the control-plane identity (user-assigned: KMS and a custom private DNS zone need one that exists before
 *   the cluster) and the kubelet identity (pulls images: AcrPull on the registry, or Container Registry
 *   Repository Reader where the registry is in ABAC mode: registry-permissions.ts);
 * - one user-assigned identity per workload that calls Azure, federated with the cluster's OIDC issuer
 *   (workload identity). The issuer URL is a value Azure invents, so the federated credentials are made in
 *   the cluster stack from the ManagedCluster's output. Each build runner scale set has its own identity,
 *   which may push only to its service's repositories (docs/adr/0135).
 *
 * Contract with the GitOps layer: the cluster stack also creates each workload identity's namespace and
 * ServiceAccount, annotated with the identity's client ID (another value Azure invents, known only at
 * deployment). GitOps renders the workloads with `serviceAccount.create: false` and the names below, and never
 * renders these ServiceAccounts itself (two writers would fight over the annotation).
 *
 * Built-in role IDs: https://learn.microsoft.com/azure/role-based-access-control/built-in-roles
 * Workload identity: https://learn.microsoft.com/azure/aks/workload-identity-overview
 */
import { acmeChallengeZoneOf } from "../core/acme-challenge-zone.ts";
import { buildRunnerIdentityKey, buildRunnerServiceAccount, type PartsOf, resourceId, resourceName } from "../core/naming.ts";
import type { RegionName } from "../core/regions.ts";
import type { DnsModel, ResourceGroupModel } from "../core/resources.ts";
import type { ContainerRegistryModel, KeyVaultModel } from "../shared/shared-services.ts";
import { type BuiltinRole, roleDefinitionId } from "./builtin-roles.ts";
import { registryPullRole, repositoryWriteCondition } from "./registry-permissions.ts";

export { BUILTIN_ROLES, type BuiltinRole, roleDefinitionId } from "./builtin-roles.ts";

/** What a workload identity may reach: resolved to ARM IDs from the model, never typed by hand. */
export type RoleTarget = "keyVault" | "containerRegistry" | "acmeChallengeZones";

export interface WorkloadIdentitySpec {
  /** Short key: the suffix of the identity's name and the key of the stack output. */
  key: string;
  namespace: string;
  serviceAccount: string;
  purpose: string;
  roles: { role: BuiltinRole; target: RoleTarget }[];
  /**
   * The ClusterSecretStore whose identity this is: it gets "Key Vault Secrets User" on each secret the store's
   * ExternalSecrets name and on nothing else (stacks/cluster/src/external-secret-reads.ts, docs/adr/0130).
   */
  secretStore?: string;
}

/** Every workload that calls Azure from the clusters. Append here; the stack and GitOps follow. */
export const WORKLOAD_IDENTITIES: readonly WorkloadIdentitySpec[] = [
  {
    key: "eso",
    namespace: "external-secrets",
    serviceAccount: "external-secrets",
    purpose: "External Secrets Operator, the platform add-ons' store: reads their Key Vault secrets, one role per secret",
    roles: [],
    secretStore: "azure-key-vault",
  },
  {
    key: "esosvc",
    namespace: "external-secrets",
    serviceAccount: "external-secrets-services",
    purpose: "External Secrets Operator, the services' store: reads the services' Key Vault secrets, one role per secret",
    roles: [],
    secretStore: "azure-key-vault-services",
  },
  {
    key: "certmgr",
    namespace: "cert-manager",
    serviceAccount: "cert-manager",
    purpose: "cert-manager: ACME DNS-01 challenges in the delegated challenge zones (TLS for the Istio ingress gateway)",
    roles: [{ role: "DNS Zone Contributor", target: "acmeChallengeZones" }],
  },
];

/** Federated credentials accept tokens for this audience only. */
export const WORKLOAD_IDENTITY_AUDIENCE = "api://AzureADTokenExchange";

export interface RoleAssignmentModel {
  role: BuiltinRole;
  scope: string;
  roleDefinitionId: string;
  /** An ABAC condition (version 2.0) narrowing the role below its scope. */
  condition?: string;
}

export interface WorkloadIdentityModel extends WorkloadIdentitySpec {
  identityName: string;
  identityId: string;
  /** The token subject the federated credential trusts. */
  subject: string;
  roleAssignments: RoleAssignmentModel[];
}

export interface ClusterIdentitiesModel {
  controlPlane: { name: string; id: string };
  /** registryRole: what the kubelet pulls with on the environment registry. */
  kubelet: { name: string; id: string; registryRole: BuiltinRole };
  workloads: WorkloadIdentityModel[];
}

export interface ClusterIdentityInputs {
  cluster: string;
  region: RegionName;
  resourceGroup: ResourceGroupModel;
  keyVault: KeyVaultModel;
  containerRegistry: ContainerRegistryModel;
  dns: DnsModel;
  parts: PartsOf;
  /**
   * The build scale sets: name, the set's own namespace (gitops/runner-scale-sets.ts, docs/adr/0139) and
   * owner/name of the service repository whose images the set pushes.
   */
  buildRunners: readonly { scaleSetName: string; namespace: string; repository: string }[];
}

export function resolveClusterIdentities(inputs: ClusterIdentityInputs): ClusterIdentitiesModel {
  const { cluster, region, resourceGroup: rg, parts } = inputs;
  const identity = (suffix: string) => {
    const name = resourceName("managedIdentity", parts(cluster, region, suffix));
    return { name, id: resourceId(rg.subscriptionId, rg.name, "Microsoft.ManagedIdentity/userAssignedIdentities", name) };
  };
  const targets: Record<RoleTarget, string[]> = {
    keyVault: [inputs.keyVault.id],
    containerRegistry: [inputs.containerRegistry.id],
    acmeChallengeZones: inputs.dns.publicZones.map((z) => acmeChallengeZoneOf(z).id),
  };
  const registry = inputs.containerRegistry;
  // Only its service's repositories: Writer on the registry, under a condition on the repository name.
  const buildRunners: WorkloadIdentitySpec[] = inputs.buildRunners.map((b) => ({
    key: buildRunnerIdentityKey(b.scaleSetName),
    // The set's own namespace: the federated subject admits only that namespace's ServiceAccount.
    namespace: b.namespace,
    serviceAccount: buildRunnerServiceAccount(b.scaleSetName),
    purpose: `GitHub Actions build runners of ${b.repository} (scale set ${b.scaleSetName}): push to ${b.repository.toLowerCase()} only`,
    roles: [],
  }));
  const pushGrants = new Map(
    inputs.buildRunners.map((b) => {
      const role = "Container Registry Repository Writer" as const;
      const grant: RoleAssignmentModel = {
        role,
        scope: registry.id,
        roleDefinitionId: roleDefinitionId(role, registry.id),
        condition: repositoryWriteCondition(b.repository),
      };
      return [buildRunnerIdentityKey(b.scaleSetName), grant];
    }),
  );
  return {
    controlPlane: identity("aks"),
    kubelet: { ...identity("kubelet"), registryRole: registryPullRole(registry.roleAssignmentMode) },
    workloads: [...WORKLOAD_IDENTITIES, ...buildRunners].map((spec) => {
      const { name, id } = identity(spec.key);
      return {
        ...spec,
        identityName: name,
        identityId: id,
        subject: `system:serviceaccount:${spec.namespace}:${spec.serviceAccount}`,
        roleAssignments: [
          ...spec.roles.flatMap(({ role, target }) =>
            targets[target].map((scope) => ({ role, scope, roleDefinitionId: roleDefinitionId(role, scope) })),
          ),
          ...(pushGrants.has(spec.key) ? [pushGrants.get(spec.key) as RoleAssignmentModel] : []),
        ],
      };
    }),
  };
}
