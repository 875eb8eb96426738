/**
 * The AKS cluster of one spoke, as the model resolves it (packages/model/src/cluster/cluster-settings.ts):
 * - networking: Azure CNI Overlay with the Cilium dataplane and network policy (or, with burst: virtual-nodes,
 *   what virtual nodes need), egress `userDefinedRouting` through the spoke's 0.0.0.0/0 route to the firewall;
 * - nodes: Node Auto Provisioning (managed Karpenter) and no cluster autoscaler anywhere; a small system pool
 *   for critical add-ons only, in the region's zones where it has them;
 * - API server: private, with API Server VNet Integration in the delegated subnet, its record in the hub's
 *   private DNS zone (docs/adr/0031);
 * - identity: Entra ID with Azure RBAC and admin groups, local accounts off, OIDC issuer and workload identity,
 *   user-assigned control-plane and kubelet identities;
 * - operations: upgrade channels and a weekly maintenance window, Image Cleaner, Azure Policy add-on, Defender
 *   and KMS encryption of secrets where configured, Container Insights and managed Prometheus.
 * azure-native 3.28 sends managedClusters with API 2025-09-01, which has nodeProvisioningProfile (GA since
 * 2025-05-01).
 */
import type { AksModel, ClusterModel } from "@plugilo/model";
import { MaintenanceConfiguration, ManagedCluster } from "@pulumi/azure-native/containerservice/index.js";
import { Extension } from "@pulumi/azure-native/kubernetesconfiguration/index.js";
import type { UserAssignedIdentity } from "@pulumi/azure-native/managedidentity/index.js";
import * as pulumi from "@pulumi/pulumi";

/** The part of a cluster the AKS resource reads: its place, pools, address ranges and AKS settings. */
export type AksClusterModel = Pick<
  ClusterModel,
  "aksName" | "region" | "resourceGroup" | "tier" | "systemPool" | "podCidr" | "serviceCidr" | "dnsServiceIp"
> & {
  readonly aks: Omit<AksModel, "maxProvisionedCpu" | "vnetId" | "nodeRouteTableId" | "monitoring" | "sharedServiceEndpoints">;
};

export interface AksClusterArgs {
  readonly cluster: AksClusterModel;
  /** The Entra ID tenant of the cluster's Azure RBAC. */
  readonly tenantId: string;
  /** Protect the cluster from deletion. @default false */
  readonly protect?: boolean;
  readonly controlPlane: UserAssignedIdentity;
  readonly kubelet: UserAssignedIdentity;
  /** Versioned key ID of the KMS key, when secrets are encrypted with one. */
  kmsKeyId?: pulumi.Input<string>;
  tags: Record<string, string>;
  /** Role assignments the cluster needs before it is created. */
  dependsOn: pulumi.Resource[];
}

/** Only pods that tolerate this run on the system pool: CoreDNS, metrics server, konnectivity and the like. */
export const CRITICAL_ADDONS_ONLY = "CriticalAddonsOnly=true:NoSchedule";

/** The names AKS gives the two planned-maintenance schedules. https://learn.microsoft.com/azure/aks/planned-maintenance */
export const MAINTENANCE_SCHEDULES = ["aksManagedAutoUpgradeSchedule", "aksManagedNodeOSUpgradeSchedule"] as const;

export class AksCluster extends pulumi.ComponentResource {
  readonly cluster: ManagedCluster;

