/**
 * Where the GitOps layer fetches from, as data: the Helm chart of every platform add-on (the one catalogue the
 * renderer in packages/gitops reads), the hosts its chart repository serves from, the image registries its
 * pods pull from by default, and every host a pull from those registries contacts. The hub firewall denies
 * everything no rule allows, so the clusters' egress for GitOps is resolved from this: an add-on that is
 * turned on opens exactly its hosts, one that is off opens none (docs/adr/0090).
 *
 * Chart versions and image registries were read 2026 at the pinned versions, in each chart's values.yaml at
 * the release tag (the `source` of each entry). Registries and hosts are names, never wildcards.
 */
import type { RegionName } from "../core/regions.ts";
import type { VnetModel } from "../core/resources.ts";
import type { EnvironmentConfig } from "../core/schema.ts";
import { DATA_OPERATORS } from "../data/data.ts";
import { ADDON_NAMES, type AddonName, resolveGitops } from "./gitops.ts";

/** A Helm chart at a pinned version. */
export interface HelmChartSource {
  /** Helm repository URL, or an OCI registry path without scheme (Argo CD's form for OCI Helm charts). */
  repoURL: string;
  chart: string;
  version: string;
  /** Where the version was read: the chart's Chart.yaml or release tag. */
  source: string;
  oci?: boolean;
}

// ---------------------------------------------------------------------------------------------------------
// Image registries

export interface ImageRegistrySpec {
  /** Every host a pull contacts: the registry API, its token service, the hosts blob downloads redirect to. */
  hosts: readonly string[];
  source: string;
}

/**
 * The registries the add-ons pull from. registry.k8s.io is deliberately absent: no add-on pulls from it at
 * the pinned versions, and Kubernetes asks those who must allow-list it to mirror instead, because its
 * redirect targets (a regional Artifact Registry, S3 buckets, CloudFront) change without notice
 * (https://github.com/kubernetes/registry.k8s.io#stability). An add-on that needs it gets its images through
 * the container registry's cache (docs/adr/0090).
 */
export const IMAGE_REGISTRIES = {
  "docker.io": {
    // Anonymous pulls get their blobs from Cloudflare R2; the CDN hosts serve the rest.
    hosts: [
      "registry-1.docker.io",
      "auth.docker.io",
      "production.cloudflare.docker.com",
      "production.cloudfront.docker.com",
      "docker-images-prod.6aa30f8b08e16409b46e0173d6de2f56.r2.cloudflarestorage.com",
    ],
    source:
      "https://docs.docker.com/desktop/setup/allow-list/ (docker/docs content/manuals/desktop/setup/allow-list.md; production.cloudfront.docker.com added by docker/docs#25108)",
  },
  "ghcr.io": {
    hosts: ["ghcr.io", "pkg-containers.githubusercontent.com"],
    source:
      "https://docs.github.com/en/actions/reference/runners/self-hosted-runners#accessible-domains-by-function (downloading packages or containers from GitHub Packages)",
  },
  "quay.io": {
    hosts: ["quay.io", "cdn.quay.io", "cdn01.quay.io", "cdn02.quay.io", "cdn03.quay.io"],
    source:
      "https://docs.redhat.com/en/documentation/openshift_container_platform/4.19/html/installation_configuration/configuring-firewall",
  },
  "docker.elastic.co": {
    // Elastic publishes no allow list: token service and blob host as a public egress proxy records them.
    hosts: [
      "docker.elastic.co",
      "docker-auth.elastic.co",
      "docker-registry-production.d24a988e385e0074d717b6bdaea58f0d.r2.cloudflarestorage.com",
    ],
    source: "https://www.elastic.co/docs/reference/cloud-on-k8s (images); token and blob hosts not documented by Elastic",
  },
  "ecr-public.aws.com": {
    // Amazon ECR Public (public.ecr.aws, new name ecr-public.aws.com); blobs from its CloudFront distributions.
    hosts: ["ecr-public.aws.com", "public.ecr.aws", "d2glxqk2uabbnd.cloudfront.net", "d5l0dvt14r5h8.cloudfront.net"],
    source: "https://anywhere.eks.amazonaws.com/docs/osmgmt/artifacts/ (network access: public.ecr.aws and its CloudFront hosts)",
  },
} as const satisfies Record<string, ImageRegistrySpec>;

export type ImageRegistry = keyof typeof IMAGE_REGISTRIES;

// ---------------------------------------------------------------------------------------------------------
// Charts of the add-ons (the database operators' charts are the data tier's: DATA_OPERATORS in data.ts)

