/** The reflector add-on: its spec, charts and image registries (its renderer: packages/gitops/src/addons/reflector.ts). */
import { defineAddon } from "./types.ts";

export const reflector = defineAddon({
  name: "reflector",
  spec: {
    description: "Kubernetes Reflector: mirrors Secrets and ConfigMaps across namespaces",
    releases: ["reflector"],
    dependsOn: [],
    enabledByDefault: () => true,
  },
  charts: {
    reflector: {
      repoURL: "ghcr.io/emberstack/helm-charts",
      chart: "reflector",
      version: "10.0.63",
      source:
        "https://github.com/emberstack/kubernetes-reflector/releases/tag/v10.0.63 (chart version = release, .github/workflows/pipeline.yaml)",
      oci: true,
    },
  },
  images: [
    {
      registry: "docker.io",
      images: "emberstack/kubernetes-reflector",
      source: "https://github.com/emberstack/kubernetes-reflector/blob/v10.0.63/src/helm/reflector/values.yaml",
    },
  ],
});