  constructor(name: string, args: AksClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    super("plugilo:cluster:AksCluster", name, {}, opts);
    const { cluster: c, tags } = args;
    const aks = c.aks;
    const net = aks.network;
    const child = { parent: this };

    const systemPool = {
      name: "system",
      mode: "System",
      vmSize: c.systemPool.vmSize,
      count: c.systemPool.count,
      ...(c.systemPool.zones.length > 0 ? { availabilityZones: c.systemPool.zones } : {}),
      // Fixed size: NAP never scales a system pool, and the cluster autoscaler is not used anywhere.
      enableAutoScaling: false,
      nodeTaints: [CRITICAL_ADDONS_ONLY],
      osType: "Linux",
      osSKU: "AzureLinux",
      type: "VirtualMachineScaleSets",
      vnetSubnetID: aks.nodeSubnetId,
      upgradeSettings: { maxSurge: "33%" },
    };
    const userPool = aks.userPool
      ? [
          {
            name: "workload",
            mode: "User",
            vmSize: aks.userPool.vmSize,
            count: aks.userPool.count,
            ...(c.systemPool.zones.length > 0 ? { availabilityZones: c.systemPool.zones } : {}),
            enableAutoScaling: false,
            osType: "Linux",
            osSKU: "AzureLinux",
            type: "VirtualMachineScaleSets",
            vnetSubnetID: aks.nodeSubnetId,
            upgradeSettings: { maxSurge: "33%" },
          },
        ]
      : [];

    this.cluster = new ManagedCluster(
      c.aksName,
      {
        resourceGroupName: c.resourceGroup.name,
        resourceName: c.aksName,
        location: c.region,
        tags,
        sku: { name: "Base", tier: c.tier },
        ...(aks.kubernetesVersion ? { kubernetesVersion: aks.kubernetesVersion } : {}),
        dnsPrefix: aks.dnsPrefix,
        nodeResourceGroup: `${c.resourceGroup.name}-nodes`,
        identity: { type: "UserAssigned", userAssignedIdentities: [args.controlPlane.id] },
        identityProfile: {
          kubeletidentity: {
            resourceId: args.kubelet.id,
            clientId: args.kubelet.clientId,
            objectId: args.kubelet.principalId,
          },
        },
        aadProfile: {
          managed: true,
          enableAzureRBAC: true,
          tenantID: args.tenantId,
          adminGroupObjectIDs: aks.adminGroupObjectIds,
        },
        enableRBAC: true,
        disableLocalAccounts: true,
        apiServerAccessProfile: {
          enablePrivateCluster: true,
          enableVnetIntegration: true,
          subnetId: aks.apiServerSubnetId,
          privateDNSZone: aks.privateDnsZoneId,
          enablePrivateClusterPublicFQDN: false,
        },
        networkProfile: {
          networkPlugin: net.plugin,
          ...(net.podNetwork === "overlay" ? { networkPluginMode: "overlay", podCidr: c.podCidr } : {}),
          networkDataplane: net.dataplane,
          ...(net.policy === "none" ? {} : { networkPolicy: net.policy }),
          serviceCidr: c.serviceCidr,
          dnsServiceIP: c.dnsServiceIp,
          outboundType: net.outboundType,
          loadBalancerSku: net.loadBalancerSku,
        },
        nodeProvisioningProfile:
          // Auto: AKS also creates its default NodePools, so Argo CD has nodes before GitOps adds the classes.
          aks.nodeProvisioning === "auto"
            ? { mode: "Auto", defaultNodePools: "Auto" }
            : { mode: "Manual", defaultNodePools: "None" },
        agentPoolProfiles: [systemPool, ...userPool],
        autoUpgradeProfile: { upgradeChannel: aks.upgradeChannel, nodeOSUpgradeChannel: aks.nodeOsUpgradeChannel },
        oidcIssuerProfile: { enabled: true },
        securityProfile: {
          workloadIdentity: { enabled: true },
          imageCleaner: { enabled: true, intervalHours: aks.imageCleanerIntervalHours },
          ...(aks.defender
            ? {
                defender: {
                  logAnalyticsWorkspaceResourceId: aks.logAnalyticsWorkspaceId,
                  securityMonitoring: { enabled: true },
                },
              }
            : {}),
          ...(args.kmsKeyId
            ? {
                azureKeyVaultKms: {
                  enabled: true,
                  keyId: args.kmsKeyId,
                  keyVaultNetworkAccess: "Private",
                  keyVaultResourceId: c.aks.kms?.vault.id,
                },
              }
            : {}),
        },
        addonProfiles: {
          azurepolicy: { enabled: true },
          omsagent: {
            enabled: true,
            config: { logAnalyticsWorkspaceResourceID: aks.logAnalyticsWorkspaceId, useAADAuth: "true" },
          },
        },
        azureMonitorProfile: { metrics: { enabled: true } },
      },
      {
        ...child,
        dependsOn: args.dependsOn,
        protect: args.protect ?? false,

        // The first agent pool can only be changed by replacing the cluster (see the resource's docs): ignore
        // drift in the count so a manual resize in an incident does not trigger a replacement.
        ignoreChanges: ["agentPoolProfiles[0].count"],
      },
    );

    const w = aks.maintenanceWindow;
    for (const schedule of MAINTENANCE_SCHEDULES) {
      new MaintenanceConfiguration(
        `${c.aksName}-${schedule}`,
        {
          resourceGroupName: c.resourceGroup.name,
          resourceName: this.cluster.name,
          configName: schedule,
          maintenanceWindow: {
            schedule: { weekly: { dayOfWeek: w.day, intervalWeeks: 1 } },
            durationHours: w.durationHours,
            startTime: w.start,
            utcOffset: w.utcOffset,
          },
        },
        child,
      );
    }

    if (aks.burst === "virtual-nodes") {
      // Virtual nodes v2 are a cluster extension (preview): ACI runs the pods that tolerate the virtual node.
      new Extension(
        `${c.aksName}-virtual-nodes`,
        {
          resourceGroupName: c.resourceGroup.name,
          clusterRp: "Microsoft.ContainerService",
          clusterResourceName: "managedClusters",
          clusterName: this.cluster.name,
          extensionName: "virtualnodes",
          extensionType: "Microsoft.virtualnodes",
          autoUpgradeMinorVersion: true,
        },
        child,
      );
    }
    this.registerOutputs({ clusterId: this.cluster.id });
  }
}
