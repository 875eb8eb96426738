/**
 * VpnGateway planned alone with a gateway built by hand: a route-based VPN gateway with a zone-redundant AZ
 * SKU (VpnGw2AZ, Generation2; https://learn.microsoft.com/azure/vpn-gateway/about-zone-redundant-vnet-gateways),
 * active-active with one Standard static public IP per instance, zones 1-3
 * (https://learn.microsoft.com/azure/vpn-gateway/active-active-portal), both in GatewaySubnet; BGP with the
 * private ASN 65515 and custom APIPA addresses from 169.254.21.0-169.254.22.255 per instance
 * (https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-howto-aws-bgp,
 * https://learn.microsoft.com/azure/vpn-gateway/bgp-howto).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { VpnModel } from "@plugilo/model";
import { planComponent } from "@plugilo/testing";
import { VirtualNetwork } from "@pulumi/azure-native/network/index.js";
import { VpnGateway } from "../src/vpn-gateway.ts";
import { HUB_RG, HUB_SUBSCRIPTION, HUB_VNET, WORKSPACE } from "./hub-fixture.ts";

const GATEWAY = `${HUB_RG}/providers/Microsoft.Network/virtualNetworkGateways/vgw-acme-test-gwc`;
const GATEWAY_SUBNET = `${HUB_VNET}/subnets/GatewaySubnet`;
const instance = (index: 0 | 1, bgp: string[]) => ({
  index,
  publicIpName: `pip-vgw-acme-test-gwc-${index + 1}`,
  ipConfigurationName: `ipconfig-${index + 1}`,
  ipConfigurationId: `${GATEWAY}/ipConfigurations/ipconfig-${index + 1}`,
  customBgpIps: bgp,
});
const vpn: Pick<VpnModel, "gateway"> = {
  gateway: {
    name: "vgw-acme-test-gwc",
    id: GATEWAY,
    region: "germanywestcentral",
    resourceGroup: "rg-hub-gwc",
    subscriptionId: HUB_SUBSCRIPTION,
    vnetKey: "hub-gwc",
    gatewaySubnetId: GATEWAY_SUBNET,
    sku: "VpnGw2AZ",
    generation: "Generation2",
    asn: 65515,
    zones: ["1", "2", "3"],
    instances: [instance(0, ["169.254.21.2", "169.254.21.6"]), instance(1, ["169.254.22.2", "169.254.22.6"])],
    logAnalyticsWorkspaceId: WORKSPACE,
  },
};

describe("VpnGateway", () => {
  it("is an active-active, zone-redundant VpnGw2AZ gateway with BGP on the model's APIPA addresses", async () => {
    const plan = await planComponent(({ providerFor }) => {
      const own = { provider: providerFor("hub") };
      const hubVnet = new VirtualNetwork("vnet-hub-gwc", { resourceGroupName: "rg-hub-gwc" }, own);
      new VpnGateway("vpn", { vpn, tags: { layer: "hub" }, hubVnet }, { providers: [providerFor("hub")] });
    });
    const gateway = plan.named("azure-native:network:VirtualNetworkGateway", "vgw-acme-test-gwc");
    assert.equal(plan.subscriptionOf(gateway), HUB_SUBSCRIPTION);
    const g = gateway.inputs;
    assert.deepEqual(
      [g.gatewayType, g.vpnType, g.sku, g.vpnGatewayGeneration, g.activeActive, g.enableBgp],
      ["Vpn", "RouteBased", { name: "VpnGw2AZ", tier: "VpnGw2AZ" }, "Generation2", true, true],
    );
    assert.deepEqual(g.bgpSettings, {
      asn: 65515,
      bgpPeeringAddresses: [
        { ipconfigurationId: `${GATEWAY}/ipConfigurations/ipconfig-1`, customBgpIpAddresses: ["169.254.21.2", "169.254.21.6"] },
        { ipconfigurationId: `${GATEWAY}/ipConfigurations/ipconfig-2`, customBgpIpAddresses: ["169.254.22.2", "169.254.22.6"] },
      ],
    });
    const configs = g.ipConfigurations as { name: string; subnet: { id: string }; publicIPAddress: { id: string } }[];
    assert.deepEqual(
      configs.map((c) => [c.name, c.subnet.id, c.publicIPAddress.id.split("/").pop()]),
      [
        ["ipconfig-1", GATEWAY_SUBNET, "pip-vgw-acme-test-gwc-1"],
        ["ipconfig-2", GATEWAY_SUBNET, "pip-vgw-acme-test-gwc-2"],
      ],
    );
    const ips = plan.ofType("azure-native:network:PublicIPAddress");
    assert.deepEqual(
      ips.map((ip) => [ip.name, ip.inputs.sku, ip.inputs.publicIPAllocationMethod, ip.inputs.zones, plan.subscriptionOf(ip)]),
      [1, 2].map((n) => [
        `pip-vgw-acme-test-gwc-${n}`,
        { name: "Standard", tier: "Regional" },
        "Static",
        ["1", "2", "3"],
        HUB_SUBSCRIPTION,
      ]),
    );
    assert.deepEqual(
      plan
        .ofType("azure-native:monitor:DiagnosticSetting")
        .map((d) => d.inputs.workspaceId)
        .filter((w) => w === WORKSPACE).length,
      3,
    );
  });
});
