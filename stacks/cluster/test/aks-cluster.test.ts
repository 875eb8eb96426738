/**
 * AksCluster planned alone with a cluster built by hand (spot burst: overlay + Cilium, Node Auto Provisioning):
 * - Azure CNI Overlay (networkPlugin azure, networkPluginMode overlay) with the Cilium dataplane and policy:
 *   https://learn.microsoft.com/azure/aks/azure-cni-powered-by-cilium
 * - egress userDefinedRouting (the spoke's route to the firewall), Standard load balancer:
 *   https://learn.microsoft.com/azure/aks/egress-outboundtype
 * - private cluster with API Server VNet Integration in the delegated subnet and a custom private DNS zone:
 *   https://learn.microsoft.com/azure/aks/api-server-vnet-integration, https://learn.microsoft.com/azure/aks/private-clusters
 * - Entra ID with Azure RBAC, local accounts off (needs Entra integration):
 *   https://learn.microsoft.com/azure/aks/manage-local-accounts-managed-azure-ad
 * - OIDC issuer and workload identity: https://learn.microsoft.com/azure/aks/workload-identity-deploy-cluster
 * - Node Auto Provisioning mode Auto (Karpenter), fixed-size pools only, no cluster autoscaler:
 *   https://learn.microsoft.com/azure/aks/node-autoprovision
 * - the two planned-maintenance schedules aksManagedAutoUpgradeSchedule and aksManagedNodeOSUpgradeSchedule:
 *   https://learn.microsoft.com/azure/aks/planned-maintenance
 * - KMS with a private key vault (keyVaultNetworkAccess Private): https://learn.microsoft.com/azure/aks/use-kms-etcd-encryption
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { type ComponentPlan, planComponent, TEST_SUBSCRIPTIONS } from "@plugilo/testing";
import { UserAssignedIdentity } from "@pulumi/azure-native/managedidentity/index.js";
import { AksCluster, type AksClusterModel } from "../src/aks-cluster.ts";

const APP1 = TEST_SUBSCRIPTIONS.app1;
const RG = `/subscriptions/${APP1}/resourceGroups/rg-app1`;
const VNET = `${RG}/providers/Microsoft.Network/virtualNetworks/vnet-app1`;
const NODES = `${VNET}/subnets/snet-aks-nodes`;
const API_SERVER = `${VNET}/subnets/snet-aks-apiserver`;
const ZONE = `/subscriptions/${TEST_SUBSCRIPTIONS.hub}/resourceGroups/rg-hub/providers/Microsoft.Network/privateDnsZones/privatelink.germanywestcentral.azmk8s.io`;
const WORKSPACE = "/subscriptions/m/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/log-gwc";
const KMS_VAULT = `${RG}/providers/Microsoft.KeyVault/vaults/kv-acme-app1-test`;
const KEY_ID = "https://kv-acme-app1-test.vault.azure.net/keys/aks-kms-app1/0123456789abcdef0123456789abcdef";
const ADMINS = "aaaaaaaa-0000-4000-8000-0000000000ad";
const TENANT = "aaaaaaaa-0000-4000-8000-000000000001";

const cluster: AksClusterModel = {
  aksName: "aks-acme-app1-test",
  region: "germanywestcentral",
  resourceGroup: { name: "rg-app1", id: RG, location: "germanywestcentral", subscriptionId: APP1 },
  tier: "Standard",
  systemPool: { vmSize: "Standard_D4ds_v5", count: 3, zones: ["1", "2", "3"] },
  podCidr: "100.64.0.0/16",
  serviceCidr: "100.65.0.0/16",
  dnsServiceIp: "100.65.0.10",
  aks: {
    kubernetesVersion: "1.33",
    dnsPrefix: "acme-test-app1",
    adminGroupObjectIds: [ADMINS],
    upgradeChannel: "patch",
    nodeOsUpgradeChannel: "NodeImage",
    maintenanceWindow: { day: "Tuesday", start: "01:00", durationHours: 4, utcOffset: "+00:00" },
    burst: "spot",
    network: {
      plugin: "azure",
      podNetwork: "overlay",
      dataplane: "cilium",
      policy: "cilium",
      outboundType: "userDefinedRouting",
      loadBalancerSku: "standard",
    },
    nodeProvisioning: "auto",
    defender: true,
    kms: {
      keyName: "aks-kms-app1",
      vault: {
        name: "kv-acme-app1-test",
        id: KMS_VAULT,
        uri: "https://kv-acme-app1-test.vault.azure.net/",
        resourceGroup: "rg-app1",
        subscriptionId: APP1,
        privateEndpointName: "pe-kv-acme-app1-test",
        subnetId: `${VNET}/subnets/snet-pe`,
      },
    },
    imageCleanerIntervalHours: 48,
    nodeSubnetId: NODES,
    apiServerSubnetId: API_SERVER,
    privateDnsZoneId: ZONE,
    logAnalyticsWorkspaceId: WORKSPACE,
  },
};

describe("AksCluster", () => {
  let plan: ComponentPlan;
  let props: Record<string, unknown>;
  before(async () => {
    plan = await planComponent(({ providerFor }) => {
      const own = { provider: providerFor("app1") };
      const identity = (n: string) =>
        new UserAssignedIdentity(n, { resourceGroupName: "rg-app1", resourceName: n, location: "germanywestcentral" }, own);
      new AksCluster(
        "aks",
        {
          cluster,
          tenantId: TENANT,
          protect: true,
          controlPlane: identity("id-app1-control-plane"),
          kubelet: identity("id-app1-kubelet"),
          kmsKeyId: KEY_ID,
          tags: { layer: "app1" },
          dependsOn: [],
        },
        { providers: [providerFor("app1")] },
      );
    });
    props = plan.named("azure-native:containerservice:ManagedCluster", "aks-acme-app1-test").inputs;
  });

  it("lands in the cluster's subscription and resource group, protected, with a Standard-tier control plane", () => {
    const aks = plan.named("azure-native:containerservice:ManagedCluster", "aks-acme-app1-test");
    assert.equal(plan.subscriptionOf(aks), APP1);
    assert.equal(aks.protect, true);
    assert.deepEqual(
      [props.resourceGroupName, props.location, props.nodeResourceGroup, props.sku, props.kubernetesVersion],
      ["rg-app1", "germanywestcentral", "rg-app1-nodes", { name: "Base", tier: "Standard" }, "1.33"],
    );
  });

  it("uses Azure CNI Overlay with Cilium and egresses through the spoke's route table", () => {
    assert.deepEqual(props.networkProfile, {
      networkPlugin: "azure",
      networkPluginMode: "overlay",
      podCidr: "100.64.0.0/16",
      networkDataplane: "cilium",
      networkPolicy: "cilium",
      serviceCidr: "100.65.0.0/16",
      dnsServiceIP: "100.65.0.10",
      outboundType: "userDefinedRouting",
      loadBalancerSku: "standard",
    });
  });

  it("is a private cluster whose API server sits in the delegated subnet, recorded in the hub's zone", () => {
    assert.deepEqual(props.apiServerAccessProfile, {
      enablePrivateCluster: true,
      enableVnetIntegration: true,
      subnetId: API_SERVER,
      privateDNSZone: ZONE,
      enablePrivateClusterPublicFQDN: false,
    });
  });

  it("signs in with Entra ID and Azure RBAC only, and issues OIDC tokens for workload identity", () => {
    assert.deepEqual(props.aadProfile, {
      managed: true,
      enableAzureRBAC: true,
      tenantID: TENANT,
      adminGroupObjectIDs: [ADMINS],
    });
    assert.equal(props.disableLocalAccounts, true);
    assert.equal(props.enableRBAC, true);
    assert.deepEqual(props.oidcIssuerProfile, { enabled: true });
    const security = props.securityProfile as Record<string, unknown>;
    assert.deepEqual(security.workloadIdentity, { enabled: true });
    assert.deepEqual(security.imageCleaner, { enabled: true, intervalHours: 48 });
    assert.deepEqual(security.defender, {
      logAnalyticsWorkspaceResourceId: WORKSPACE,
      securityMonitoring: { enabled: true },
    });
    assert.deepEqual(security.azureKeyVaultKms, {
      enabled: true,
      keyId: KEY_ID,
      keyVaultNetworkAccess: "Private",
      keyVaultResourceId: KMS_VAULT,
    });
    const identity = props.identity as { type: string; userAssignedIdentities: string[] };
    assert.equal(identity.type, "UserAssigned");
    assert.match(String(identity.userAssignedIdentities[0]), /\/userAssignedIdentities\/id-app1-control-plane$/);
    const kubelet = (props.identityProfile as { kubeletidentity: { resourceId: string } }).kubeletidentity;
    assert.match(kubelet.resourceId, /\/userAssignedIdentities\/id-app1-kubelet$/);
  });

  it("provisions nodes with NAP and keeps one fixed, tainted, zonal system pool in the node subnet", () => {
    assert.deepEqual(props.nodeProvisioningProfile, { mode: "Auto", defaultNodePools: "Auto" });
    const pools = props.agentPoolProfiles as Record<string, unknown>[];
    assert.equal(pools.length, 1);
    assert.deepEqual(pools[0], {
      name: "system",
      mode: "System",
      vmSize: "Standard_D4ds_v5",
      count: 3,
      availabilityZones: ["1", "2", "3"],
      enableAutoScaling: false,
      nodeTaints: ["CriticalAddonsOnly=true:NoSchedule"],
      osType: "Linux",
      osSKU: "AzureLinux",
      type: "VirtualMachineScaleSets",
      vnetSubnetID: NODES,
      upgradeSettings: { maxSurge: "33%" },
    });
    assert.deepEqual(props.autoUpgradeProfile, { upgradeChannel: "patch", nodeOSUpgradeChannel: "NodeImage" });
    assert.deepEqual(
      [props.addonProfiles, props.azureMonitorProfile],
      [
        {
          azurepolicy: { enabled: true },
          omsagent: { enabled: true, config: { logAnalyticsWorkspaceResourceID: WORKSPACE, useAADAuth: "true" } },
        },
        { metrics: { enabled: true } },
      ],
    );
  });

  it("names both planned-maintenance schedules, weekly on the cluster's day, and no virtual nodes", () => {
    const schedules = plan.ofType("azure-native:containerservice:MaintenanceConfiguration");
    assert.deepEqual(
      schedules.map((s) => [s.inputs.configName, s.inputs.resourceName, s.inputs.maintenanceWindow]).sort(),
      ["aksManagedAutoUpgradeSchedule", "aksManagedNodeOSUpgradeSchedule"].map((name) => [
        name,
        "aks-acme-app1-test",
        {
          schedule: { weekly: { dayOfWeek: "Tuesday", intervalWeeks: 1 } },
          durationHours: 4,
          startTime: "01:00",
          utcOffset: "+00:00",
        },
      ]),
    );
    assert.deepEqual(plan.ofType("azure-native:kubernetesconfiguration:Extension"), []);
  });
});
