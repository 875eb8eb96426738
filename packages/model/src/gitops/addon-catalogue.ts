/**
 * The platform add-ons, one file each under addons/, in the order the renderer and the firewall list them.
 * Every registry of add-ons is built from this one list: their names (the schema's enum), their specs, the
 * chart catalogue the renderer in packages/gitops reads, and what each fetches (the hub firewall's GitOps
 * egress). Chart versions and image registries were read 2026 at the pinned versions, in each chart's
 * values.yaml at the release tag (the `source` of each entry).
 */
import { actionsRunnerController } from "./addons/actions-runner-controller.ts";
import { argoRollouts } from "./addons/argo-rollouts.ts";
import { certManager } from "./addons/cert-manager.ts";
import { databaseOperators } from "./addons/database-operators.ts";
import { elasticsearchIlm } from "./addons/elasticsearch-ilm.ts";
import { externalSecrets } from "./addons/external-secrets.ts";
import { istio } from "./addons/istio.ts";
import { keda } from "./addons/keda.ts";
import { openfeature } from "./addons/openfeature.ts";
import { postgresqlConnection } from "./addons/postgresql-connection.ts";
import { reflector } from "./addons/reflector.ts";
import { reloader } from "./addons/reloader.ts";
import { tailscale } from "./addons/tailscale.ts";
import type { AddonDefinitionOf, AddonSpecOf } from "./addons/types.ts";
import type { AddonSourceSpec, HelmChartSource } from "./registries.ts";

export { DATA_OPERATORS } from "./addons/database-operators.ts";

const ADDON_LIST = [
  istio,
  certManager,
  keda,
  externalSecrets,
  reloader,
  reflector,
  argoRollouts,
  tailscale,
  actionsRunnerController,
  openfeature,
  postgresqlConnection,
  databaseOperators,
  elasticsearchIlm,
] as const;

type AddonList = typeof ADDON_LIST;

/** The names of a tuple of add-ons, as a tuple (a mapped type over a type parameter keeps the tuple). */
type NamesOf<T extends readonly { name: string }[]> = { readonly [K in keyof T]: T[K] extends { name: infer N } ? N : never };

export const ADDON_NAMES = ADDON_LIST.map((a) => a.name) as unknown as NamesOf<AddonList>;
export type AddonName = (typeof ADDON_NAMES)[number];

export type AddonSpec = AddonSpecOf<AddonName>;

// Every dependency names an add-on of the list: a typo fails the typecheck.
ADDON_LIST satisfies readonly AddonDefinitionOf<AddonName, AddonName, Record<string, HelmChartSource>>[];

export const ADDONS: Readonly<Record<AddonName, AddonSpec>> = Object.fromEntries(
  ADDON_LIST.map((a) => [a.name, a.spec]),
) as Record<AddonName, AddonSpec>;

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

/**
 * Every Helm chart of the platform add-ons, at a pinned version, with where the version was read. Upgrading a
 * chart is a change of its add-on's file, reviewed like code; `plugilo render` then rewrites deploy/, and the
 * firewall follows from ADDON_SOURCES. The database operators' charts are the data tier's (DATA_OPERATORS).
 */
export const ADDON_CHARTS = Object.assign({}, ...ADDON_LIST.map((a) => a.charts)) as UnionToIntersection<
  AddonList[number]["charts"]
>;

/**
 * Per add-on: the charts Argo CD fetches and the registries its pods pull from with the chart's defaults
 * (and the images the add-on renders itself). A values override that moves an image to another registry
 * must change its add-on's file too; the GitOps tests compare it with every image in the rendered manifests.
 */
export const ADDON_SOURCES: Readonly<Record<AddonName, AddonSourceSpec>> = Object.fromEntries(
  ADDON_LIST.map((a) => [a.name, { charts: a.chartSources ?? Object.values(a.charts), images: a.images }]),
) as Record<AddonName, AddonSourceSpec>;
