/** The reloader add-on: its spec, charts and image registries (its renderer: packages/gitops/src/addons/reloader.ts). */
import { defineAddon } from "./types.ts";

export const reloader = defineAddon({
  name: "reloader",
  spec: {
    description: "Stakater Reloader: rolls pods when their ConfigMaps or Secrets change",
    releases: ["reloader"],
    dependsOn: [],
    enabledByDefault: () => true,
  },
  charts: {
    reloader: {
      repoURL: "https://stakater.github.io/stakater-charts",
      chart: "reloader",
      version: "2.2.16",
      source: "https://github.com/stakater/Reloader/blob/chart-v2.2.16/deployments/kubernetes/chart/reloader/Chart.yaml",
    },
  },
  images: [
    {
      registry: "ghcr.io",
      images: "stakater/reloader",
      source: "https://github.com/stakater/Reloader/blob/chart-v2.2.16/deployments/kubernetes/chart/reloader/values.yaml",
    },
  ],
});
