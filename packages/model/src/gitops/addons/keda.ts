/** The keda add-on: its spec, charts and image registries (its renderer: packages/gitops/src/addons/keda.ts). */
import { defineAddon } from "./types.ts";

export const keda = defineAddon({
  name: "keda",
  spec: {
    description: "KEDA: event-driven pod autoscaling (ScaledObject)",
    releases: ["keda"],
    dependsOn: [],
    enabledByDefault: () => true,
  },
  charts: {
    keda: {
      repoURL: "https://kedacore.github.io/charts",
      chart: "keda",
      version: "2.20.2",
      source: "https://github.com/kedacore/charts/blob/v2.20.2/keda/Chart.yaml",
    },
  },
  images: [
    {
      registry: "ghcr.io",
      images: "kedacore/keda, keda-metrics-apiserver, keda-admission-webhooks",
      source: "https://github.com/kedacore/charts/blob/v2.20.2/keda/values.yaml",
    },
  ],
});
