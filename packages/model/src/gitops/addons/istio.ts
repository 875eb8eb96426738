/** The istio add-on: its spec, charts and image registries (its renderer: packages/gitops/src/addons/istio.ts). */
import { defineAddon } from "./types.ts";

const ISTIO_VERSION = "1.30.3";
const ISTIO_SOURCE = `https://github.com/istio/istio/tree/${ISTIO_VERSION}/manifests/charts (charts published at the release version, manifests/charts/README.md)`;
const ISTIO_REPO = "https://istio-release.storage.googleapis.com/charts";

export const istio = defineAddon({
  name: "istio",
  spec: {
    description:
      "Istio service mesh (self-managed, Helm): base CRDs, istiod, the ingress gateway behind the internal load balancer",
    releases: ["istio-base", "istiod", "istio-ingress"],
    // The ingress gateway's certificate is issued by cert-manager (ACME DNS-01).
    dependsOn: ["cert-manager"],
    enabledByDefault: () => true,
  },
  charts: {
    istioBase: { repoURL: ISTIO_REPO, chart: "base", version: ISTIO_VERSION, source: ISTIO_SOURCE },
    istiod: { repoURL: ISTIO_REPO, chart: "istiod", version: ISTIO_VERSION, source: ISTIO_SOURCE },
    istioGateway: { repoURL: ISTIO_REPO, chart: "gateway", version: ISTIO_VERSION, source: ISTIO_SOURCE },
  },
  images: [
    {
      registry: "docker.io",
      images: "istio/pilot, istio/proxyv2 (sidecars and the ingress gateway's injected image)",
      source:
        "https://github.com/istio/istio/blob/1.30.3/manifests/charts/istio-control/istio-discovery/values.yaml (hub set at release) and https://github.com/istio/release-builder/blob/master/release/build.sh (DOCKER_HUB docker.io/istio embedded in the charts)",
    },
  ],
});
