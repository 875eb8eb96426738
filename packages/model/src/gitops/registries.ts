/**
 * Where the GitOps layer fetches from, besides the add-ons' own charts (gitops/addons/): the image registries
 * and every host a pull from them contacts, the hosts chart repositories send archives from, Argo CD's own
 * images and the Git host of this repository. The hub firewall denies everything no rule allows, so these
 * are names, never wildcards (docs/adr/0090).
 */

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
