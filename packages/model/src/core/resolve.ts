/** Turning a validated configuration into the EnvironmentModel: names, IDs, addresses, tags. */

import { readdirSync, readFileSync } from "node:fs";
import { basename, dirname, extname, join } from "node:path";
import { resolveAvd } from "../access/access.ts";
import { accessFindings } from "../access/access-findings.ts";
import { clusterFindings } from "../cluster/cluster-findings.ts";
import { resolveClusterSettings } from "../cluster/cluster-settings.ts";
import { registryRoleAssignmentMode } from "../cluster/registry-permissions.ts";
import type { ClusterBaseModel, ClusterModel } from "../cluster/types.ts";
import { resolveData } from "../data/data.ts";
import { dataFindings } from "../data/data-findings.ts";
import { resolveEdge } from "../edge/edge.ts";
import { edgeFindings } from "../edge/edge-findings.ts";
import { flowCatalogue } from "../flows/catalogue.ts";
import { DATA_OPERATORS } from "../gitops/addons/database-operators.ts";
import { gitopsFindings, resolveGitops } from "../gitops/gitops.ts";
import { resolveRunnerScaleSets, runnerScaleSetFindings } from "../gitops/runner-scale-sets.ts";
import { resolveHubs } from "../hub/hub.ts";
import { resolveVpn, vpnFindings } from "../hub/vpn.ts";
import { resolveFirewallPolicy } from "../network/firewall-policy.ts";
import { resolveDns } from "../network/private-dns.ts";
import { privateEndpointSubnets } from "../network/private-endpoints.ts";
import { resolvePeerings, withNetworkFlows } from "../network/spoke-network.ts";
import { withSubnetNsgRules } from "../network/subnet-nsg-rules.ts";
import { resolveSharedServices } from "../shared/shared-services.ts";
import { findSubnet, findVnet, ingressLoadBalancerIp, planAddresses } from "./address-plan.ts";
import { nthAddress } from "./cidr.ts";
import { ConfigError, type ConfigFinding } from "./findings.ts";
import { environmentPath, type LoadedEnvironment, loadEnvironment, parseEnvironment, withLines } from "./load.ts";
import type { EnvironmentModel } from "./model.ts";
import { managementGroupId, type NameParts, resourceGroupId, resourceId, resourceName } from "./naming.ts";
import { REGIONS, type RegionName } from "./regions.ts";
import type { LayerKind, LayerModel, LogAnalyticsModel, ResourceGroupModel, VnetModel } from "./resources.ts";
import type { EnvironmentConfig } from "./schema.ts";
import type { SubscriptionKey } from "./schema-constants.ts";
import { SUBNETS } from "./subnet-catalogue.ts";
import { addressFindings, capabilityFindings, reservationsOf, type SiblingEnvironment } from "./validate.ts";

/** Address spaces of the other environment files next to `file`, for the cross-environment overlap check. */
export function siblingEnvironments(path: string): SiblingEnvironment[] {
  const dir = dirname(path);
  const out: SiblingEnvironment[] = [];
  for (const entry of readdirSync(dir)) {
    if (!/\.ya?ml$/.test(entry) || join(dir, entry) === path) continue;
    const sibling = siblingOf(join(dir, entry), entry);
    if (sibling) out.push(sibling);
  }
  return out;
}

/**
 * A sibling's name and address space, parsed once per file content: loading several environments in one
 * command (`plan dev staging prod`) would otherwise parse and validate every file once per environment.
 * Keyed by the text, so a file changed since is parsed again.
 */
const siblingCache = new Map<string, SiblingEnvironment | undefined>();

function siblingOf(file: string, entry: string): SiblingEnvironment | undefined {
  const text = readFileSync(file, "utf8");
  const key = `${file}\0${text}`;
  if (siblingCache.has(key)) return siblingCache.get(key);
  let sibling: SiblingEnvironment | undefined;
  try {
    const config = parseEnvironment(text, entry);
    sibling = { name: config.name, file, addressSpace: config.addressSpace };
  } catch {
    // An invalid sibling reports its own errors when it is validated; it cannot be compared here.
  }
  if (siblingCache.size >= 100) siblingCache.clear();
  siblingCache.set(key, sibling);
  return sibling;
}

