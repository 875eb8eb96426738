/**
 * The AKS settings of each cluster, resolved from its entry in the environment file: defaults that depend on
 * the burst mode, the environment or the cluster's position, every ID the cluster stack needs (subnets, the
 * API server's private DNS zone, the Log Analytics workspace), and the validation of combinations Azure
 * does not support. docs/adr/0030 to 0036.
 */

import type { AddressPlan } from "../core/address-plan.ts";
import { aksPrivateDnsZoneName } from "../core/aks-private-dns.ts";
import { retiredVmFamily, retiredVmSizeMessage } from "../core/cluster-vm-sizes.ts";
import type { ConfigFinding } from "../core/findings.ts";
import { type PartsOf, resourceName } from "../core/naming.ts";
import type { RegionName } from "../core/regions.ts";
import type { DnsModel, LogAnalyticsModel, ResourceGroupModel, VnetModel } from "../core/resources.ts";
import type { ClusterConfig, EnvironmentConfig } from "../core/schema.ts";
import type { WEEKDAYS } from "../core/schema-constants.ts";
import type { ContainerRegistryModel, KeyVaultModel } from "../shared/shared-services.ts";
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

export interface ArgoCdBootstrapModel {
  namespace: "argocd";
  chart: { name: "argo-cd"; repository: string; version: string };
  ha: boolean;
  repoUrl: string;
  targetRevision: string;
  /** The folder of this repository the root Application syncs: deploy/<env>/<cluster>. */
  path: string;
  rootApplicationName: string;
  /** The restricted AppProject of the root Application (stacks/cluster/src/root-app-project.ts). */
  rootProject: string;
  sso: { issuer: string; clientId: string; adminGroupId: string; readOnlyGroupId?: string; url: string };
}

/** argo-cd chart of https://github.com/argoproj/argo-helm, pinned (Argo CD 3.x). Bump deliberately. */
export const ARGO_CD_CHART_VERSION = "9.1.0";
export const ARGO_CD_CHART_REPOSITORY = "https://argoproj.github.io/argo-helm";

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

const VIRTUAL_NODES_SOURCE = "https://learn.microsoft.com/azure/aks/virtual-nodes-v2";
const NAP_NETWORKING_SOURCE = "https://learn.microsoft.com/azure/aks/node-auto-provisioning-networking";
const CILIUM_SOURCE = "https://learn.microsoft.com/azure/aks/azure-cni-powered-by-cilium";

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

/** vCPUs of a VM size from its name (Standard_D4ds_v5 -> 4), or undefined when the name has no count. */
export function vcpusOf(vmSize: string): number | undefined {
  const m = /^Standard_[A-Za-z]+(\d+)/.exec(vmSize);
  return m ? Number(m[1]) : undefined;
}

