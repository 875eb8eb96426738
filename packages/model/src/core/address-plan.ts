/**
 * The address plan (the design's "IPAM tool"): deterministic allocation of every VNet and subnet from an
 * environment's address space.
 *
 * Layout: the space is cut into 4 region blocks (a region's slot is fixed in the capability catalogue). The
 * first quarter of a region block holds the platform VNets (hub, edge, data, access) in a fixed order; the
 * rest holds one spoke per cluster, in the order the clusters are declared. Every allocation is first-fit
 * over aligned blocks, in a fixed order, so adding a cluster, a VNet kind or a subnet kind at the end of its
 * list never moves an existing range. Changing a size does move what follows it: that is a deliberate change.
 */
import {
  blocksOf,
  type Cidr,
  firstFreeBlock,
  firstUsableAzureAddress,
  nthAddress,
  overlaps,
  prefixLength,
  within,
} from "./cidr.ts";
import { REGIONS, type RegionName } from "./regions.ts";
import type { SubnetKind } from "./schema-constants.ts";
import { CLUSTER_VNET, PLATFORM_VNETS, SUBNETS, type VnetKind, type VnetSpec } from "./subnet-catalogue.ts";

export interface AddressPlanInput {
  space: Cidr;
  primary: RegionName;
  secondary: RegionName;
  clusters: readonly { name: string; region: RegionName }[];
  accessMode: "avd" | "tailscale";
  /** Region of API Management (its subnets live in that region's edge spoke). Default: the primary region. */
  apimRegion?: RegionName;
  subnetPrefixes: Partial<Record<SubnetKind, number>>;
}

export interface PlannedSubnet {
  kind: SubnetKind;
  cidr: Cidr;
  purpose: string;
  delegation?: string;
}

export interface PlannedVnet {
  /** Stable key: <kind>-<region short code> for platform VNets, cluster-<name> for cluster spokes. */
  key: string;
  kind: VnetKind;
  region: RegionName;
  cidr: Cidr;
  cluster?: string;
  purpose: string;
  subnets: PlannedSubnet[];
}

export interface AddressProblem {
  /** Field path in the environment file the problem belongs to. */
  path: string;
  message: string;
}

export interface AddressPlan {
  space: Cidr;
  regionBlocks: { region: RegionName; cidr: Cidr; platformBlock: Cidr }[];
  vnets: PlannedVnet[];
}

/** Regions an environment's space is cut into: room for two more regions later without moving anything. */
const REGION_SLOTS = 4;
/** Smallest environment space: a region block must hold a platform block and cluster spokes. */
export const MAX_SPACE_PREFIX = 16;

/** First aligned block of `prefix` inside `parent` that overlaps none of `taken`. */
export function allocate(parent: Cidr, prefix: number, taken: readonly Cidr[]): Cidr | undefined {
  if (prefix < prefixLength(parent)) return undefined;
  return firstFreeBlock(parent, prefix, taken);
}

function subnetPrefix(kind: SubnetKind, overrides: AddressPlanInput["subnetPrefixes"]): number {
  return overrides[kind] ?? SUBNETS[kind].defaultPrefix;
}

/** Subnets of a VNet laid out inside `vnetCidr`, or undefined when they do not fit. */
function layoutSubnets(
  vnetCidr: Cidr,
  kinds: readonly SubnetKind[],
  overrides: AddressPlanInput["subnetPrefixes"],
): PlannedSubnet[] | undefined {
  const subnets: PlannedSubnet[] = [];
  for (const kind of kinds) {
    const cidr = allocate(
      vnetCidr,
      subnetPrefix(kind, overrides),
      subnets.map((s) => s.cidr),
    );
    if (!cidr) return undefined;
    const spec = SUBNETS[kind];
    subnets.push({ kind, cidr, purpose: spec.purpose, ...(spec.delegation ? { delegation: spec.delegation } : {}) });
  }
  return subnets;
}

