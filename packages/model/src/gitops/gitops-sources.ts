/**
 * The clusters' egress for GitOps, resolved from the add-on catalogue (addon-catalogue.ts) and the registries
 * (registries.ts): an add-on that is turned on in any cluster opens exactly its hosts, one that is off opens
 * none (docs/adr/0090).
 */
import type { RegionName } from "../core/regions.ts";
import type { VnetModel } from "../core/resources.ts";
import type { EnvironmentConfig } from "../core/schema.ts";
import { ADDON_NAMES, ADDON_SOURCES, type AddonName } from "./addon-catalogue.ts";
import { resolveGitops } from "./gitops.ts";
import { ARGO_CD_IMAGES, chartRepositoryHosts, gitRepositoryHosts, IMAGE_REGISTRIES, type ImagePull } from "./registries.ts";

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
