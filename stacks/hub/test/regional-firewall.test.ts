/**
 * RegionalFirewall planned alone with a hub built by hand: Azure Firewall Premium (sku AZFW_VNet, tier
 * Premium: TLS inspection, IDPS; https://learn.microsoft.com/azure/firewall/features-by-sku) with its policy
 * attached, in AzureFirewallSubnet, zones 1-3 for the firewall and its Standard static public IP, whose zones
 * must cover the firewall's (https://learn.microsoft.com/azure/firewall/deploy-availability-zone-powershell);
 * its logs in resource-specific tables (https://learn.microsoft.com/azure/firewall/monitor-firewall). It refuses
 * a hub VNet without AzureFirewallSubnet.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { planComponent, planFailure } from "@plugilo/testing";
import { RegionalFirewall } from "../src/regional-firewall.ts";
import { HUB_SUBSCRIPTION, HUB_VNET, hub, hubVnet, WORKSPACE } from "./hub-fixture.ts";

const SUBNET = `${HUB_VNET}/subnets/AzureFirewallSubnet`;
const firewallSubnet = {
  kind: "firewall" as const,
  name: "AzureFirewallSubnet",
  id: SUBNET,
  cidr: "10.0.0.0/26",
  purpose: "firewall",
};

describe("RegionalFirewall", () => {
  it("is a zonal Premium firewall with its policy, in AzureFirewallSubnet of the hub subscription", async () => {
    const plan = await planComponent(({ providerFor }) => {
      new RegionalFirewall(
        "firewall",
        { hub, vnet: hubVnet([firewallSubnet]), firewallPolicyId: hub.firewallPolicyId, tags: { layer: "hub" }, dependsOn: [] },
        { providers: [providerFor("hub")] },
      );
    });
    const firewall = plan.named("azure-native:network:AzureFirewall", "afw-acme-test-gwc");
    const ip = plan.named("azure-native:network:PublicIPAddress", "pip-afw-acme-test-gwc");
    assert.equal(plan.subscriptionOf(firewall), HUB_SUBSCRIPTION);
    assert.equal(plan.subscriptionOf(ip), HUB_SUBSCRIPTION);
    assert.deepEqual(firewall.inputs.sku, { name: "AZFW_VNet", tier: "Premium" });
    assert.deepEqual(firewall.inputs.firewallPolicy, {
      id: `/subscriptions/${HUB_SUBSCRIPTION}/resourceGroups/rg-hub-gwc/providers/Microsoft.Network/firewallPolicies/afwp-acme-test-gwc`,
    });
    assert.deepEqual(firewall.inputs.zones, ["1", "2", "3"]);
    const [config] = firewall.inputs.ipConfigurations as { subnet: { id: string }; publicIPAddress: { id: string } }[];
    assert.equal(config?.subnet.id, SUBNET);
    assert.match(String(config?.publicIPAddress.id), /\/publicIPAddresses\/pip-afw-acme-test-gwc$/);
    assert.deepEqual(
      [ip.inputs.sku, ip.inputs.publicIPAllocationMethod, ip.inputs.zones, ip.inputs.location],
      [{ name: "Standard", tier: "Regional" }, "Static", ["1", "2", "3"], "germanywestcentral"],
    );
    const diagnostics = plan.ofType("azure-native:monitor:DiagnosticSetting");
    assert.deepEqual(diagnostics.map((d) => [d.name, d.inputs.workspaceId, d.inputs.logAnalyticsDestinationType]).sort(), [
      ["afw-acme-test-gwc-diagnostics", WORKSPACE, "Dedicated"],
      ["pip-afw-acme-test-gwc-diagnostics", WORKSPACE, undefined],
    ]);
  });

  it("refuses a hub VNet without AzureFirewallSubnet", async () => {
    const error = await planFailure(() => {
      new RegionalFirewall("firewall", {
        hub,
        vnet: hubVnet([]),
        firewallPolicyId: hub.firewallPolicyId,
        tags: {},
        dependsOn: [],
      });
    });
    assert.match(error, /hub-gwc has no AzureFirewallSubnet/);
  });
});