export function planAddresses(input: AddressPlanInput): { plan: AddressPlan; problems: AddressProblem[] } {
  const problems: AddressProblem[] = [];
  const plan: AddressPlan = { space: input.space, regionBlocks: [], vnets: [] };

  for (const [kind, prefix] of Object.entries(input.subnetPrefixes) as [SubnetKind, number][]) {
    const spec = SUBNETS[kind];
    if (prefix > spec.maxPrefix) {
      problems.push({
        path: `subnetPrefixes.${kind}`,
        message: `/${prefix} is too small: ${spec.fixedName ?? spec.purposeName} needs at least /${spec.maxPrefix} (${spec.purpose}; ${spec.source})`,
      });
    }
  }
  const spacePrefix = prefixLength(input.space);
  if (spacePrefix > MAX_SPACE_PREFIX) {
    problems.push({
      path: "addressSpace",
      message: `${input.space} is too small: an environment needs at least a /${MAX_SPACE_PREFIX} (four region blocks of a hub, spokes and clusters)`,
    });
  }
  if (problems.length > 0) return { plan, problems };

  const regionBlocks = blocksOf(input.space, spacePrefix + Math.log2(REGION_SLOTS));
  for (const region of [input.primary, input.secondary]) {
    const regionCidr = regionBlocks[REGIONS[region].addressSlot];
    if (!regionCidr) throw new Error(`region slot of ${region} is outside the space`);
    const platformBlock = blocksOf(regionCidr, prefixLength(regionCidr) + 2)[0] as Cidr;
    plan.regionBlocks.push({ region, cidr: regionCidr, platformBlock });

    const placeVnet = (
      spec: VnetSpec,
      parent: Cidr,
      taken: Cidr[],
      key: string,
      subnetKinds: readonly SubnetKind[],
      path: string,
      cluster?: string,
    ) => {
      // Grow the VNet only when overridden subnet sizes do not fit the default.
      for (let prefix = spec.defaultPrefix; prefix >= prefixLength(parent); prefix--) {
        const cidr = allocate(parent, prefix, taken);
        if (!cidr) break;
        const subnets = layoutSubnets(cidr, subnetKinds, input.subnetPrefixes);
        if (subnets) {
          taken.push(cidr);
          plan.vnets.push({
            key,
            kind: spec.kind,
            region,
            cidr,
            purpose: spec.purpose,
            subnets,
            ...(cluster ? { cluster } : {}),
          });
          return;
        }
      }
      problems.push({ path, message: `no room left in ${parent} for the ${key} VNet and its subnets` });
    };

    const platformTaken: Cidr[] = [];
    for (const spec of PLATFORM_VNETS) {
      if (spec.kind === "access" && input.accessMode !== "avd") continue;
      const only = (k: SubnetKind) => SUBNETS[k].onlyIn;
      const home = { primary: input.primary, apimRegion: input.apimRegion ?? input.primary } as const;
      const kinds = spec.subnets.filter((k) => {
        const where = only(k);
        return where === undefined || home[where] === region;
      });
      if (kinds.length === 0) continue;
      placeVnet(spec, platformBlock, platformTaken, `${spec.kind}-${REGIONS[region].shortCode}`, kinds, "addressSpace");
    }

    const clusterTaken: Cidr[] = [platformBlock];
    input.clusters.forEach((cluster, index) => {
      if (cluster.region !== region) return;
      placeVnet(
        CLUSTER_VNET,
        regionCidr,
        clusterTaken,
        `cluster-${cluster.name}`,
        CLUSTER_VNET.subnets,
        `clusters[${index}]`,
        cluster.name,
      );
    });
  }
  return { plan, problems };
}

export function findVnet(plan: AddressPlan, key: string): PlannedVnet {
  const vnet = plan.vnets.find((v) => v.key === key);
  if (!vnet) throw new Error(`the address plan has no VNet ${key}`);
  return vnet;
}

export function findSubnet(vnet: PlannedVnet, kind: SubnetKind): PlannedSubnet {
  const subnet = vnet.subnets.find((s) => s.kind === kind);
  if (!subnet) throw new Error(`VNet ${vnet.key} has no ${kind} subnet`);
  return subnet;
}

/** The firewall's private IP: Azure gives it the first usable address of AzureFirewallSubnet. */
export function firewallPrivateIp(hub: PlannedVnet): string {
  return firstUsableAzureAddress(findSubnet(hub, "firewall").cidr);
}

/**
 * The static address of the Istio ingress gateway's internal load balancer: the last usable address of the
 * node subnet, far from the low addresses Azure hands out to nodes.
 */
export function ingressLoadBalancerIp(clusterVnet: PlannedVnet): string {
  return nthAddress(findSubnet(clusterVnet, "aksNodes").cidr, -2);
}

/** Every pair of planned ranges that must not overlap but do (siblings only; nesting is expected). */
export function internalOverlaps(plan: AddressPlan): [string, string][] {
  const out: [string, string][] = [];
  const vnets = plan.vnets;
  for (let i = 0; i < vnets.length; i++) {
    const a = vnets[i] as PlannedVnet;
    if (!within(a.cidr, plan.space)) out.push([a.key, plan.space]);
    for (let j = i + 1; j < vnets.length; j++) {
      const b = vnets[j] as PlannedVnet;
      if (overlaps(a.cidr, b.cidr)) out.push([a.key, b.key]);
    }
    for (let s = 0; s < a.subnets.length; s++) {
      const sa = a.subnets[s] as PlannedSubnet;
      if (!within(sa.cidr, a.cidr)) out.push([`${a.key}/${sa.kind}`, a.cidr]);
      for (let t = s + 1; t < a.subnets.length; t++) {
        const sb = a.subnets[t] as PlannedSubnet;
        if (overlaps(sa.cidr, sb.cidr)) out.push([`${a.key}/${sa.kind}`, `${a.key}/${sb.kind}`]);
      }
    }
  }
  return out;
}