const ISTIO_VERSION = "1.30.3";
const ISTIO_SOURCE = `https://github.com/istio/istio/tree/${ISTIO_VERSION}/manifests/charts (charts published at the release version, manifests/charts/README.md)`;
const ISTIO_REPO = "https://istio-release.storage.googleapis.com/charts";

/**
 * Every Helm chart of the platform add-ons, at a pinned version, with where the version was read. Upgrading a
 * chart is a change of this catalogue, reviewed like code; `plugilo render` then rewrites deploy/, and the
 * firewall follows from ADDON_SOURCES. Versions read 2026 from the charts' repositories (Chart.yaml at the
 * release tag, or the release tag itself where the chart's version is stamped at release).
 */
export const ADDON_CHARTS = {
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
} as const satisfies Record<string, HelmChartSource>;

/**
 * GitHub release downloads: github.com redirects the archive to GitHub's release asset hosts.
 * https://docs.github.com/en/actions/reference/runners/self-hosted-runners#accessible-domains-by-function
 */
const GITHUB_RELEASES = ["github.com", "release-assets.githubusercontent.com", "objects.githubusercontent.com"];

/**
 * Chart repositories whose index sends Helm elsewhere for the archive (chart-releaser uploads archives to the
 * repository's GitHub releases). The others serve index and archives from their own host.
 */
const CHART_ARCHIVE_HOSTS: Readonly<Record<string, { hosts: readonly string[]; source: string }>> = {
  "https://charts.external-secrets.io": {
    hosts: GITHUB_RELEASES,
    source:
      "index.yaml (external-secrets gh-pages): github.com/external-secrets/external-secrets/releases/download/helm-chart-2.9.0/",
  },
  "https://argoproj.github.io/argo-helm": {
    hosts: GITHUB_RELEASES,
    source: "index.yaml (argo-helm gh-pages): github.com/argoproj/argo-helm/releases/download/argo-rollouts-2.41.0/",
  },
  "https://cloudnative-pg.github.io/charts": {
    hosts: GITHUB_RELEASES,
    source:
      "index.yaml (cloudnative-pg/charts gh-pages): github.com/cloudnative-pg/charts/releases/download/cloudnative-pg-v0.29.0/",
  },
  "https://mongodb.github.io/helm-charts": {
    hosts: GITHUB_RELEASES,
    source: "https://github.com/mongodb/helm-charts/blob/main/.github/actions/releaser/cr.sh (cr upload, cr index)",
  },
  "https://ot-container-kit.github.io/helm-charts": {
    hosts: GITHUB_RELEASES,
    source:
      "https://github.com/OT-CONTAINER-KIT/redis-operator/blob/master/.github/workflows/publish-charts.yaml (cr upload to OT-CONTAINER-KIT/helm-charts releases)",
  },
};

/** The hosts Argo CD's repository server contacts for a chart: its repository's, and where archives come from. */
export function chartRepositoryHosts(chart: Pick<HelmChartSource, "repoURL" | "oci">): string[] {
  if (chart.oci) {
    const registry = chart.repoURL.split("/")[0] as string;
    const spec = (IMAGE_REGISTRIES as Record<string, ImageRegistrySpec>)[registry];
    if (!spec) throw new Error(`OCI chart repository ${chart.repoURL}: registry ${registry} is not in IMAGE_REGISTRIES`);
    return [...spec.hosts];
  }
  const host = new URL(chart.repoURL).hostname;
  const archives = CHART_ARCHIVE_HOSTS[chart.repoURL.replace(/\/$/, "")]?.hosts ?? [];
  return [...new Set([host, ...archives])];
}

// ---------------------------------------------------------------------------------------------------------
// What each add-on fetches

/** A registry an add-on's pods pull from, with the images and where that default was read. */
export interface ImagePull {
  registry: ImageRegistry;
  images: string;
  source: string;
}

export interface AddonSourceSpec {
  charts: readonly Pick<HelmChartSource, "repoURL" | "oci">[];
  images: readonly ImagePull[];
}

const C = ADDON_CHARTS;

/**
 * Per add-on: the charts Argo CD fetches and the registries its pods pull from with the chart's defaults
 * (and the images the add-on renders itself). A values override that moves an image to another registry
 * must change this entry too; the GitOps tests compare it with every image in the rendered manifests.
 */