export interface ResolveOptions {
  siblings?: readonly SiblingEnvironment[];
}

function layerPlan(
  config: EnvironmentConfig,
): { name: string; kind: LayerKind; subscription: SubscriptionKey; regions: RegionName[] }[] {
  const both: RegionName[] = [config.regions.primary, config.regions.secondary];
  return [
    { name: "foundation", kind: "foundation", subscription: "management", regions: both },
    { name: "hub", kind: "hub", subscription: "hub", regions: both },
    // Key Vault and the container registry: needed by the edge and the clusters, so deployed before them.
    { name: "shared", kind: "shared", subscription: "data", regions: [config.regions.primary] },
    { name: "edge", kind: "edge", subscription: "connectivity", regions: both },
    ...config.clusters.map((c) => ({
      name: c.name,
      kind: "cluster" as const,
      subscription: c.subscription,
      regions: [c.region],
    })),
    { name: "data", kind: "data", subscription: "data", regions: both },
    // Tailscale runs inside the clusters (GitOps); only Azure Virtual Desktop needs Azure resources.
    {
      name: "access",
      kind: "access",
      subscription: "management",
      regions: config.access.mode === "avd" ? [config.regions.primary] : [],
    },
    // The AWS and GCP ends of the VPN, and the Azure connections to them (they need the addresses AWS
    // and GCP assign, so they cannot live in the hub layer without a cycle: docs/adr/0014).
    { name: "multicloud", kind: "multicloud", subscription: "hub", regions: [config.regions.primary] },
  ];
}

