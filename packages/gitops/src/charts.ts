/**
 * Every Helm chart of the platform add-ons, at a pinned version, with where the version was read (the
 * in-cluster database operators are the data tier's: model.data.inCluster.operators). Upgrading
 * a chart is a change of this file, reviewed like code; `plugilo render` then rewrites deploy/.
 * Versions read 2026 from the charts' repositories (Chart.yaml at the release tag, or the release tag
 * itself where the chart's version is stamped at release).
 */
import type { ChartRef } from "./addon.ts";

const ISTIO_VERSION = "1.30.3";
const ISTIO_SOURCE = `https://github.com/istio/istio/tree/${ISTIO_VERSION}/manifests/charts (charts published at the release version, manifests/charts/README.md)`;
const ISTIO_REPO = "https://istio-release.storage.googleapis.com/charts";

export const CHARTS = {
  istioBase: { repoURL: ISTIO_REPO, chart: "base", version: ISTIO_VERSION, source: ISTIO_SOURCE },
  istiod: { repoURL: ISTIO_REPO, chart: "istiod", version: ISTIO_VERSION, source: ISTIO_SOURCE },
  istioGateway: { repoURL: ISTIO_REPO, chart: "gateway", version: ISTIO_VERSION, source: ISTIO_SOURCE },
  certManager: {
    repoURL: "https://charts.jetstack.io",
    chart: "cert-manager",
    version: "v1.21.1",
    source: "https://github.com/cert-manager/cert-manager/releases/tag/v1.21.1",
  },
  keda: {
    repoURL: "https://kedacore.github.io/charts",
    chart: "keda",
    version: "2.20.2",
    source: "https://github.com/kedacore/charts/blob/v2.20.2/keda/Chart.yaml",
  },
  externalSecrets: {
    repoURL: "https://charts.external-secrets.io",
    chart: "external-secrets",
    version: "2.9.0",
    source:
      "https://github.com/external-secrets/external-secrets/blob/helm-chart-2.9.0/deploy/charts/external-secrets/Chart.yaml",
  },
  reloader: {
    repoURL: "https://stakater.github.io/stakater-charts",
    chart: "reloader",
    version: "2.2.16",
    source: "https://github.com/stakater/Reloader/blob/chart-v2.2.16/deployments/kubernetes/chart/reloader/Chart.yaml",
  },
  reflector: {
    repoURL: "ghcr.io/emberstack/helm-charts",
    chart: "reflector",
    version: "10.0.63",
    source:
      "https://github.com/emberstack/kubernetes-reflector/releases/tag/v10.0.63 (chart version = release, .github/workflows/pipeline.yaml)",
    oci: true,
  },
  argoRollouts: {
    repoURL: "https://argoproj.github.io/argo-helm",
    chart: "argo-rollouts",
    version: "2.41.0",
    source: "https://github.com/argoproj/argo-helm/blob/argo-rollouts-2.41.0/charts/argo-rollouts/Chart.yaml",
  },
  tailscaleOperator: {
    repoURL: "https://pkgs.tailscale.com/helmcharts",
    chart: "tailscale-operator",
    version: "1.102.3",
    source: "https://github.com/tailscale/tailscale/tree/v1.102.3/cmd/k8s-operator/deploy/chart (chart version = release)",
  },
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
  openFeatureOperator: {
    repoURL: "https://open-feature.github.io/open-feature-operator/",
    chart: "open-feature-operator",
    version: "v0.9.2",
    source: "https://github.com/open-feature/open-feature-operator/blob/v0.9.2/chart/open-feature-operator/Chart.yaml",
  },
} as const satisfies Record<string, ChartRef>;
