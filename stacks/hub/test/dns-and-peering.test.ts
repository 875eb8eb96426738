/**
 * PrivateDnsZones and HubPeering, planned alone with args built by hand: a shared zone is linked to every hub,
 * a regional copy only to its region's hub (docs/adr/0102), links never auto-register; the hub peering that
 * offers gateway transit is created before the one that uses it, and only the hub layer's peerings are made.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { PeeringModel } from "@plugilo/model";
import { planComponent } from "@plugilo/testing";
import { VirtualNetwork } from "@pulumi/azure-native/network/index.js";
import { HubPeering } from "../src/hub-peering.ts";
import { PrivateDnsZones } from "../src/private-dns-zones.ts";

const GWC = "/subscriptions/h/resourceGroups/rg-hub-gwc/providers/Microsoft.Network/virtualNetworks/vnet-hub-gwc";
const GN = "/subscriptions/h/resourceGroups/rg-hub-gn/providers/Microsoft.Network/virtualNetworks/vnet-hub-gn";
const vnets = [
  { key: "hub-gwc", id: GWC, name: "vnet-hub-gwc", resourceGroup: "rg-hub-gwc", region: "germanywestcentral" as const },
  { key: "hub-gn", id: GN, name: "vnet-hub-gn", resourceGroup: "rg-hub-gn", region: "germanynorth" as const },
];
const hubVnet = (key: string) =>
  new VirtualNetwork(key, { resourceGroupName: `rg-${key}`, virtualNetworkName: `vnet-${key}`, location: "germanywestcentral" });

describe("PrivateDnsZones", () => {
  it("links a shared zone to every hub and a regional copy to its own hub, in its own resource group", async () => {
    const plan = await planComponent(() => {
      new PrivateDnsZones("private-dns", {
        dns: {
          resourceGroup: "rg-dns",
          links: [
            { vnetKey: "hub-gwc", name: "link-gwc" },
            { vnetKey: "hub-gn", name: "link-gn" },
          ],
          privateZones: [
            { name: "privatelink.postgres.database.azure.com", id: "z1", service: "PostgreSQL", source: "learn" },
            {
              name: "privatelink.vaultcore.azure.net",
              id: "z2",
              service: "Key Vault",
              source: "learn",
              region: "germanynorth",
              resourceGroup: "rg-hub-gn",
            },
          ],
        },
        vnets,
        tags: { layer: "hub" },
        hubVnets: { "hub-gwc": hubVnet("hub-gwc"), "hub-gn": hubVnet("hub-gn") },
      });
    });
    assert.deepEqual(
      plan
        .ofType("azure-native:privatedns:PrivateZone")
        .map((z) => [z.name, z.inputs.privateZoneName, z.inputs.resourceGroupName]),
      [
        ["privatelink.postgres.database.azure.com", "privatelink.postgres.database.azure.com", "rg-dns"],
        ["privatelink.vaultcore.azure.net-germanynorth", "privatelink.vaultcore.azure.net", "rg-hub-gn"],
      ],
    );
    const links = plan.ofType("azure-native:privatedns:VirtualNetworkLink");
    assert.deepEqual(
      links.map((l) => [l.inputs.resourceGroupName, l.inputs.virtualNetworkLinkName, l.inputs.virtualNetwork]),
      [
        ["rg-dns", "link-gwc", { id: GWC }],
        ["rg-dns", "link-gn", { id: GN }],
        ["rg-hub-gn", "link-gn", { id: GN }],
      ],
    );
    for (const l of links) assert.deepEqual([l.inputs.registrationEnabled, l.inputs.location], [false, "global"]);
  });

  it("refuses a link to a VNet that is not a hub it was given", async () => {
    await assert.rejects(
      planComponent(() => {
        new PrivateDnsZones("private-dns", {
          dns: {
            resourceGroup: "rg-dns",
            links: [{ vnetKey: "hub-x", name: "l" }],
            privateZones: [{ name: "z", id: "z", service: "s", source: "s" }],
          },
          vnets,
          tags: {},
          hubVnets: {},
        });
      }),
      /no hub VNet hub-x to link z to/,
    );
  });
});

describe("HubPeering", () => {
  const peering = (vnetKey: string, remoteVnetKey: string, transit: boolean, layer = "hub"): PeeringModel => ({
    name: `${vnetKey}-to-${remoteVnetKey}`,
    layer,
    vnetKey,
    remoteVnetKey,
    allowForwardedTraffic: true,
    allowGatewayTransit: transit,
    useRemoteGateways: !transit,
  });

  it("creates the hub layer's peerings, the side offering gateway transit first", async () => {
    const plan = await planComponent(() => {
      const gwc = hubVnet("hub-gwc");
      new HubPeering("hub-peering", {
        // The side that uses the remote gateway is listed first, and a spoke's peering is not the hub layer's.
        peerings: [
          peering("hub-gn", "hub-gwc", false),
          peering("spoke", "hub-gwc", false, "app1"),
          peering("hub-gwc", "hub-gn", true),
        ],
        vnets,
        hubVnets: { "hub-gwc": gwc, "hub-gn": hubVnet("hub-gn") },
        vpnGateway: gwc,
      });
    });
    const peers = plan.ofType("azure-native:network:VirtualNetworkPeering");
    assert.deepEqual(
      peers.map((p) => [
        p.inputs.resourceGroupName,
        p.inputs.virtualNetworkName,
        p.inputs.remoteVirtualNetwork,
        p.inputs.allowGatewayTransit,
        p.inputs.useRemoteGateways,
      ]),
      [
        ["rg-hub-gwc", "vnet-hub-gwc", { id: GN }, true, false],
        ["rg-hub-gn", "vnet-hub-gn", { id: GWC }, false, true],
      ],
    );
    for (const p of peers) assert.deepEqual([p.inputs.allowVirtualNetworkAccess, p.inputs.allowForwardedTraffic], [true, true]);
  });
});
