import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { loadModel } from "@plugilo/model";
import { armTypeName, SimulatedAzure, simulatedGuid } from "@plugilo/plan";

const model = loadModel("prod");
const hub = model.vnets.find((v) => v.key === "hub-gwc");
const firewallSubnet = hub?.subnets.find((s) => s.kind === "firewall");

describe("simulated Azure", () => {
  it("builds ARM IDs from the provider's subscription, the resource group and the name input", () => {
    const azure = new SimulatedAzure(model);
    const provider = azure.newResource({
      type: "pulumi:providers:azure-native",
      name: "azure-hub",
      inputs: { subscriptionId: model.subscriptions.hub },
    });
    const { id, state } = azure.newResource({
      type: "azure-native:network:VirtualNetwork",
      name: "vnet",
      inputs: { resourceGroupName: "rg-x", virtualNetworkName: "vnet-x" },
      provider: `urn:pulumi:prod::p::pulumi:providers:azure-native::azure-hub::${provider.id}`,
      custom: true,
    });
    assert.equal(
      id,
      `/subscriptions/${model.subscriptions.hub}/resourceGroups/rg-x/providers/Microsoft.Network/virtualNetworks/vnet-x`,
    );
    assert.equal(state.name, "vnet-x");
    assert.equal(state.type, "Microsoft.Network/virtualNetworks");
  });

  it("gives the first IP configuration in a subnet the fifth address, the next one the sixth", () => {
    assert.ok(firewallSubnet);
    const azure = new SimulatedAzure(model);
    const first = azure.newResource({
      type: "azure-native:network:AzureFirewall",
      name: "afw",
      inputs: {
        resourceGroupName: "rg",
        azureFirewallName: "afw",
        ipConfigurations: [{ name: "c", subnet: { id: firewallSubnet.id } }],
      },
      custom: true,
    });
    const ipConfigs = first.state.ipConfigurations as { privateIPAddress?: string }[];
    assert.equal(ipConfigs[0]?.privateIPAddress, model.hubs[0]?.firewallPrivateIp);
    assert.equal(azure.allocatePrivateIp(firewallSubnet.id), "10.60.0.5");
  });

  it("keeps a static private IP and leaves unknown subnets alone", () => {
    const azure = new SimulatedAzure(model);
    const { state } = azure.newResource({
      type: "azure-native:network:NetworkInterface",
      name: "nic",
      inputs: {
        ipConfigurations: [{ privateIPAddress: "10.60.0.9", subnet: { id: firewallSubnet?.id } }, { subnet: { id: "/nope" } }],
      },
      custom: true,
    });
    assert.deepEqual(
      (state.ipConfigurations as { privateIPAddress?: string }[]).map((c) => c.privateIPAddress),
      ["10.60.0.9", undefined],
    );
  });

  it("scopes extension and tenant resources like ARM does", () => {
    const azure = new SimulatedAzure(model);
    const mg = azure.newResource({
      type: "azure-native:management:ManagementGroup",
      name: "mg",
      inputs: { groupId: "mg-x" },
      custom: true,
    });
    assert.equal(mg.id, "/providers/Microsoft.Management/managementGroups/mg-x");
    const pa = azure.newResource({
      type: "azure-native:authorization:PolicyAssignment",
      name: "pa",
      inputs: { scope: mg.id, policyAssignmentName: "allowed-locations" },
      custom: true,
    });
    assert.equal(
      pa.id,
      "/providers/Microsoft.Management/managementGroups/mg-x/providers/Microsoft.Authorization/policyAssignments/allowed-locations",
    );
  });

  it("derives type names and deterministic GUIDs", () => {
    assert.equal(armTypeName("azure-native:network:StaticCidr"), "Microsoft.Network/networkManagers/ipamPools/staticCidrs");
    assert.equal(armTypeName("azure-native:containerservice:ManagedCluster"), "Microsoft.ContainerService/managedClusters");
    assert.equal(simulatedGuid("a"), simulatedGuid("a"));
    assert.match(simulatedGuid("a"), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
