/**
 * External Secrets Operator and the ClusterSecretStore of the environment's Key Vault (model.keyVault),
 * reached through workload identity: the store names the operator's ServiceAccount, which the cluster stack
 * creates with the client ID of identity "eso" (docs/adr/0053); the chart must not create its own.
 * Key Vault provider: https://external-secrets.io/latest/provider/azure-key-vault/
 */
import { ClusterSecretStore } from "@kubernetes-models/external-secrets/external-secrets.io/v1/ClusterSecretStore";
import type { AddonDefinition } from "../addon.ts";
import { CHARTS } from "../charts.ts";
import { KEY_VAULT_STORE, keyVaultSecret } from "../external-secret.ts";
import { mergeValues } from "../values.ts";

export const ESO_IDENTITY = "eso";

export const externalSecrets: AddonDefinition = {
  name: "external-secrets",
  releases: (ctx) => [
    {
      name: "external-secrets",
      valuesKey: "external-secrets",
      namespace: ctx.identity(ESO_IDENTITY).namespace,
      chart: CHARTS.externalSecrets,
      after: [],
      values: { installCRDs: true, replicaCount: 2, podDisruptionBudget: { enabled: true, minAvailable: 1 } },
      // With serviceAccountRef the operator requests the token itself: the pod needs no identity label.
      workloadIdentity: { key: ESO_IDENTITY, apply: (v, sa) => mergeValues(v, { serviceAccount: { create: false, name: sa } }) },
      serverSideApply: true,
    },
  ],
  manifests: (ctx) => {
    const identity = ctx.identity(ESO_IDENTITY);
    return [
      {
        name: "external-secrets-store",
        after: ["external-secrets"],
        objects: [
          new ClusterSecretStore({
            metadata: { name: KEY_VAULT_STORE },
            spec: {
              provider: {
                azurekv: {
                  authType: "WorkloadIdentity",
                  vaultUrl: ctx.model.keyVault.uri,
                  tenantId: ctx.model.tenantId,
                  serviceAccountRef: { name: identity.serviceAccount, namespace: identity.namespace },
                },
              },
            },
          }),
        ],
      },
      {
        // Argo CD's Entra ID client secret ($argocd-sso:clientSecret in oidc.config, stacks/cluster/src/argocd-sso.ts).
        name: "argocd-sso-secret",
        after: ["external-secrets-store"],
        objects: [argoCdSsoSecret(ctx.cluster.argocd.namespace)],
      },
    ];
  },
};

/** Argo CD reads `$<secret>:<key>` only from Secrets labelled app.kubernetes.io/part-of: argocd. */
function argoCdSsoSecret(namespace: string) {
  const es = keyVaultSecret({ name: "argocd-sso", namespace, data: { clientSecret: "argocd-sso-client-secret" } });
  (es.spec as { target: { template?: unknown } }).target.template = {
    engineVersion: "v2",
    metadata: { labels: { "app.kubernetes.io/part-of": "argocd" } },
  };
  return es;
}
