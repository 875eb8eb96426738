/**
 * ExternalSecrets read from the environment's Key Vault through the platform's ClusterSecretStore.
 */
import { ExternalSecret } from "@kubernetes-models/external-secrets/external-secrets.io/v1/ExternalSecret";

/** The ClusterSecretStore for model.keyVault (external-secrets add-on). */
export const KEY_VAULT_STORE = "azure-key-vault";
/** The services' ClusterSecretStore: only the services' namespaces may use it (secret-store-conditions.ts). */
export const SERVICES_KEY_VAULT_STORE = "azure-key-vault-services";

export interface KeyVaultSecretSpec {
  name: string;
  namespace: string;
  /** Secret key -> Key Vault secret name (a certificate is read as secret/<name>). */
  data: Record<string, string>;
  /** Template of the Kubernetes Secret: its type and data built from the fetched keys. */
  template?: { type?: string; data?: Record<string, string> };
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  /** Default: the platform store. */
  store?: string;
}

export function keyVaultSecret(spec: KeyVaultSecretSpec): ExternalSecret {
  return new ExternalSecret({
    metadata: {
      name: spec.name,
      namespace: spec.namespace,
      ...(spec.labels ? { labels: spec.labels } : {}),
      ...(spec.annotations ? { annotations: spec.annotations } : {}),
    },
    spec: {
      refreshInterval: "1h",
      secretStoreRef: { kind: "ClusterSecretStore", name: spec.store ?? KEY_VAULT_STORE },
      target: {
        name: spec.name,
        creationPolicy: "Owner",
        ...(spec.template ? { template: { engineVersion: "v2", ...spec.template } } : {}),
      },
      data: Object.entries(spec.data)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([secretKey, key]) => ({ secretKey, remoteRef: { key } })),
    },
  });
}
