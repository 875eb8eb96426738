/**
 * The AKS settings of each cluster, resolved from its entry in the environment file: defaults that depend on
 * the burst mode, the environment or the cluster's position, every ID the cluster stack needs (subnets, the
 * API server's private DNS zone, the Log Analytics workspace), and the validation of combinations Azure
 * does not support. docs/adr/0030 to 0036.
 */

import type { AddressPlan } from "../core/address-plan.ts";
import { aksPrivateDnsZoneName } from "../core/aks-private-dns.ts";
import { type PartsOf, resourceName } from "../core/naming.ts";
import type { RegionName } from "../core/regions.ts";
import type { DnsModel, LogAnalyticsModel, ResourceGroupModel, VnetModel } from "../core/resources.ts";
import type { ClusterConfig, EnvironmentConfig } from "../core/schema.ts";
import type { WEEKDAYS } from "../core/schema-constants.ts";
import type { ContainerRegistryModel, KeyVaultModel } from "../shared/shared-services.ts";
import { type ArgoCdBootstrapModel, resolveArgoCdBootstrap } from "./argocd-bootstrap.ts";
import { type ClusterIdentitiesModel, resolveClusterIdentities } from "./cluster-identities.ts";
import { type WorkloadClassModel, workloadClassesFor } from "./cluster-workload-classes.ts";
import { type KmsVaultModel, resolveKmsVault } from "./kms-vault.ts";

export type BurstMode = ClusterConfig["burst"];
export type PodNetwork = "overlay" | "node-subnet";
export type Dataplane = "cilium" | "azure";
export type NetworkPolicy = "cilium" | "calico" | "none";

export interface ClusterNetworkModel {
  plugin: "azure";
  podNetwork: PodNetwork;
  dataplane: Dataplane;
  policy: NetworkPolicy;
  /** Egress through the spoke's route table (0.0.0.0/0 to the regional firewall); set at creation only. */
  outboundType: "userDefinedRouting";
  loadBalancerSku: "standard";
}

export interface MaintenanceWindowModel {
  day: (typeof WEEKDAYS)[number];
  start: string;
  durationHours: number;
  utcOffset: string;
}

export interface AksModel {
  kubernetesVersion?: string;
  dnsPrefix: string;
  adminGroupObjectIds: string[];
  upgradeChannel: ClusterConfig["upgradeChannel"];
  nodeOsUpgradeChannel: ClusterConfig["nodeOsUpgradeChannel"];
  maintenanceWindow: MaintenanceWindowModel;
  burst: BurstMode;
  network: ClusterNetworkModel;
  nodeProvisioning: "auto" | "manual";
  /** Fixed workload pool (manual provisioning only). */
  userPool?: { vmSize: string; count: number };
  maxProvisionedCpu: number;
  defender: boolean;
  /** KMS encryption of secrets: the key the cluster stack creates in the cluster's own KMS vault. */
  kms?: { keyName: string; vault: KmsVaultModel };
  /** Image Cleaner removes unused images with known vulnerabilities on this interval. */
  imageCleanerIntervalHours: number;
  vnetId: string;
  nodeSubnetId: string;
  /** Route table of the node subnet: the control-plane identity needs to read and join it (UDR egress). */
  nodeRouteTableId: string;
  /** API Server VNet Integration: the delegated /28 for the API server's internal load balancer. */
  apiServerSubnetId: string;
  /** The hub's private.<region>.azmk8s.io zone (API Server VNet Integration): AKS writes the API server's record there. */
  privateDnsZoneId: string;
  logAnalyticsWorkspaceId: string;
  monitoring: {
    monitorWorkspaceName: string;
    dataCollectionEndpointName: string;
    prometheusRuleName: string;
    containerInsightsRuleName: string;
  };
  /**
   * Private endpoints of the environment Key Vault and registry: one each per environment (one A record per
   * name in the hub's zones), in the spoke of the first cluster of the primary region. docs/adr/0034.
   */
  sharedServiceEndpoints?: { subnetId: string; keyVaultName: string; containerRegistryName: string };
}

/** Successive clusters get successive days, so active-active clusters never upgrade together. */
const DEFAULT_MAINTENANCE_DAYS = ["Tuesday", "Thursday", "Wednesday", "Monday"] as const;

/** The networking each burst mode needs (virtual nodes v2: https://learn.microsoft.com/azure/aks/virtual-nodes-v2). */
export const BURST_DEFAULTS: Record<
  BurstMode,
  { podNetwork: PodNetwork; dataplane: Dataplane; policy: NetworkPolicy; nodeProvisioning: "auto" | "manual" }
> = {
  spot: { podNetwork: "overlay", dataplane: "cilium", policy: "cilium", nodeProvisioning: "auto" },
  "virtual-nodes": { podNetwork: "node-subnet", dataplane: "azure", policy: "calico", nodeProvisioning: "manual" },
};

/** The effective network and provisioning of a cluster entry: the explicit values, else the burst mode's. */
export function effectiveClusterNetwork(c: ClusterConfig) {
  const d = BURST_DEFAULTS[c.burst];
  return {
    podNetwork: c.network.podNetwork ?? d.podNetwork,
    dataplane: c.network.dataplane ?? d.dataplane,
    policy: c.network.policy ?? d.policy,
    nodeProvisioning: c.nodeProvisioning ?? d.nodeProvisioning,
  };
}

