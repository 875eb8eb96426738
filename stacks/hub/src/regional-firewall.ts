/**
 * Azure Firewall Premium of one hub: zones 1-3 where the region has them (the capability catalogue decides),
 * its own Standard public IP for DNAT and management (outbound SNAT uses the NAT gateway on its subnet),
 * and its logs in resource-specific tables of the region's workspace.
 * https://learn.microsoft.com/azure/firewall/features-by-sku
 */
import { sendToLogAnalytics } from "@plugilo/components";
import type { HubModel, VnetModel } from "@plugilo/model";
import { AzureFirewall, PublicIPAddress } from "@pulumi/azure-native/network/index.js";
import * as pulumi from "@pulumi/pulumi";

export interface RegionalFirewallArgs {
  hub: HubModel;
  vnet: VnetModel;
  firewallPolicyId: pulumi.Input<string>;
  tags: Record<string, string>;
  /** The hub VNet and the policy's rule groups: the firewall is created after them. */
  dependsOn: pulumi.Resource[];
}

export class RegionalFirewall extends pulumi.ComponentResource {
  readonly firewall: AzureFirewall;
  readonly publicIp: PublicIPAddress;

  constructor(name: string, args: RegionalFirewallArgs, opts?: pulumi.ComponentResourceOptions) {
    super("plugilo:hub:RegionalFirewall", name, {}, opts);
    const { hub, vnet, tags } = args;
    const child = { parent: this };
    const zones = hub.firewallZones.length > 0 ? { zones: hub.firewallZones } : {};
    const subnet = vnet.subnets.find((s) => s.kind === "firewall");
    if (!subnet) throw new Error(`${vnet.key} has no AzureFirewallSubnet`);

    this.publicIp = new PublicIPAddress(
      hub.firewallPublicIpName,
      {
        resourceGroupName: hub.resourceGroup,
        location: hub.region,
        publicIpAddressName: hub.firewallPublicIpName,
        // Azure Firewall takes Standard public IPs; their zones must cover the firewall's.
        sku: { name: "Standard", tier: "Regional" },
        publicIPAllocationMethod: "Static",
        ...zones,
        tags,
      },
      child,
    );
    this.firewall = new AzureFirewall(
      hub.firewallName,
      {
        resourceGroupName: hub.resourceGroup,
        location: hub.region,
        azureFirewallName: hub.firewallName,
        sku: { name: "AZFW_VNet", tier: "Premium" },
        firewallPolicy: { id: args.firewallPolicyId },
        ipConfigurations: [{ name: "ipconfig-afw", subnet: { id: subnet.id }, publicIPAddress: { id: this.publicIp.id } }],
        ...zones,
        tags,
      },
      { ...child, dependsOn: args.dependsOn },
    );
    const workspaceId = hub.logAnalyticsWorkspaceId;
    sendToLogAnalytics(
      hub.firewallName,
      { resourceId: this.firewall.id, workspaceId, logs: true, metrics: true, resourceSpecificTables: true },
      child,
    );
    sendToLogAnalytics(hub.firewallPublicIpName, { resourceId: this.publicIp.id, workspaceId, logs: true, metrics: true }, child);
    this.registerOutputs({ firewallId: this.firewall.id });
  }
}
