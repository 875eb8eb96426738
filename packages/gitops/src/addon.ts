/**
 * An add-on as the renderer sees it: Helm releases (each an Argo CD Application) and folders of plain
 * manifests (each an Application of its own), with what each must wait for. Sync waves follow from these
 * `after` lists (sync-waves.ts), so a wave can never come before a dependency's.
 */
import type { AddonName, HelmValues } from "@plugilo/model";
import type { ClusterContext } from "./context.ts";
import type { KubeObject } from "./kube-object.ts";

export interface ChartRef {
  /** Helm repository URL, or an OCI registry path without scheme (Argo CD's form for OCI Helm charts). */
  repoURL: string;
  chart: string;
  /** Pinned chart version. */
  version: string;
  /** Where the version was read: the chart's Chart.yaml or release tag. */
  source: string;
  oci?: boolean;
}

/**
 * A release whose pods call Azure with a workload identity of the cluster (model: cluster.identities). The
 * cluster stack creates the identity's namespace and ServiceAccount, annotated with the client ID Azure
 * assigns; the chart must use that ServiceAccount and not create its own (docs/adr/0053).
 */
export interface ChartWorkloadIdentity {
  /** Key of the identity in the cluster model (eso, certmgr, ghr-<build scale set>, ...: cluster-identities.ts). */
  key: string;
  /** The chart's values with the ServiceAccount (and pod label, where the pod itself uses it) set. */
  apply(values: HelmValues, serviceAccount: string): HelmValues;
}

export interface HelmRelease {
  /** Application name and Helm release name. */
  name: string;
  /** The key of this release's values in the environment file (gitops.addons.<addon>.values.<key>). */
  valuesKey: string;
  namespace: string;
  chart: ChartRef;
  /** Applications that must be synced and healthy first. */
  after: string[];
  /** The add-on's defaults: the first layer of values. */
  values: HelmValues;
  workloadIdentity?: ChartWorkloadIdentity;
  /** Labels of the release's namespace (rendered into namespaces/). */
  namespaceLabels?: Record<string, string>;
  ignoreDifferences?: { group: string; kind: string; name?: string; jsonPointers?: string[]; jqPathExpressions?: string[] }[];
  /** Server-side apply: for charts whose CRDs exceed the client-side annotation limit. */
  serverSideApply?: boolean;
}

export interface ManifestSet {
  /** Name of the set: the ordering key others wait for, and the folder addons/<addon>/<name>/. */
  name: string;
  after: string[];
  objects: KubeObject[];
}

export interface AddonDefinition {
  name: AddonName;
  releases(ctx: ClusterContext): HelmRelease[];
  manifests?(ctx: ClusterContext): ManifestSet[];
}