export function maintenanceWindowOf(c: ClusterConfig, index: number): MaintenanceWindowModel {
  return (
    c.maintenanceWindow ?? {
      day: DEFAULT_MAINTENANCE_DAYS[index % DEFAULT_MAINTENANCE_DAYS.length] as MaintenanceWindowModel["day"],
      start: "01:00",
      durationHours: 4,
      utcOffset: "+00:00",
    }
  );
}

export interface ClusterSettingsInputs {
  config: EnvironmentConfig;
  cluster: ClusterConfig;
  index: number;
  vnet: VnetModel;
  resourceGroup: ResourceGroupModel;
  logAnalytics: readonly LogAnalyticsModel[];
  dns: DnsModel;
  keyVault: KeyVaultModel;
  containerRegistry: ContainerRegistryModel;
  addressPlan: AddressPlan;
  parts: PartsOf;
  /** The environment's build scale sets: one identity each, pushing only to its service's repositories. */
  buildRunners: readonly { scaleSetName: string; namespace: string; repository: string }[];
}

export interface ClusterSettings {
  aks: AksModel;
  identities: ClusterIdentitiesModel;
  workloadClasses: WorkloadClassModel[];
  argocd: ArgoCdBootstrapModel;
}

export function resolveClusterSettings(inputs: ClusterSettingsInputs): ClusterSettings {
  const { config, cluster: c, index, vnet, parts } = inputs;
  const env = config.name;
  const prod = env === "prod";
  const region: RegionName = c.region;
  const subnet = (kind: string) => {
    const s = vnet.subnets.find((x) => x.kind === kind);
    if (!s) throw new Error(`cluster ${c.name}: no ${kind} subnet in ${vnet.key}`);
    return s;
  };
  const nodes = subnet("aksNodes");
  const zone = inputs.dns.privateZones.find((z) => z.name === aksPrivateDnsZoneName(region));
  const workspace = inputs.logAnalytics.find((l) => l.region === region);
  if (!zone || !workspace || !nodes.routeTable)
    throw new Error(`cluster ${c.name}: no API server zone, workspace or route table`);
  const net = effectiveClusterNetwork(c);
  const name = (kind: Parameters<typeof resourceName>[0], suffix?: string) => resourceName(kind, parts(c.name, region, suffix));
  // The first cluster of each region holds that region's Key Vault and registry endpoints (docs/adr/0102).
  const endpointOwner = config.clusters.find((x) => x.region === region);
  const kmsEncryption = c.kmsEncryption ?? prod;

  const aks: AksModel = {
    ...(c.kubernetesVersion ? { kubernetesVersion: c.kubernetesVersion } : {}),
    dnsPrefix: `${config.organization}-${env}-${c.name}`,
    adminGroupObjectIds: [...c.adminGroupObjectIds],
    upgradeChannel: c.upgradeChannel,
    nodeOsUpgradeChannel: c.nodeOsUpgradeChannel,
    maintenanceWindow: maintenanceWindowOf(c, index),
    burst: c.burst,
    network: {
      plugin: "azure",
      podNetwork: net.podNetwork,
      dataplane: net.dataplane,
      policy: net.policy,
      outboundType: "userDefinedRouting",
      loadBalancerSku: "standard",
    },
    nodeProvisioning: net.nodeProvisioning,
    ...(c.userPool ? { userPool: { ...c.userPool } } : {}),
    maxProvisionedCpu: c.maxProvisionedCpu,
    defender: c.defender ?? prod,
    ...(kmsEncryption
      ? {
          kms: {
            keyName: `aks-kms-${c.name}`,
            vault: resolveKmsVault(c.name, inputs.resourceGroup, subnet("clusterPrivateEndpoints").id, parts),
          },
        }
      : {}),
    imageCleanerIntervalHours: 48,
    vnetId: vnet.id,
    nodeSubnetId: nodes.id,
    nodeRouteTableId: nodes.routeTable.id,
    apiServerSubnetId: subnet("aksApiServer").id,
    privateDnsZoneId: zone.id,
    logAnalyticsWorkspaceId: workspace.id,
    monitoring: {
      monitorWorkspaceName: name("monitorWorkspace"),
      dataCollectionEndpointName: name("dataCollectionEndpoint", "prom"),
      prometheusRuleName: name("dataCollectionRule", "prom"),
      containerInsightsRuleName: name("dataCollectionRule", "ci"),
    },
    ...(endpointOwner?.name === c.name
      ? {
          sharedServiceEndpoints: {
            subnetId: subnet("clusterPrivateEndpoints").id,
            keyVaultName: resourceName("privateEndpoint", parts("kv", region)),
            containerRegistryName: resourceName("privateEndpoint", parts("cr", region)),
          },
        }
      : {}),
  };

  return {
    aks,
    identities: resolveClusterIdentities({
      cluster: c.name,
      region,
      resourceGroup: inputs.resourceGroup,
      keyVault: inputs.keyVault,
      containerRegistry: inputs.containerRegistry,
      dns: inputs.dns,
      parts,
      // One identity per build scale set, pushing only to its service's repositories (docs/adr/0135).
      buildRunners: inputs.buildRunners,
    }),
    workloadClasses: workloadClassesFor({
      nodeProvisioning: net.nodeProvisioning,
      burst: c.burst,
      maxProvisionedCpu: c.maxProvisionedCpu,
    }),
    argocd: resolveArgoCdBootstrap(config, c),
  };
}
