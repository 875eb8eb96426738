/**
 * What one add-on file declares: its spec (releases, dependencies, when it runs), the Helm charts it brings
 * into the chart catalogue, and the registries its pods pull from. The catalogue (addon-catalogue.ts) builds
 * ADDON_NAMES, ADDONS, ADDON_CHARTS and ADDON_SOURCES from the list of these.
 */
import type { z } from "zod";
import type { accessSchema } from "../../access/schema.ts";
import type { dataSchema } from "../../data/schema.ts";
import type { HelmChartSource, ImagePull } from "../registries.ts";

/** The part of the environment an add-on's rules read (an EnvironmentConfig is one). */
export interface AddonConfig {
  access: Pick<z.output<typeof accessSchema>, "mode">;
  data: Pick<z.output<typeof dataSchema>, "mode">;
}

/** The spec of an add-on; `Dep` is the names of the add-ons it may depend on. */
export interface AddonSpecOf<Dep extends string> {
  description: string;
  /** Helm releases of the add-on; `values` in the environment file are keyed by these names. */
  releases: readonly string[];
  /** Add-ons that must run in the same cluster (their CRDs or webhooks are used). */
  dependsOn: readonly Dep[];
  /** Further add-ons it needs in some configurations only. */
  dependsOnIn?: (config: AddonConfig) => readonly Dep[];
  /** Whether the add-on runs when neither the environment nor the cluster says. */
  enabledByDefault: (config: AddonConfig, clusterIndex: number) => boolean;
  /** Why it may run at all; undefined when it may run everywhere. */
  allowedIn?: { test: (config: AddonConfig) => boolean; reason: string };
}

export interface AddonDefinitionOf<Name extends string, Dep extends string, Charts extends Record<string, HelmChartSource>> {
  name: Name;
  spec: AddonSpecOf<Dep>;
  /** Its entries of the chart catalogue (ADDON_CHARTS), keyed as the renderer reads them. */
  charts: Charts;
  /** The charts Argo CD fetches for it, when not exactly `charts` (the database operators' come from the data tier's list). */
  chartSources?: readonly Pick<HelmChartSource, "repoURL" | "oci">[];
  /** The registries its pods pull from with the chart's defaults, and the images it renders itself. */
  images: readonly ImagePull[];
}

/** Declares an add-on, keeping its name, dependencies and chart keys as literal types for the catalogue. */
export function defineAddon<
  const Name extends string,
  const Dep extends string,
  const Charts extends Record<string, HelmChartSource> = Record<never, HelmChartSource>,
>(addon: AddonDefinitionOf<Name, Dep, Charts>): AddonDefinitionOf<Name, Dep, Charts> {
  return addon;
}
