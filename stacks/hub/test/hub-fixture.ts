/** A hub built by hand for the hub components' tests: literal names and IDs, zones 1-3. */
import type { HubModel, VnetModel } from "@plugilo/model";
import { TEST_SUBSCRIPTIONS } from "@plugilo/testing";

export const HUB_SUBSCRIPTION = TEST_SUBSCRIPTIONS.hub;
export const HUB_RG = `/subscriptions/${HUB_SUBSCRIPTION}/resourceGroups/rg-hub-gwc`;
export const HUB_VNET = `${HUB_RG}/providers/Microsoft.Network/virtualNetworks/vnet-hub-gwc`;
export const WORKSPACE = "/subscriptions/m/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/log-gwc";

export const hub: HubModel = {
  region: "germanywestcentral",
  vnetKey: "hub-gwc",
  firewallName: "afw-acme-test-gwc",
  firewallPrivateIp: "10.0.0.4",
  vnetName: "vnet-hub-gwc",
  vnetId: HUB_VNET,
  resourceGroup: "rg-hub-gwc",
  subscriptionId: HUB_SUBSCRIPTION,
  firewallId: `${HUB_RG}/providers/Microsoft.Network/azureFirewalls/afw-acme-test-gwc`,
  firewallPolicyName: "afwp-acme-test-gwc",
  firewallPolicyId: `${HUB_RG}/providers/Microsoft.Network/firewallPolicies/afwp-acme-test-gwc`,
  firewallZones: ["1", "2", "3"],
  firewallPublicIpName: "pip-afw-acme-test-gwc",
  natGatewayName: "ng-acme-test-gwc",
  natGatewayId: `${HUB_RG}/providers/Microsoft.Network/natGateways/ng-acme-test-gwc`,
  natPublicIpNames: ["pip-ng-acme-test-gwc-1", "pip-ng-acme-test-gwc-2"],
  snatPorts: 129024,
  snatPrivateRanges: ["10.0.0.0/12"],
  logAnalyticsWorkspaceId: WORKSPACE,
  hasVpnGateway: true,
};

export const hubVnet = (subnets: VnetModel["subnets"]): VnetModel => ({
  key: "hub-gwc",
  kind: "hub",
  name: "vnet-hub-gwc",
  id: HUB_VNET,
  region: "germanywestcentral",
  cidr: "10.0.0.0/22",
  layer: "hub",
  resourceGroup: "rg-hub-gwc",
  subscription: "hub",
  subscriptionId: HUB_SUBSCRIPTION,
  dnsServers: [],
  subnets,
});
