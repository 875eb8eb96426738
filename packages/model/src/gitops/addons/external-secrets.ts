/** The external-secrets add-on: its spec, charts and image registries (its renderer: packages/gitops/src/addons/external-secrets.ts). */
import { defineAddon } from "./types.ts";

export const externalSecrets = defineAddon({
  name: "external-secrets",
  spec: {
    description: "External Secrets Operator with a ClusterSecretStore for the environment's Key Vault (workload identity)",
    releases: ["external-secrets"],
    dependsOn: [],
    enabledByDefault: () => true,
  },
  charts: {
    externalSecrets: {
      repoURL: "https://charts.external-secrets.io",
      chart: "external-secrets",
      version: "2.9.0",
      source:
        "https://github.com/external-secrets/external-secrets/blob/helm-chart-2.9.0/deploy/charts/external-secrets/Chart.yaml",
    },
  },
  images: [
    {
      registry: "ghcr.io",
      images: "external-secrets/external-secrets (controller, webhook, cert controller)",
      source:
        "https://github.com/external-secrets/external-secrets/blob/helm-chart-2.9.0/deploy/charts/external-secrets/values.yaml",
    },
  ],
});