/** Validate and resolve a parsed configuration. Throws ConfigError with every error found. */
export function resolveConfig(config: EnvironmentConfig, file: string, options: ResolveOptions = {}): EnvironmentModel {
  const { plan, problems } = planAddresses({
    space: config.addressSpace,
    primary: config.regions.primary,
    secondary: config.regions.secondary,
    clusters: config.clusters,
    accessMode: config.access.mode,
    apimRegion: config.apiManagement.region,
    subnetPrefixes: config.subnetPrefixes,
  });
  const findings: ConfigFinding[] = [
    ...capabilityFindings(config, file),
    ...addressFindings(config, file, problems, options.siblings ?? []),
    ...vpnFindings(config, file),
    ...clusterFindings(config, file),
    ...gitopsFindings(config, file),
    ...runnerScaleSetFindings(config, file),
    ...edgeFindings(config, file),
    ...dataFindings(config, file),
    ...accessFindings(config, file),
  ];
  const errors = findings.filter((f) => f.severity === "error");
  if (errors.length > 0) throw new ConfigError(errors);

  const env = config.name;
  const parts = (workload: string, region?: RegionName, suffix?: string): NameParts => ({
    organization: config.organization,
    environment: env,
    workload,
    ...(region ? { region } : {}),
    ...(suffix ? { suffix } : {}),
  });

  const layers: LayerModel[] = layerPlan(config).map((l) => {
    const subscriptionId = config.subscriptions[l.subscription];
    const resourceGroups: LayerModel["resourceGroups"] = {};
    for (const region of l.regions) {
      const name = resourceName("resourceGroup", parts(l.name, region));
      resourceGroups[region] = { name, id: resourceGroupId(subscriptionId, name), location: region, subscriptionId };
    }
    return { name: l.name, kind: l.kind, subscription: l.subscription, subscriptionId, resourceGroups };
  });
  const layer = (name: string) => layers.find((l) => l.name === name) as LayerModel;
  const rgOf = (layerName: string, region: RegionName): ResourceGroupModel => {
    const rg = layer(layerName).resourceGroups[region];
    if (!rg) throw new Error(`layer ${layerName} has no resource group in ${region}`);
    return rg;
  };

  const plannedVnets: VnetModel[] = plan.vnets.map((v) => {
    const layerName = v.kind === "cluster" ? (v.cluster as string) : v.kind;
    const rg = rgOf(layerName, v.region);
    const name = resourceName("virtualNetwork", parts(v.kind === "cluster" ? (v.cluster as string) : v.kind, v.region));
    const id = resourceId(rg.subscriptionId, rg.name, "Microsoft.Network/virtualNetworks", name);
    return {
      key: v.key,
      kind: v.kind,
      name,
      id,
      region: v.region,
      cidr: v.cidr,
      layer: layerName,
      resourceGroup: rg.name,
      subscription: layer(layerName).subscription,
      subscriptionId: rg.subscriptionId,
      ...(v.cluster ? { cluster: v.cluster } : {}),
      dnsServers: [],
      subnets: v.subnets.map((s) => {
        const spec = SUBNETS[s.kind];
        const subnetName = spec.fixedName ?? resourceName("subnet", parts(spec.purposeName, v.region));
        return { ...s, name: subnetName, id: `${id}/subnets/${subnetName}` };
      }),
    };
  });

  const baseClusters: ClusterBaseModel[] = config.clusters.map((c) => {
    const planned = findVnet(plan, `cluster-${c.name}`);
    findSubnet(planned, "aksNodes");
    const region = REGIONS[c.region];
    return {
      name: c.name,
      aksName: resourceName("aksCluster", parts(c.name, c.region)),
      region: c.region,
      subscription: c.subscription,
      subscriptionId: config.subscriptions[c.subscription],
      resourceGroup: rgOf(c.name, c.region),
      tier: c.tier,
      systemPool: {
        vmSize: c.systemPool.vmSize,
        count: c.systemPool.count,
        zones: c.systemPool.zones ?? [...region.availabilityZones],
      },
      podCidr: c.podCidr,
      serviceCidr: c.serviceCidr,
      dnsServiceIp: nthAddress(c.serviceCidr, 10),
      vnetKey: planned.key,
      ingressIp: ingressLoadBalancerIp(planned),
      gitopsPath: `deploy/${env}/${c.name}`,
    };
  });

  const logAnalytics: LogAnalyticsModel[] = [config.regions.primary, config.regions.secondary].map((region) => {
    const rg = rgOf("foundation", region);
    const name = resourceName("logAnalytics", parts("platform", region));
    return {
      name,
      id: resourceId(rg.subscriptionId, rg.name, "Microsoft.OperationalInsights/workspaces", name),
      region,
      resourceGroup: rg.name,
      subscriptionId: rg.subscriptionId,
      retentionDays: config.logAnalytics.retentionDays,
    };
  });

  const reservations = reservationsOf(config);
  // The build scale sets (gitops layer) get their identities in the cluster layer (docs/adr/0135).
  const buildRunners = resolveRunnerScaleSets(config, env).flatMap((s, i) =>
    s.purpose === "build"
      ? [{ scaleSetName: config.gitops.runners.scaleSets[i]?.name as string, namespace: s.namespace, repository: s.repository }]
      : [],
  );
  const hubs = resolveHubs({
    config,
    vnets: plannedVnets,
    layers,
    logAnalytics,
    reservations,
    parts,
    privateEndpointSubnets: privateEndpointSubnets(config, plannedVnets),
  });
  const vnets = withNetworkFlows({ vnets: plannedVnets, hubs, clusters: baseClusters, reservations, addressPlan: plan, parts });
  // AKS settings, identities, workload classes and the Argo CD bootstrap need the spokes' subnets and the DNS zones.
  const clusters: ClusterModel[] = baseClusters.map((c, index) => ({
    ...c,
    ...resolveClusterSettings({
      config,
      cluster: config.clusters[index] as EnvironmentConfig["clusters"][number],
      index,
      vnet: vnets.find((v) => v.key === c.vnetKey) as VnetModel,
      resourceGroup: c.resourceGroup,
      logAnalytics,
      dns: resolveDns(config, hubs, parts),
      ...resolveSharedServices(
        parts,
        rgOf("shared", config.regions.primary),
        config.regions.secondary,
        registryRoleAssignmentMode(config),
      ),
      addressPlan: plan,
      parts,
      buildRunners,
    }),
  }));
  const tags = {
    owner: config.tags.owner,
    "cost-center": config.tags.costCenter,
    "data-classification": config.tags.dataClassification,
    environment: env,
    "managed-by": "pulumi",
  };

  const foundationRg = rgOf("foundation", config.regions.primary);
  const networkManagerName = resourceName("networkManager", parts("platform", config.regions.primary));

  const model: EnvironmentModel = {
    name: env,
    file,
    organization: config.organization,
    tenantId: config.tenantId,
    config,
    managementGroup: {
      groupId: config.managementGroup.id,
      id: managementGroupId(config.managementGroup.id),
      displayName: config.managementGroup.displayName,
      ...(config.managementGroup.parentId ? { parentId: managementGroupId(config.managementGroup.parentId) } : {}),
    },
    subscriptions: { ...config.subscriptions },
    regions: {
      primary: REGIONS[config.regions.primary],
      secondary: REGIONS[config.regions.secondary],
      all: [config.regions.primary, config.regions.secondary],
    },
    tags,
    protectStateful: config.protectStatefulResources ?? env !== "dev",
    addressPlan: plan,
    reservations,
    layers,
    vnets,
    peerings: resolvePeerings(vnets, hubs),
    hubs,
    firewallPolicy: resolveFirewallPolicy(config, reservations, parts, vnets),
    dns: resolveDns(config, hubs, parts),
    vpn: resolveVpn({ config, hubs, vnets, layers, tags, parts }),
    clusters,
    ...resolveSharedServices(
      parts,
      rgOf("shared", config.regions.primary),
      config.regions.secondary,
      registryRoleAssignmentMode(config),
    ),
    logAnalytics,
    gitops: resolveGitops(config),
    edge: resolveEdge({
      config,
      layers,
      vnets,
      clusters,
      dns: resolveDns(config, hubs, parts),
      keyVault: resolveSharedServices(
        parts,
        rgOf("shared", config.regions.primary),
        config.regions.secondary,
        registryRoleAssignmentMode(config),
      ).keyVault,
      logAnalytics,
      parts,
    }),
    data: resolveData({
      config,
      vnets,
      layers,
      clusters,
      dns: resolveDns(config, hubs, parts),
      protect: config.protectStatefulResources ?? env !== "dev",
      parts,
      operators: DATA_OPERATORS,
    }),
    avd: resolveAvd({
      config,
      layers,
      vnets,
      logAnalytics,
      keyVault: resolveSharedServices(
        parts,
        rgOf("shared", config.regions.primary),
        config.regions.secondary,
        registryRoleAssignmentMode(config),
      ).keyVault,
      parts,
    }),
    networkManager: {
      name: networkManagerName,
      id: resourceId(foundationRg.subscriptionId, foundationRg.name, "Microsoft.Network/networkManagers", networkManagerName),
      resourceGroup: foundationRg.name,
      subscriptionId: foundationRg.subscriptionId,
      location: config.regions.primary,
    },
    warnings: findings.filter((f) => f.severity === "warning"),
  };
  // The NSGs allow what the required flows need; the catalogue reads the resolved model, never the NSG rules.
  return withSubnetNsgRules(model, flowCatalogue(model));
}

/** Load, validate and resolve an environment by name (dev) or path. Throws ConfigError. */
export function loadModel(envOrFile: string): EnvironmentModel {
  const loaded: LoadedEnvironment = loadEnvironment(envOrFile);
  const path = environmentPath(envOrFile);
  try {
    const model = resolveConfig(loaded.config, loaded.file, { siblings: siblingEnvironments(path) });
    return { ...model, warnings: withLines(model.warnings, loaded.text) };
  } catch (e) {
    if (e instanceof ConfigError) throw new ConfigError(withLines(e.findings, loaded.text));
    throw e;
  }
}

export function environmentName(envOrFile: string): string {
  return basename(envOrFile, extname(envOrFile));
}