/** Cross-field rules of the cluster entries, each finding naming the field. */
export function clusterFindings(config: EnvironmentConfig, file: string): ConfigFinding[] {
  const findings: ConfigFinding[] = [];
  const error = (path: string, message: string, source?: string) =>
    findings.push({ severity: "error", file, path, message, ...(source ? { source } : {}) });

  config.clusters.forEach((c, i) => {
    const at = (field: string) => `clusters[${i}].${field}`;
    const net = effectiveClusterNetwork(c);
    // A field the file sets is named; a default that conflicts is reported on the field that forced it.
    const where = (field: "podNetwork" | "dataplane" | "policy") =>
      c.network[field] !== undefined ? at(`network.${field}`) : at("burst");

    if (c.burst === "virtual-nodes") {
      if (net.podNetwork === "overlay") {
        error(
          where("podNetwork"),
          "burst: virtual-nodes needs Azure CNI in node-subnet mode; virtual nodes v2 do not support Azure CNI Overlay. Use network.podNetwork: node-subnet, or burst: spot (spot nodes through Node Auto Provisioning, which keeps Overlay)",
          VIRTUAL_NODES_SOURCE,
        );
      }
      if (net.dataplane === "cilium") {
        error(
          where("dataplane"),
          "burst: virtual-nodes does not work with the Cilium dataplane (virtual nodes v2 do not support Cilium). Use network.dataplane: azure, or burst: spot",
          VIRTUAL_NODES_SOURCE,
        );
      }
      if (net.policy === "cilium") {
        error(
          where("policy"),
          "burst: virtual-nodes needs Calico or no network policy (virtual nodes v2 support neither Cilium nor NPM). Use network.policy: calico or none, or burst: spot",
          VIRTUAL_NODES_SOURCE,
        );
      }
      if (net.nodeProvisioning === "auto") {
        error(
          c.nodeProvisioning !== undefined ? at("nodeProvisioning") : at("burst"),
          "burst: virtual-nodes replaces Node Auto Provisioning as the burst mechanism: virtual nodes need node-subnet networking without Cilium, while NAP here runs on Overlay + Cilium, and two burst mechanisms would compete for the same pending pods. Use nodeProvisioning: manual, or burst: spot",
          VIRTUAL_NODES_SOURCE,
        );
      }
    } else if (net.nodeProvisioning === "manual") {
      error(
        at("nodeProvisioning"),
        "burst: spot adds spot nodes through Node Auto Provisioning: nodeProvisioning must be auto (or choose burst: virtual-nodes)",
      );
    }

    // With virtual-nodes, NAP itself is already rejected above.
    if (c.burst === "spot" && net.nodeProvisioning === "auto" && net.policy === "calico") {
      error(
        where("policy"),
        "Node Auto Provisioning does not support Calico network policy: use cilium or none",
        NAP_NETWORKING_SOURCE,
      );
    }
    if ((net.dataplane === "cilium") !== (net.policy === "cilium")) {
      error(
        net.dataplane === "cilium" ? where("policy") : where("dataplane"),
        "the Cilium dataplane enforces network policy itself: network.dataplane cilium goes with network.policy cilium, and only with it",
        CILIUM_SOURCE,
      );
    }

    if (net.nodeProvisioning === "auto" && c.userPool) {
      error(
        at("userPool"),
        "Node Auto Provisioning provisions the workload nodes: remove userPool, or set nodeProvisioning: manual",
      );
    }
    if (net.nodeProvisioning === "manual" && !c.userPool) {
      error(
        at("userPool"),
        "is required with nodeProvisioning: manual: without Node Auto Provisioning (and with no cluster autoscaler) only a fixed pool runs workloads",
      );
    }
    if (c.burst === "virtual-nodes" && c.userPool) {
      const vcpus = vcpusOf(c.userPool.vmSize);
      if (vcpus !== undefined && vcpus < 4) {
        error(
          at("userPool.vmSize"),
          `virtual nodes v2 reserve about 3 vCPUs and 12 GiB on a node: use a size with at least 4 vCPUs and 16 GiB (${c.userPool.vmSize} has ${vcpus})`,
          VIRTUAL_NODES_SOURCE,
        );
      }
    }

    for (const [field, size] of [
      ["systemPool.vmSize", c.systemPool.vmSize],
      ["userPool.vmSize", c.userPool?.vmSize],
    ] as const) {
      const family = size ? retiredVmFamily(size) : undefined;
      if (size && family) error(at(field), retiredVmSizeMessage(size, family), family.source);
    }

    if (c.burst === "virtual-nodes") {
      findings.push({
        severity: "warning",
        file,
        path: at("burst"),
        message:
          "virtual nodes v2 are in preview, and Microsoft lists bring-your-own VNet among their limitations while this cluster lives in its hub-and-spoke VNet: confirm support before relying on ACI burst (docs/adr/0035)",
        source: VIRTUAL_NODES_SOURCE,
      });
    }
    if (c.adminGroupObjectIds.length === 0) {
      findings.push({
        severity: "warning",
        file,
        path: at("adminGroupObjectIds"),
        message: "no admin group: with local accounts disabled, only Azure RBAC role assignments on the cluster grant access",
      });
    }
  });

  // Active-active: two clusters down for maintenance at the same time would leave no cluster serving.
  const windows = config.clusters.map((c, i) => ({ i, w: maintenanceWindowOf(c, i) }));
  for (const { i, w } of windows) {
    const clash = windows.find((o) => o.i < i && o.w.day === w.day);
    if (clash) {
      error(
        `clusters[${i}].maintenanceWindow`,
        `upgrades on ${w.day} like clusters[${clash.i}] (${config.clusters[clash.i]?.name}): active-active clusters take their maintenance on different days so one always serves`,
      );
    }
  }
  return findings;
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
      // Only build scale sets push images (runner-scale-sets.ts): no AcrPush identity where none runs.
      omit: config.gitops.runners.scaleSets.some((s) => s.purpose === "build") ? [] : ["ghrunner"],
    }),
    workloadClasses: workloadClassesFor({
      nodeProvisioning: net.nodeProvisioning,
      burst: c.burst,
      maxProvisionedCpu: c.maxProvisionedCpu,
    }),
    argocd: {
      namespace: "argocd",
      chart: { name: "argo-cd", repository: ARGO_CD_CHART_REPOSITORY, version: ARGO_CD_CHART_VERSION },
      ha: config.argocd.ha ?? prod,
      repoUrl: config.argocd.repoUrl,
      targetRevision: config.argocd.targetRevision,
      path: `deploy/${env}/${c.name}`,
      rootApplicationName: `root-${c.name}`,
      rootProject: "root",
      sso: {
        // Entra ID's v2.0 issuer: https://learn.microsoft.com/entra/identity-platform/v2-protocols-oidc
        issuer: `https://login.microsoftonline.com/${config.tenantId}/v2.0`,
        clientId: config.argocd.sso.clientId,
        adminGroupId: config.argocd.sso.adminGroupId,
        ...(config.argocd.sso.readOnlyGroupId ? { readOnlyGroupId: config.argocd.sso.readOnlyGroupId } : {}),
        url: config.argocd.sso.url ?? `https://argocd.${c.name}.${env}.internal`,
      },
    },
  };
}
