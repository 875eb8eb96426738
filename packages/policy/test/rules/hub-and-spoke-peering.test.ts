/** hub-and-spoke-peering: a passing and a violating fixture for each case. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { loadModel, type VnetModel } from "@plugilo/model";
import { hubAndSpokePeering } from "@plugilo/policy";
import { plannedResource } from "./helpers.ts";

const model = loadModel("prod");
const vnet = (key: string) => model.vnets.find((v) => v.key === key) as VnetModel;
const resource = (type: string, inputs: Record<string, unknown>) => plannedResource("prod", type, inputs);
const peering = (from: VnetModel, to: { id: string }) =>
  resource("azure-native:network:VirtualNetworkPeering", {
    resourceGroupName: from.resourceGroup,
    virtualNetworkName: from.name,
    remoteVirtualNetwork: { id: to.id },
  });

describe("hub-and-spoke-peering", () => {
  it("accepts a spoke peered with its own region's hub, both directions, and the hubs with each other", () => {
    for (const [a, b] of [
      ["cluster-app1", "hub-gwc"],
      ["hub-gwc", "cluster-app1"],
      ["data-gn", "hub-gn"],
      ["hub-gwc", "hub-gn"],
      ["hub-gn", "hub-gwc"],
    ] as const) {
      assert.deepEqual(hubAndSpokePeering.check(peering(vnet(a), vnet(b)), model), [], `${a} -> ${b}`);
    }
  });

  it("rejects a spoke-to-spoke peering", () => {
    const messages = hubAndSpokePeering.check(peering(vnet("cluster-app1"), vnet("data-gwc")), model);
    assert.equal(messages.length, 1);
    assert.match(messages[0] ?? "", /directly with spoke vnet-plugilo-data-prod-gwc/);
  });

  it("rejects a spoke peered with the other region's hub", () => {
    const messages = hubAndSpokePeering.check(peering(vnet("hub-gwc"), vnet("cluster-app2")), model);
    assert.match(messages[0] ?? "", /vnet-plugilo-app2-prod-gn \(germanynorth\) with the hub of germanywestcentral/);
  });

  it("rejects a peering with a VNet outside the address plan", () => {
    const foreign = { id: "/subscriptions/x/resourceGroups/y/providers/Microsoft.Network/virtualNetworks/shadow-it" };
    assert.match(hubAndSpokePeering.check(peering(vnet("hub-gwc"), foreign), model)[0] ?? "", /does not know/);
  });

  it("ignores other resource types", () => {
    assert.deepEqual(hubAndSpokePeering.check(resource("azure-native:network:VirtualNetwork", {}), model), []);
  });
});
