/**
 * The renderer: for each cluster of an environment, the folder Argo CD syncs (deploy/<env>/<cluster>, the
 * root Application applies it recursively, wave by wave) and the folders of its services
 * (deploy/<env>/services/<cluster>/<service>, each synced by its own Application). One object per file,
 * file names from kind and name, objects in a fixed order: the same model gives the same bytes.
 *
 *   <cluster>/argocd/        AppProjects, OCI Helm repositories                         wave -1
 *   <cluster>/namespaces/    every namespace the platform uses (but the cluster stack's) wave -1
 *   <cluster>/node-pools/    NodePool + AKSNodeClass per workload class                 wave 0
 *   <cluster>/addons/<name>/ an Application per Helm release, the add-on's own objects   waves from `after`
 *   <cluster>/services/      an Application per service                                 after the platform
 */

import { ADDON_NAMES, type EnvironmentModel } from "@plugilo/model";
import { Namespace } from "kubernetes-models/v1/Namespace";
import type { HelmRelease, ManifestSet } from "./addon.ts";
import { ADDON_DEFINITIONS } from "./addons/index.ts";
import { appProjects, helmApplication, ociHelmRepository, serviceApplication } from "./argo-application.ts";
import { type ClusterContext, clusterContext } from "./context.ts";
import type { KubeObject } from "./kube-object.ts";
import { nodePoolObjects } from "./node-pools.ts";
import { type RenderedService, renderPlugiloService } from "./plugilo-service.ts";
import { restrictSecretStores, servicesStoreAccount } from "./secret-store-conditions.ts";
import { SERVICES } from "./services/index.ts";
import { SETUP_WAVE, SYNC_WAVE, syncWaves } from "./sync-waves.ts";
import { layerValues } from "./values.ts";

export interface RenderedFile {
  /** Path from the repository root: deploy/<env>/... */
  path: string;
  object: KubeObject;
}

export interface RenderedRelease {
  addon: string;
  release: HelmRelease;
  /** default -> environment -> cluster, then the workload identity contract. */
  values: Record<string, unknown>;
  wave: number;
}

export interface RenderedCluster {
  environment: string;
  cluster: string;
  /** deploy/<env>/<cluster> */
  path: string;
  files: RenderedFile[];
  releases: RenderedRelease[];
  services: RenderedService[];
  /** Application or object set name -> sync wave. */
  waves: Map<string, number>;
  /** name -> what it waits for. */
  after: Map<string, readonly string[]>;
}

const SKIP_DRY_RUN = "argocd.argoproj.io/sync-options";
/** API groups the cluster serves from the start; other kinds come with a chart of an earlier wave. */
const BUILT_IN_GROUPS = new Set([
  "",
  "apps",
  "policy",
  "autoscaling",
  "rbac.authorization.k8s.io",
  "networking.k8s.io",
  "batch",
  "argoproj.io",
]);

function groupOf(apiVersion: string): string {
  return apiVersion.includes("/") ? (apiVersion.split("/")[0] as string) : "";
}

/** <kind>-<name>.yaml; the namespace joins the name only where two objects of a folder would clash. */
function fileName(object: KubeObject, withNamespace = false): string {
  const ns = withNamespace && object.metadata?.namespace ? `${object.metadata.namespace}-` : "";
  return `${object.kind.toLowerCase()}-${ns}${object.metadata?.name ?? "unnamed"}.yaml`;
}

function withUniquePaths(files: RenderedFile[]): RenderedFile[] {
  const count = new Map<string, number>();
  for (const f of files) count.set(f.path, (count.get(f.path) ?? 0) + 1);
  return files.map((f) => {
    if ((count.get(f.path) ?? 0) < 2) return f;
    return { ...f, path: f.path.replace(/[^/]+$/, fileName(f.object, true)) };
  });
}

/** Sets the sync wave (and, for custom resources, lets Argo CD apply them before their CRD is served). */
function annotate(object: KubeObject, wave: number): KubeObject {
  const metadata = object.metadata ?? {};
  metadata.annotations = {
    ...(metadata.annotations ?? {}),
    [SYNC_WAVE]: String(wave),
    ...(BUILT_IN_GROUPS.has(groupOf(object.apiVersion)) ? {} : { [SKIP_DRY_RUN]: "SkipDryRunOnMissingResource=true" }),
  };
  object.metadata = metadata;
  return object;
}

interface AddonParts {
  addon: string;
  releases: HelmRelease[];
  sets: ManifestSet[];
}

function servicesAfter(present: Set<string>): string[] {
  const wanted = [
    "istio-mesh",
    "istio-gateway",
    "argo-rollouts",
    "keda",
    "external-secrets-store",
    "reloader",
    "open-feature-operator",
    "node-pools",
  ];
  return wanted.filter((n) => present.has(n));
}

