/** The actions-runner-controller add-on: its spec, charts and image registries (its renderer: packages/gitops/src/addons/actions-runner-controller.ts). */
import { defineAddon } from "./types.ts";

export const actionsRunnerController = defineAddon({
  name: "actions-runner-controller",
  spec: {
    description: "GitHub Actions Runner Controller and runner scale sets (self-hosted runners in AKS)",
    releases: ["arc-controller", "arc-runners"],
    dependsOn: ["external-secrets"],
    // One cluster per environment runs the runners: scale set names are unique per GitHub organization.
    enabledByDefault: (_config, clusterIndex) => clusterIndex === 0,
  },
  charts: {
    arcController: {
      repoURL: "ghcr.io/actions/actions-runner-controller-charts",
      chart: "gha-runner-scale-set-controller",
      version: "0.14.2",
      source:
        "https://github.com/actions/actions-runner-controller/blob/gha-runner-scale-set-0.14.2/charts/gha-runner-scale-set-controller/Chart.yaml",
      oci: true,
    },
    arcRunnerScaleSet: {
      repoURL: "ghcr.io/actions/actions-runner-controller-charts",
      chart: "gha-runner-scale-set",
      version: "0.14.2",
      source:
        "https://github.com/actions/actions-runner-controller/blob/gha-runner-scale-set-0.14.2/charts/gha-runner-scale-set/Chart.yaml",
      oci: true,
    },
  },
  images: [
    {
      registry: "ghcr.io",
      images: "actions/gha-runner-scale-set-controller (controller and listeners); actions/actions-runner (RUNNER_IMAGE)",
      source:
        "https://github.com/actions/actions-runner-controller/blob/gha-runner-scale-set-0.14.2/charts/gha-runner-scale-set-controller/values.yaml",
    },
  ],
});
