/** The cert-manager add-on: its spec, charts and image registries (its renderer: packages/gitops/src/addons/cert-manager.ts). */
import { defineAddon } from "./types.ts";

export const certManager = defineAddon({
  name: "cert-manager",
  spec: {
    description: "cert-manager: the ingress gateway's certificate (ACME DNS-01 in Azure DNS) and the OpenFeature webhook's",
    releases: ["cert-manager"],
    dependsOn: [],
    enabledByDefault: () => true,
  },
  charts: {
    certManager: {
      repoURL: "https://charts.jetstack.io",
      chart: "cert-manager",
      version: "v1.21.1",
      source: "https://github.com/cert-manager/cert-manager/releases/tag/v1.21.1",
    },
  },
  images: [
    {
      registry: "quay.io",
      images: "jetstack/cert-manager-controller, -webhook, -cainjector, -startupapicheck, -acmesolver",
      source:
        "https://github.com/cert-manager/cert-manager/blob/v1.21.1/deploy/charts/cert-manager/values.yaml (imageRegistry: quay.io)",
    },
  ],
});
