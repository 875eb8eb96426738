/**
 * External Secrets Operator and the ClusterSecretStore of the environment's Key Vault (model.keyVault),
 * reached through workload identity: the store names the operator's ServiceAccount, which the cluster stack
 * creates with the client ID of identity "eso" (docs/adr/0053); the chart must not create its own.
 * Key Vault provider: https://external-secrets.io/latest/provider/azure-key-vault/
 */
import { ClusterSecretStore } from "@kubernetes-models/external-secrets/external-secrets.io/v1/ClusterSecretStore";
import type { AddonDefinition } from "../addon.ts";
import { CHARTS } from "../charts.ts";
import { KEY_VAULT_STORE } from "../external-secret.ts";
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
    ];
  },
};
