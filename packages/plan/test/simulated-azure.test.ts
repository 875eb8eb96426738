import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { loadModel } from "@plugilo/model";
import { armTypeName, SimulatedAzure, simulatedGuid } from "@plugilo/plan";

const model = loadModel("prod");
const hub = model.vnets.find((v) => v.key === "hub-gwc");
const firewallSubnet = hub?.subnets.find((s) => s.kind === "firewall");

describe("simulated Azure", () => {
  it("builds ARM IDs from the provider's subscription, the resource group and the name input", async () => {
    const azure = new SimulatedAzure(model);
    const provider = await azure.newResource({
      type: "pulumi:providers:azure-native",
      name: "azure-hub",
      inputs: { subscriptionId: model.subscriptions.hub },
    });
    const { id, state } = await azure.newResource({
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

  it("gives the first IP configuration in a subnet the fifth address, the next one the sixth", async () => {
    assert.ok(firewallSubnet);
    const azure = new SimulatedAzure(model);
    const first = await azure.newResource({
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
    assert.equal(await azure.allocatePrivateIp(firewallSubnet.id, "next"), "10.60.0.5");
  });

  it("keeps a static private IP and leaves unknown subnets alone", async () => {
    const azure = new SimulatedAzure(model);
    const { state } = await azure.newResource({
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

  it("scopes extension and tenant resources like ARM does", async () => {
    const azure = new SimulatedAzure(model);
    const mg = await azure.newResource({
      type: "azure-native:management:ManagementGroup",
      name: "mg",
      inputs: { groupId: "mg-x" },
      custom: true,
    });
    assert.equal(mg.id, "/providers/Microsoft.Management/managementGroups/mg-x");
    const pa = await azure.newResource({
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

  it("hands out addresses registered at once in the order of their ARM IDs, whatever order they register in", async () => {
    assert.ok(firewallSubnet);
    const subnet = firewallSubnet.id;
    const register = (azure: SimulatedAzure, name: string) =>
      azure.newResource({
        type: "azure-native:network:PublicIPAddress",
        name,
        inputs: { resourceGroupName: "rg", publicIpAddressName: name, ipConfigurations: [{ subnet: { id: subnet } }] },
        custom: true,
      });
    const addresses = async (names: string[]) => {
      const azure = new SimulatedAzure(model);
      const answers = await Promise.all(names.map((n) => register(azure, n)));
      return Object.fromEntries(
        answers.map(({ state }) => [
          state.name,
          [state.ipAddress, (state.ipConfigurations as { privateIPAddress?: string }[])[0]?.privateIPAddress],
        ]),
      );
    };
    const expected = { "pip-a": ["203.0.113.1", "10.60.0.4"], "pip-b": ["203.0.113.2", "10.60.0.5"] };
    assert.deepEqual(await addresses(["pip-a", "pip-b"]), expected);
    assert.deepEqual(await addresses(["pip-b", "pip-a"]), expected);
    // A lookup of an address being handed out waits for it and reads the same one.
    const azure = new SimulatedAzure(model);
    const [created, read] = await Promise.all([
      register(azure, "pip-z"),
      azure.call({
        token: "azure-native:network:getPublicIPAddress",
        inputs: { resourceGroupName: "rg", publicIpAddressName: "pip-z" },
      }),
    ]);
    assert.equal(created.state.ipAddress, "203.0.113.1");
    assert.equal(read.ipAddress, "203.0.113.1");
    // A later batch continues where the earlier one stopped.
    assert.equal((await register(azure, "pip-0")).state.ipAddress, "203.0.113.2");
  });

  it("derives type names and deterministic GUIDs", () => {
    assert.equal(armTypeName("azure-native:network:StaticCidr"), "Microsoft.Network/networkManagers/ipamPools/staticCidrs");
    assert.equal(armTypeName("azure-native:containerservice:ManagedCluster"), "Microsoft.ContainerService/managedClusters");
    assert.equal(simulatedGuid("a"), simulatedGuid("a"));
    assert.match(simulatedGuid("a"), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
