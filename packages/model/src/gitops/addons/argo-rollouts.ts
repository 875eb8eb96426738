/** The argo-rollouts add-on: its spec, charts and image registries (its renderer: packages/gitops/src/addons/argo-rollouts.ts). */
import { defineAddon } from "./types.ts";

export const argoRollouts = defineAddon({
  name: "argo-rollouts",
  spec: {
    description: "Argo Rollouts: canary and blue-green rollouts with Istio traffic splitting",
    releases: ["argo-rollouts"],
    dependsOn: ["istio"],
    enabledByDefault: () => true,
  },
  charts: {
    argoRollouts: {
      repoURL: "https://argoproj.github.io/argo-helm",
      chart: "argo-rollouts",
      version: "2.41.0",
      source: "https://github.com/argoproj/argo-helm/blob/argo-rollouts-2.41.0/charts/argo-rollouts/Chart.yaml",
    },
  },
  images: [
    {
      registry: "quay.io",
      images: "argoproj/argo-rollouts",
      source: "https://github.com/argoproj/argo-helm/blob/argo-rollouts-2.41.0/charts/argo-rollouts/values.yaml",
    },
  ],
});
