/**
 * Argo CD objects of a cluster folder: an Application per Helm release, the platform AppProject, and the
 * repository entries for Helm charts served from OCI registries. The root Application the cluster stack
 * creates applies the whole folder (recursively) wave by wave.
 */
import { Application } from "@kubernetes-models/argo-cd/argoproj.io/v1alpha1/Application";
import { AppProject } from "@kubernetes-models/argo-cd/argoproj.io/v1alpha1/AppProject";
import type { HelmValues } from "@plugilo/model";
import { Secret } from "kubernetes-models/v1/Secret";
import type { HelmRelease } from "./addon.ts";
import type { ClusterContext } from "./context.ts";
import type { KubeObject } from "./kube-object.ts";
import { SETUP_WAVE, SYNC_WAVE } from "./sync-waves.ts";

export const IN_CLUSTER = "https://kubernetes.default.svc";
export const PLATFORM_PROJECT = "platform";
export const SERVICES_PROJECT = "services";

/** A Helm release as an Application of the platform project, at its sync wave. */
export function helmApplication(
  ctx: ClusterContext,
  addon: string,
  release: HelmRelease,
  values: HelmValues,
  wave: number,
): KubeObject {
  return new Application({
    metadata: {
      name: release.name,
      namespace: ctx.cluster.argocd.namespace,
      labels: { "app.kubernetes.io/part-of": "plugilo-platform", "plugilo.io/addon": addon },
      annotations: { [SYNC_WAVE]: String(wave) },
      // Removing the Application (its add-on turned off) removes what it deployed.
      finalizers: ["resources-finalizer.argocd.argoproj.io"],
    },
    spec: {
      project: PLATFORM_PROJECT,
      destination: { server: IN_CLUSTER, namespace: release.namespace },
      source: {
        repoURL: release.chart.repoURL,
        chart: release.chart.chart,
        targetRevision: release.chart.version,
        helm: { releaseName: release.name, valuesObject: values },
      },
      syncPolicy: {
        automated: { prune: true, selfHeal: true },
        // Namespaces are rendered objects (namespaces/) or the cluster stack's; never created implicitly.
        syncOptions: ["CreateNamespace=false", ...(release.serverSideApply ? ["ServerSideApply=true"] : [])],
        // CRDs of a previous wave can take a moment to be served.
        retry: { limit: 5, backoff: { duration: "30s", factor: 2, maxDuration: "5m" } },
      },
      ...(release.ignoreDifferences ? { ignoreDifferences: release.ignoreDifferences } : {}),
    },
  });
}

/**
 * The AppProjects: platform (the add-ons' charts, cluster-wide) and services (this repository only, the
 * services' own namespaces only, namespaced objects only: a service cannot weaken mesh security, grant itself
 * RBAC or deploy into another team's or the platform's namespace). docs/adr/0123.
 */
export function appProjects(
  ctx: ClusterContext,
  chartRepos: readonly string[],
  serviceNamespaces: readonly string[] = [],
): KubeObject[] {
  const metadata = (name: string) => ({
    name,
    namespace: ctx.cluster.argocd.namespace,
    annotations: { [SYNC_WAVE]: String(SETUP_WAVE) },
  });
  return [
    new AppProject({
      metadata: metadata(PLATFORM_PROJECT),
      spec: {
        description: "Platform add-ons rendered by packages/gitops",
        sourceRepos: [...chartRepos].sort(),
        destinations: [{ server: IN_CLUSTER, namespace: "*" }],
        clusterResourceWhitelist: [{ group: "*", kind: "*" }],
      },
    }),
    new AppProject({
      metadata: metadata(SERVICES_PROJECT),
      spec: {
        description: "Services on the PlugiloService golden path",
        sourceRepos: [ctx.cluster.argocd.repoUrl],
        destinations: [...new Set(serviceNamespaces)].sort().map((namespace) => ({ server: IN_CLUSTER, namespace })),
        clusterResourceWhitelist: [],
        namespaceResourceBlacklist: [
          { group: "security.istio.io", kind: "PeerAuthentication" },
          { group: "rbac.authorization.k8s.io", kind: "Role" },
          { group: "rbac.authorization.k8s.io", kind: "RoleBinding" },
          { group: "", kind: "ResourceQuota" },
          { group: "", kind: "LimitRange" },
        ],
      },
    }),
  ];
}

/**
 * A service's Application: its folder outside the cluster folder (the root Application applies the cluster
 * folder recursively). Argo Rollouts moves the VirtualService weights and the DestinationRule subsets during
 * a canary: Argo CD must neither report nor undo that.
 * https://argoproj.github.io/argo-rollouts/features/traffic-management/istio/
 */
export function serviceApplication(ctx: ClusterContext, name: string, namespace: string, path: string, wave: number): KubeObject {
  return new Application({
    metadata: {
      name: `service-${name}`,
      namespace: ctx.cluster.argocd.namespace,
      labels: { "app.kubernetes.io/part-of": "plugilo-platform", "plugilo.io/service": name },
      annotations: { [SYNC_WAVE]: String(wave) },
      finalizers: ["resources-finalizer.argocd.argoproj.io"],
    },
    spec: {
      project: SERVICES_PROJECT,
      destination: { server: IN_CLUSTER, namespace },
      source: { repoURL: ctx.cluster.argocd.repoUrl, targetRevision: ctx.cluster.argocd.targetRevision, path },
      syncPolicy: {
        automated: { prune: true, selfHeal: true },
        syncOptions: ["CreateNamespace=false", "RespectIgnoreDifferences=true"],
        retry: { limit: 5, backoff: { duration: "30s", factor: 2, maxDuration: "5m" } },
      },
      ignoreDifferences: [
        { group: "networking.istio.io", kind: "VirtualService", jqPathExpressions: [".spec.http[]?.route[]?.weight"] },
        { group: "networking.istio.io", kind: "DestinationRule", jqPathExpressions: [".spec.subsets[]?.labels"] },
      ],
    },
  });
}

/** Argo CD needs a repository entry with enableOCI for Helm charts served from an OCI registry. */
export function ociHelmRepository(ctx: ClusterContext, url: string): KubeObject {
  const name = `helm-oci-${url.replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "")}`;
  return new Secret({
    metadata: {
      name,
      namespace: ctx.cluster.argocd.namespace,
      labels: { "argocd.argoproj.io/secret-type": "repository" },
      annotations: { [SYNC_WAVE]: String(SETUP_WAVE) },
    },
    // Public registries: no credentials, only the repository's type and address.
    stringData: { name, type: "helm", url, enableOCI: "true" },
  });
}