export function renderCluster(model: EnvironmentModel, clusterName: string): RenderedCluster {
  const ctx: ClusterContext = clusterContext(model, clusterName);
  const root = ctx.gitops.path;
  const servicesRoot = `deploy/${model.name}/services/${clusterName}`;

  const addons: AddonParts[] = ADDON_NAMES.filter((name) => ctx.enabled(name)).map((name) => {
    const def = ADDON_DEFINITIONS[name];
    return { addon: name, releases: def.releases(ctx), sets: def.manifests?.(ctx) ?? [] };
  });
  const nodePools = nodePoolObjects(ctx);
  const services = SERVICES.map((spec) => renderPlugiloService(ctx, spec(model, ctx)));
  restrictSecretStores(
    addons.flatMap((a) => a.sets),
    services.map((s) => s.namespace),
    servicesStoreAccount(ctx),
  );

  // Ordering: every Application and object set with what it waits for.
  const ordered = [
    ...(nodePools.length ? [{ name: "node-pools", after: [] }] : []),
    ...addons.flatMap((a) => [...a.releases, ...a.sets].map((x) => ({ name: x.name, after: x.after }))),
  ];
  const present = new Set(ordered.map((o) => o.name));
  ordered.push(...services.map((s) => ({ name: `service-${s.name}`, after: servicesAfter(present) })));
  const names = ordered.map((o) => o.name);
  const duplicate = names.find((n, i) => names.indexOf(n) !== i);
  if (duplicate) throw new Error(`cluster ${clusterName}: two Applications or object sets are named ${duplicate}`);
  const waves = syncWaves(ordered);
  const waveOf = (name: string) => waves.get(name) as number;

  const files: RenderedFile[] = [];
  const add = (dir: string, object: KubeObject) => files.push({ path: `${dir}/${fileName(object)}`, object });

  // Namespaces: declared by releases, object sets and services; the cluster stack makes those of the identities.
  const namespaceLabels = new Map<string, Record<string, string>>();
  const declare = (ns: string | undefined, labels: Record<string, string> = {}) => {
    if (!ns) return;
    const current = namespaceLabels.get(ns) ?? {};
    for (const [k, v] of Object.entries(labels)) {
      if (current[k] !== undefined && current[k] !== v)
        throw new Error(`namespace ${ns}: label ${k} is both ${current[k]} and ${v}`);
    }
    namespaceLabels.set(ns, { ...current, ...labels });
  };

  const releases: RenderedRelease[] = [];
  const chartRepos = new Set<string>();
  const ociRepos = new Set<string>();
  for (const a of addons) {
    const addonModel = ctx.gitops.addons[a.addon as keyof typeof ctx.gitops.addons];
    for (const release of a.releases) {
      let values = layerValues(
        release.values,
        addonModel.environmentValues[release.valuesKey],
        addonModel.clusterValues[release.valuesKey],
      );
      if (release.workloadIdentity) {
        const identity = ctx.identity(release.workloadIdentity.key);
        if (identity.namespace !== release.namespace) {
          throw new Error(
            `${release.name} runs in ${release.namespace}, but identity ${identity.key} is federated with ${identity.namespace}`,
          );
        }
        // Applied last: no values layer can point the chart at another ServiceAccount.
        values = release.workloadIdentity.apply(values, identity.serviceAccount);
      }
      const wave = waveOf(release.name);
      releases.push({ addon: a.addon, release, values, wave });
      chartRepos.add(release.chart.repoURL);
      if (release.chart.oci) ociRepos.add(release.chart.repoURL);
      declare(release.namespace, release.namespaceLabels);
      add(`${root}/addons/${a.addon}`, helmApplication(ctx, a.addon, release, values, wave));
    }
    for (const set of a.sets) {
      for (const object of set.objects) {
        declare(object.metadata?.namespace);
        add(`${root}/addons/${a.addon}`, annotate(object, waveOf(set.name)));
      }
    }
  }
  for (const object of nodePools) add(`${root}/node-pools`, annotate(object, waveOf("node-pools")));
  for (const s of services) {
    declare(s.namespace, s.namespaceLabels);
    const path = `${servicesRoot}/${s.name}`;
    add(`${root}/services`, serviceApplication(ctx, s.name, s.namespace, path, waveOf(`service-${s.name}`)));
    for (const object of s.objects) {
      // Inside the service's Application: configuration and secrets first, then the workload and its routing;
      // a wave the service set itself (its migration and what the migration needs, migration-job.ts) stays.
      const early = ["ServiceAccount", "ConfigMap", "ExternalSecret", "FeatureFlag", "FeatureFlagSource"].includes(object.kind);
      const own = object.metadata?.annotations?.[SYNC_WAVE];
      files.push({
        path: `${path}/${fileName(object)}`,
        object: annotate(object, own !== undefined ? Number(own) : early ? 0 : 1),
      });
    }
  }

  const stackNamespaces = new Set([ctx.cluster.argocd.namespace, ...ctx.cluster.identities.workloads.map((w) => w.namespace)]);
  for (const [ns, labels] of [...namespaceLabels].sort(([a], [b]) => a.localeCompare(b))) {
    if (stackNamespaces.has(ns)) {
      if (Object.keys(labels).length)
        throw new Error(`namespace ${ns} belongs to the cluster stack; it cannot take labels ${JSON.stringify(labels)}`);
      continue;
    }
    add(
      `${root}/namespaces`,
      new Namespace({ metadata: { name: ns, labels: { ...labels }, annotations: { [SYNC_WAVE]: String(SETUP_WAVE) } } }),
    );
  }
  const serviceNamespaces = services.map((s) => s.namespace);
  for (const project of appProjects(ctx, [...chartRepos], serviceNamespaces)) add(`${root}/argocd`, project);
  for (const url of [...ociRepos].sort()) add(`${root}/argocd`, ociHelmRepository(ctx, url));

  const unique = withUniquePaths(files);
  const paths = unique.map((f) => f.path);
  const clash = paths.find((p, i) => paths.indexOf(p) !== i);
  if (clash) throw new Error(`two objects render to ${clash}`);
  unique.sort((a, b) => a.path.localeCompare(b.path));
  return {
    environment: model.name,
    cluster: clusterName,
    path: root,
    files: unique,
    releases,
    services,
    waves,
    after: new Map(ordered.map((o) => [o.name, o.after])),
  };
}

export function renderEnvironment(model: EnvironmentModel): RenderedCluster[] {
  return model.clusters.map((c) => renderCluster(model, c.name));
}