export const ADDON_SOURCES: Readonly<Record<AddonName, AddonSourceSpec>> = {
  istio: {
    charts: [C.istioBase, C.istiod, C.istioGateway],
    images: [
      {
        registry: "docker.io",
        images: "istio/pilot, istio/proxyv2 (sidecars and the ingress gateway's injected image)",
        source:
          "https://github.com/istio/istio/blob/1.30.3/manifests/charts/istio-control/istio-discovery/values.yaml (hub set at release) and https://github.com/istio/release-builder/blob/master/release/build.sh (DOCKER_HUB docker.io/istio embedded in the charts)",
      },
    ],
  },
  "cert-manager": {
    charts: [C.certManager],
    images: [
      {
        registry: "quay.io",
        images: "jetstack/cert-manager-controller, -webhook, -cainjector, -startupapicheck, -acmesolver",
        source:
          "https://github.com/cert-manager/cert-manager/blob/v1.21.1/deploy/charts/cert-manager/values.yaml (imageRegistry: quay.io)",
      },
    ],
  },
  keda: {
    charts: [C.keda],
    images: [
      {
        registry: "ghcr.io",
        images: "kedacore/keda, keda-metrics-apiserver, keda-admission-webhooks",
        source: "https://github.com/kedacore/charts/blob/v2.20.2/keda/values.yaml",
      },
    ],
  },
  "external-secrets": {
    charts: [C.externalSecrets],
    images: [
      {
        registry: "ghcr.io",
        images: "external-secrets/external-secrets (controller, webhook, cert controller)",
        source:
          "https://github.com/external-secrets/external-secrets/blob/helm-chart-2.9.0/deploy/charts/external-secrets/values.yaml",
      },
    ],
  },
  reloader: {
    charts: [C.reloader],
    images: [
      {
        registry: "ghcr.io",
        images: "stakater/reloader",
        source: "https://github.com/stakater/Reloader/blob/chart-v2.2.16/deployments/kubernetes/chart/reloader/values.yaml",
      },
    ],
  },
  reflector: {
    charts: [C.reflector],
    images: [
      {
        registry: "docker.io",
        images: "emberstack/kubernetes-reflector",
        source: "https://github.com/emberstack/kubernetes-reflector/blob/v10.0.63/src/helm/reflector/values.yaml",
      },
    ],
  },
  "argo-rollouts": {
    charts: [C.argoRollouts],
    images: [
      {
        registry: "quay.io",
        images: "argoproj/argo-rollouts",
        source: "https://github.com/argoproj/argo-helm/blob/argo-rollouts-2.41.0/charts/argo-rollouts/values.yaml",
      },
    ],
  },
  tailscale: {
    charts: [C.tailscaleOperator],
    images: [
      {
        registry: "docker.io",
        images: "tailscale/k8s-operator, tailscale/tailscale (proxies)",
        source: "https://github.com/tailscale/tailscale/blob/v1.102.3/cmd/k8s-operator/deploy/chart/values.yaml",
      },
    ],
  },
  "actions-runner-controller": {
    charts: [C.arcController, C.arcRunnerScaleSet],
    images: [
      {
        registry: "ghcr.io",
        images: "actions/gha-runner-scale-set-controller (controller and listeners); actions/actions-runner (RUNNER_IMAGE)",
        source:
          "https://github.com/actions/actions-runner-controller/blob/gha-runner-scale-set-0.14.2/charts/gha-runner-scale-set-controller/values.yaml",
      },
    ],
  },
  openfeature: {
    charts: [C.openFeatureOperator],
    images: [
      {
        registry: "ghcr.io",
        images: "open-feature/open-feature-operator, flagd (sidecars), flagd-proxy",
        source: "https://github.com/open-feature/open-feature-operator/blob/v0.9.2/chart/open-feature-operator/values.yaml",
      },
    ],
  },
  // ConfigMaps only (docs/adr/0060): nothing to fetch.
  "postgresql-connection": { charts: [], images: [] },
  "database-operators": {
    charts: DATA_OPERATORS.map((o) => ({ repoURL: o.helm.repository })),
    images: [
      {
        registry: "ghcr.io",
        images: "cloudnative-pg/cloudnative-pg; cloudnative-pg/postgresql (the Cluster's imageName)",
        source: "https://github.com/cloudnative-pg/charts/blob/cloudnative-pg-v0.29.0/charts/cloudnative-pg/values.yaml",
      },
      {
        registry: "quay.io",
        images: "mongodb/mongodb-kubernetes, mongodb-agent, mongodb-community-server; opstree/redis-operator, opstree/redis",
        source:
          "https://github.com/mongodb/mongodb-kubernetes/blob/1.10.0/helm_chart/values.yaml (chart 1.10.0, release tag) and https://github.com/OT-CONTAINER-KIT/redis-operator/blob/0bc34813ac968663d42e48c31436314cb173bd1f/charts/redis-operator/values.yaml (chart 0.26.1)",
      },
      {
        registry: "docker.elastic.co",
        images: "eck/eck-operator; elasticsearch/elasticsearch (config.containerRegistry)",
        source: "https://github.com/elastic/cloud-on-k8s/blob/v3.5.0/deploy/eck-operator/values.yaml",
      },
    ],
  },
  "elasticsearch-ilm": {
    charts: [],
    images: [
      {
        registry: "ghcr.io",
        images: "curl/curl-container/curl-multi (CURL_IMAGE of the post-sync Job)",
        source: "packages/gitops/src/addons/elasticsearch-ilm.ts",
      },
    ],
  },
};

