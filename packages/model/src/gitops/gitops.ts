/**
 * GitOps settings of an environment, resolved per cluster: which platform add-on runs where (a flag per
 * add-on: the add-on's default, then the environment file, then the cluster), the Helm values each layer
 * adds, and the runner scale sets. The renderer in packages/gitops reads this and decides none of it.
 * What it renders with comes from the other parts of the model: the cluster's workload classes and
 * workload identities (cluster-settings.ts, cluster-identities.ts), the data tier's PgBouncer and in-cluster
 * databases (data.ts). docs/adr/0052.
 */
import type { ConfigFinding } from "../core/findings.ts";
import type { RegionName } from "../core/regions.ts";
import type { EnvironmentConfig } from "../core/schema.ts";
import { ADDON_NAMES, ADDONS, type AddonName } from "./addon-catalogue.ts";
import { type RunnerScaleSetModel, resolveRunnerScaleSets } from "./runner-scale-sets.ts";

/** Helm values: a YAML mapping, passed to the chart as it is. */
export type HelmValues = Record<string, unknown>;

/** deploy/<env>/services/<cluster>/<service>: outside the cluster folder the root Application applies. */
export const SERVICES_FOLDER = "services";

export type DecidedBy = "default" | "environment" | "cluster";

export interface ClusterAddonModel {
  name: AddonName;
  enabled: boolean;
  /** The layer that set the flag: the add-on's default, gitops.addons, or clusters[].addons. */
  decidedBy: DecidedBy;
  /** Values per Helm release from gitops.addons.<name>.values (the environment layer). */
  environmentValues: Record<string, HelmValues>;
  /** Values per Helm release from clusters[].addons.<name>.values (the cluster layer). */
  clusterValues: Record<string, HelmValues>;
}

export interface ClusterGitopsModel {
  cluster: string;
  region: RegionName;
  /** Folder Argo CD syncs: deploy/<env>/<cluster>. */
  path: string;
  addons: Record<AddonName, ClusterAddonModel>;
}

export interface GitopsModel {
  clusters: ClusterGitopsModel[];
  runnerScaleSets: RunnerScaleSetModel[];
}

function layerOf(config: EnvironmentConfig, clusterIndex: number, name: AddonName): { enabled: boolean; decidedBy: DecidedBy } {
  const cluster = config.clusters[clusterIndex]?.addons?.[name]?.enabled;
  if (cluster !== undefined) return { enabled: cluster, decidedBy: "cluster" };
  const environment = config.gitops.addons[name]?.enabled;
  if (environment !== undefined) return { enabled: environment, decidedBy: "environment" };
  return { enabled: ADDONS[name].enabledByDefault(config, clusterIndex), decidedBy: "default" };
}

/** Flags that cannot work: an add-on where it is not allowed, a missing dependency, values for an unknown release. */
export function gitopsFindings(config: EnvironmentConfig, file: string): ConfigFinding[] {
  const findings: ConfigFinding[] = [];
  const error = (path: string, message: string) => findings.push({ severity: "error", file, path, message });
  const flagPath = (i: number, name: AddonName, decidedBy: DecidedBy) =>
    decidedBy === "cluster" ? `clusters[${i}].addons.${name}.enabled` : `gitops.addons.${name}.enabled`;

  const checkValues = (path: string, name: AddonName, values: Record<string, HelmValues> | undefined) => {
    for (const release of Object.keys(values ?? {})) {
      if (!ADDONS[name].releases.includes(release)) {
        error(
          `${path}.${release}`,
          `add-on ${name} has no Helm release "${release}" (releases: ${ADDONS[name].releases.join(", ")})`,
        );
      }
    }
  };
  for (const name of ADDON_NAMES) checkValues(`gitops.addons.${name}.values`, name, config.gitops.addons[name]?.values);

  config.clusters.forEach((cluster, i) => {
    if (cluster.name === SERVICES_FOLDER) {
      error(
        `clusters[${i}].name`,
        `"${SERVICES_FOLDER}" is reserved: deploy/<env>/${SERVICES_FOLDER}/ holds the rendered services`,
      );
    }
    for (const name of ADDON_NAMES) {
      checkValues(`clusters[${i}].addons.${name}.values`, name, cluster.addons?.[name]?.values);
      const { enabled, decidedBy } = layerOf(config, i, name);
      if (!enabled) continue;
      const allowed = ADDONS[name].allowedIn;
      if (allowed && !allowed.test(config)) {
        error(flagPath(i, name, decidedBy), `${name} cannot run in cluster ${cluster.name}: ${allowed.reason}`);
      }
      for (const dependency of [...ADDONS[name].dependsOn, ...(ADDONS[name].dependsOnIn?.(config) ?? [])]) {
        const dep = layerOf(config, i, dependency);
        if (!dep.enabled) {
          error(
            flagPath(i, dependency, dep.decidedBy === "default" ? decidedBy : dep.decidedBy),
            `${dependency} is disabled in cluster ${cluster.name}, but ${name} needs it`,
          );
        }
      }
    }
  });
  return findings;
}

export function resolveGitops(config: EnvironmentConfig): GitopsModel {
  const env = config.name;
  return {
    clusters: config.clusters.map((c, i) => ({
      cluster: c.name,
      region: c.region,
      path: `deploy/${env}/${c.name}`,
      addons: Object.fromEntries(
        ADDON_NAMES.map((name) => {
          const addon: ClusterAddonModel = {
            name,
            ...layerOf(config, i, name),
            environmentValues: structuredClone(config.gitops.addons[name]?.values ?? {}),
            clusterValues: structuredClone(c.addons?.[name]?.values ?? {}),
          };
          return [name, addon];
        }),
      ) as Record<AddonName, ClusterAddonModel>,
    })),
    runnerScaleSets: resolveRunnerScaleSets(config, env),
  };
}
