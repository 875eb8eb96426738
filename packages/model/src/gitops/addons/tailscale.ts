/** The tailscale add-on: its spec, charts and image registries (its renderer: packages/gitops/src/addons/tailscale.ts). */
import { defineAddon } from "./types.ts";

export const tailscale = defineAddon({
  name: "tailscale",
  spec: {
    description: "Tailscale Kubernetes operator: non-production access (API server proxy, subnet router)",
    releases: ["tailscale-operator"],
    dependsOn: ["external-secrets"],
    enabledByDefault: (config) => config.access.mode === "tailscale",
    allowedIn: {
      test: (config) => config.access.mode === "tailscale",
      reason: "Tailscale is the non-production access path (access.mode: tailscale); production uses Azure Virtual Desktop",
    },
  },
  charts: {
    tailscaleOperator: {
      repoURL: "https://pkgs.tailscale.com/helmcharts",
      chart: "tailscale-operator",
      version: "1.102.3",
      source: "https://github.com/tailscale/tailscale/tree/v1.102.3/cmd/k8s-operator/deploy/chart (chart version = release)",
    },
  },
  images: [
    {
      registry: "docker.io",
      images: "tailscale/k8s-operator, tailscale/tailscale (proxies)",
      source: "https://github.com/tailscale/tailscale/blob/v1.102.3/cmd/k8s-operator/deploy/chart/values.yaml",
    },
  ],
});
