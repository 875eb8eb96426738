/** The openfeature add-on: its spec, charts and image registries (its renderer: packages/gitops/src/addons/openfeature.ts). */
import { defineAddon } from "./types.ts";

export const openfeature = defineAddon({
  name: "openfeature",
  spec: {
    description: "OpenFeature operator with flagd sidecars: feature flags as Kubernetes resources",
    releases: ["open-feature-operator"],
    dependsOn: ["cert-manager"],
    enabledByDefault: () => true,
  },
  charts: {
    openFeatureOperator: {
      repoURL: "https://open-feature.github.io/open-feature-operator/",
      chart: "open-feature-operator",
      version: "v0.9.2",
      source: "https://github.com/open-feature/open-feature-operator/blob/v0.9.2/chart/open-feature-operator/Chart.yaml",
    },
  },
  images: [
    {
      registry: "ghcr.io",
      images: "open-feature/open-feature-operator, flagd (sidecars), flagd-proxy",
      source: "https://github.com/open-feature/open-feature-operator/blob/v0.9.2/chart/open-feature-operator/values.yaml",
    },
  ],
});
