/**
 * The Azure identities of a cluster, as data:
 * - the control-plane identity (user-assigned: KMS and a custom private DNS zone need one that exists before
 *   the cluster) and the kubelet identity (pulls images: AcrPull on the registry);
 * - one user-assigned identity per workload that calls Azure, federated with the cluster's OIDC issuer
 *   (workload identity). The issuer URL is a value Azure invents, so the federated credentials are made in
 *   the cluster stack from the ManagedCluster's output.
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
import { type PartsOf, resourceId, resourceName } from "../core/naming.ts";
import type { RegionName } from "../core/regions.ts";
import type { DnsModel, ResourceGroupModel } from "../core/resources.ts";
import type { ContainerRegistryModel, KeyVaultModel } from "../shared/shared-services.ts";

/** Built-in role definition IDs (the same GUID in every subscription). */
export const BUILTIN_ROLES = {
  AcrPull: "7f951dda-4ed3-4680-a7ca-43fe172d538d",
  AcrPush: "8311e382-0749-4cb8-b61a-304f252e45ec",
  "Network Contributor": "4d97b98b-1d4f-4787-a291-c67834d212e7",
  "Private DNS Zone Contributor": "b12aa53e-6015-4669-85d0-8515ebb3ae7f",
  "DNS Zone Contributor": "befefa01-2a29-4197-83a8-272ff33ce314",
  "Managed Identity Operator": "f1a07417-d97a-45cb-824c-7a7467783830",
  "Key Vault Crypto User": "12338af0-0e69-4776-bea7-57ae8d297424",
  "Key Vault Secrets User": "4633458b-17de-408a-b874-0445c86b69e6",
  "Key Vault Contributor": "f25e0fa2-a7c8-4377-a976-54943a77a395",
} as const;
export type BuiltinRole = keyof typeof BUILTIN_ROLES;

/** The full role definition ID, in the subscription of the scope it is assigned at. */
export function roleDefinitionId(role: BuiltinRole, scope: string): string {
  const subscription = /^\/subscriptions\/([^/]+)/i.exec(scope)?.[1];
  if (!subscription) throw new Error(`role scope ${scope} is not under a subscription`);
  return `/subscriptions/${subscription}/providers/Microsoft.Authorization/roleDefinitions/${BUILTIN_ROLES[role]}`;
}

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
    key: "ghrunner",
    namespace: "arc-runners",
    serviceAccount: "arc-runner",
    purpose: "GitHub Actions runners (Actions Runner Controller scale sets): build and push images to the registry",
    roles: [{ role: "AcrPush", target: "containerRegistry" }],
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
  kubelet: { name: string; id: string };
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
  /** Identities this environment does not need (the runners' AcrPush where no build scale set runs). */
  omit?: readonly string[];
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
  return {
    controlPlane: identity("aks"),
    kubelet: identity("kubelet"),
    workloads: WORKLOAD_IDENTITIES.filter((spec) => !inputs.omit?.includes(spec.key)).map((spec) => {
      const { name, id } = identity(spec.key);
      return {
        ...spec,
        identityName: name,
        identityId: id,
        subject: `system:serviceaccount:${spec.namespace}:${spec.serviceAccount}`,
        roleAssignments: spec.roles.flatMap(({ role, target }) =>
          targets[target].map((scope) => ({ role, scope, roleDefinitionId: roleDefinitionId(role, scope) })),
        ),
      };
    }),
  };
}