/**
 * Argo CD itself, which the cluster stack installs in every cluster (docs/adr/0036): its images; its chart is
 * fetched by the deployer, not by the nodes. Redis (and HAProxy with redis-ha) come from Amazon ECR Public.
 */
export const ARGO_CD_IMAGES: readonly ImagePull[] = [
  {
    registry: "quay.io",
    images: "argoproj/argocd",
    source: "https://github.com/argoproj/argo-helm/blob/argo-cd-9.1.0/charts/argo-cd/values.yaml",
  },
  {
    registry: "ecr-public.aws.com",
    images: "docker/library/redis, docker/library/haproxy (redis-ha)",
    source: "https://github.com/argoproj/argo-helm/blob/argo-cd-9.1.0/charts/argo-cd/values.yaml",
  },
];

/**
 * The Git host Argo CD reads this repository from (argocd.repoUrl). A private GitHub repository is read as a
 * GitHub App, whose installation token comes from api.github.com (docs/adr/0036).
 */
export function gitRepositoryHosts(repoUrl: string): string[] {
  const host = new URL(repoUrl).hostname;
  return host === "github.com" ? ["github.com", "api.github.com"] : [host];
}

// ---------------------------------------------------------------------------------------------------------
// Resolution

export interface GitopsSourceGroupModel {
  /** An add-on, "argocd" (Argo CD's own images) or "gitops-repository" (this repository). */
  name: AddonName | "argocd" | "gitops-repository";
  chartHosts: string[];
  imageHosts: string[];
  /** Both, sorted: one firewall rule's target FQDNs. */
  fqdns: string[];
}

/** The egress GitOps needs, for the hub firewall (stacks/hub/src/firewall-rules.ts, rcg-gitops-sources). */
export interface GitopsSourcesModel {
  /** Every cluster's node subnet (pods leave through their node's address), with its region's firewall. */
  sourceSubnets: { cluster: string; region: RegionName; cidr: string }[];
  /** Per add-on enabled on any cluster that fetches anything, plus Argo CD and the repository. */
  groups: GitopsSourceGroupModel[];
  /** Every host of the groups, sorted (reports and tests). */
  fqdns: string[];
}

const sorted = (hosts: Iterable<string>) => [...new Set(hosts)].sort();

/** The union of what the add-ons enabled on any cluster fetch, from every cluster's node subnet. */
export function resolveGitopsSources(config: EnvironmentConfig, vnets: readonly VnetModel[]): GitopsSourcesModel {
  const gitops = resolveGitops(config);
  const sourceSubnets = config.clusters.flatMap((c) => {
    const nodes = vnets.find((v) => v.cluster === c.name)?.subnets.find((s) => s.kind === "aksNodes");
    return nodes ? [{ cluster: c.name, region: c.region, cidr: nodes.cidr }] : [];
  });
  const registryHosts = (pulls: readonly ImagePull[]) => sorted(pulls.flatMap((p) => IMAGE_REGISTRIES[p.registry].hosts));
  const enabled = ADDON_NAMES.filter((name) => gitops.clusters.some((c) => c.addons[name].enabled));
  const group = (name: GitopsSourceGroupModel["name"], chartHosts: string[], imageHosts: string[]) => ({
    name,
    chartHosts,
    imageHosts,
    fqdns: sorted([...chartHosts, ...imageHosts]),
  });
  const groups: GitopsSourceGroupModel[] = [
    ...enabled.map((name) =>
      group(name, sorted(ADDON_SOURCES[name].charts.flatMap(chartRepositoryHosts)), registryHosts(ADDON_SOURCES[name].images)),
    ),
    group("argocd", [], registryHosts(ARGO_CD_IMAGES)),
    group("gitops-repository", gitRepositoryHosts(config.argocd.repoUrl), []),
  ].filter((g) => g.fqdns.length > 0);
  return { sourceSubnets, groups, fqdns: sorted(groups.flatMap((g) => g.fqdns)) };
}
