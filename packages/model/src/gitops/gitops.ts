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
import { type RunnerScaleSetModel, resolveRunnerScaleSets } from "./runner-scale-sets.ts";

export const ADDON_NAMES = [
  "istio",
  "cert-manager",
  "keda",
  "external-secrets",
  "reloader",
  "reflector",
  "argo-rollouts",
  "tailscale",
  "actions-runner-controller",
  "openfeature",
  "postgresql-connection",
  "database-operators",
  "elasticsearch-ilm",
] as const;
export type AddonName = (typeof ADDON_NAMES)[number];

/** Helm values: a YAML mapping, passed to the chart as it is. */
export type HelmValues = Record<string, unknown>;

export interface AddonSpec {
  description: string;
  /** Helm releases of the add-on; `values` in the environment file are keyed by these names. */
  releases: readonly string[];
  /** Add-ons that must run in the same cluster (their CRDs or webhooks are used). */
  dependsOn: readonly AddonName[];
  /** Further add-ons it needs in some configurations only. */
  dependsOnIn?: (config: EnvironmentConfig) => readonly AddonName[];
  /** Whether the add-on runs when neither the environment nor the cluster says. */
  enabledByDefault: (config: EnvironmentConfig, clusterIndex: number) => boolean;
  /** Why it may run at all; undefined when it may run everywhere. */
  allowedIn?: { test: (config: EnvironmentConfig) => boolean; reason: string };
}

export const ADDONS: Readonly<Record<AddonName, AddonSpec>> = {
  istio: {
    description:
      "Istio service mesh (self-managed, Helm): base CRDs, istiod, the ingress gateway behind the internal load balancer",
    releases: ["istio-base", "istiod", "istio-ingress"],
    // The ingress gateway's certificate is issued by cert-manager (ACME DNS-01).
    dependsOn: ["cert-manager"],
    enabledByDefault: () => true,
  },
  "cert-manager": {
    description: "cert-manager: the ingress gateway's certificate (ACME DNS-01 in Azure DNS) and the OpenFeature webhook's",
    releases: ["cert-manager"],
    dependsOn: [],
    enabledByDefault: () => true,
  },
  keda: {
    description: "KEDA: event-driven pod autoscaling (ScaledObject)",
    releases: ["keda"],
    dependsOn: [],
    enabledByDefault: () => true,
  },
  "external-secrets": {
    description: "External Secrets Operator with a ClusterSecretStore for the environment's Key Vault (workload identity)",
    releases: ["external-secrets"],
    dependsOn: [],
    enabledByDefault: () => true,
  },
  reloader: {
    description: "Stakater Reloader: rolls pods when their ConfigMaps or Secrets change",
    releases: ["reloader"],
    dependsOn: [],
    enabledByDefault: () => true,
  },
  reflector: {
    description: "Kubernetes Reflector: mirrors Secrets and ConfigMaps across namespaces",
    releases: ["reflector"],
    dependsOn: [],
    enabledByDefault: () => true,
  },
  "argo-rollouts": {
    description: "Argo Rollouts: canary and blue-green rollouts with Istio traffic splitting",
    releases: ["argo-rollouts"],
    dependsOn: ["istio"],
    enabledByDefault: () => true,
  },
  tailscale: {
    description: "Tailscale Kubernetes operator: non-production access (API server proxy, subnet router)",
    releases: ["tailscale-operator"],
    dependsOn: ["external-secrets"],
    enabledByDefault: (config) => config.access.mode === "tailscale",
    allowedIn: {
      test: (config) => config.access.mode === "tailscale",
      reason: "Tailscale is the non-production access path (access.mode: tailscale); production uses Azure Virtual Desktop",
    },
  },
  "actions-runner-controller": {
    description: "GitHub Actions Runner Controller and runner scale sets (self-hosted runners in AKS)",
    releases: ["arc-controller", "arc-runners"],
    dependsOn: ["external-secrets"],
    // One cluster per environment runs the runners: scale set names are unique per GitHub organization.
    enabledByDefault: (_config, clusterIndex) => clusterIndex === 0,
  },
  openfeature: {
    description: "OpenFeature operator with flagd sidecars: feature flags as Kubernetes resources",
    releases: ["open-feature-operator"],
    dependsOn: ["cert-manager"],
    enabledByDefault: () => true,
  },
  "postgresql-connection": {
    description:
      "Connection settings of the managed PostgreSQL's built-in PgBouncer (port 6432) for the services, mirrored into their namespaces; the pooler itself runs on the server (docs/adr/0060)",
    releases: [],
    dependsOn: ["reflector"],
    enabledByDefault: (config) => config.data.mode === "managed",
    allowedIn: {
      test: (config) => config.data.mode === "managed",
      reason: "the built-in PgBouncer belongs to the managed PostgreSQL server, which exists only with data.mode: managed",
    },
  },
  "database-operators": {
    description: "In-cluster databases of non-production: CloudNativePG, MongoDB Controllers for Kubernetes, Redis operator, ECK",
    releases: ["cloudnative-pg", "mongodb-kubernetes", "redis-operator", "eck-operator"],
    dependsOn: ["external-secrets"],
    enabledByDefault: (config) => config.data.mode === "in-cluster",
    allowedIn: {
      test: (config) => config.data.mode === "in-cluster",
      reason: "in-cluster databases replace the managed services only with data.mode: in-cluster",
    },
  },
  "elasticsearch-ilm": {
    description:
      "Applies the index lifecycle policies (data.elastic.ilmPolicies) with a post-sync Job: to Elastic Cloud over Private Link, or to the cluster's ECK instance (docs/adr/0061)",
    releases: [],
    // Elastic Cloud's URL and credentials come from Key Vault; in dev the ECK instance comes with the operators.
    dependsOn: [],
    dependsOnIn: (config) => (config.data.mode === "managed" ? ["external-secrets"] : ["database-operators"]),
    enabledByDefault: () => true,
  },
};

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
