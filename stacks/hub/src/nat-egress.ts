/**
 * Outbound SNAT of a hub: a StandardV2 NAT gateway with StandardV2 public IPs, attached to
 * AzureFirewallSubnet. The firewall's outbound Internet traffic leaves through these IPs (64,512 SNAT ports
 * each, up to 16) instead of the firewall's 2,496 ports per IP and instance; DNAT and management keep the
 * firewall's own public IP. StandardV2 is zone-redundant by itself and takes only StandardV2 public IPs.
 * https://learn.microsoft.com/azure/firewall/integrate-with-nat-gateway-v2
 * https://learn.microsoft.com/azure/reliability/reliability-nat-gateway
 */
import { sendToLogAnalytics } from "@plugilo/components";
import type { HubModel } from "@plugilo/model";
import { NatGateway, PublicIPAddress } from "@pulumi/azure-native/network/index.js";
import * as pulumi from "@pulumi/pulumi";

export interface NatEgressArgs {
  hub: HubModel;
  tags: Record<string, string>;
}

export class NatEgress extends pulumi.ComponentResource {
  readonly natGateway: NatGateway;
  readonly publicIps: PublicIPAddress[];

  constructor(name: string, args: NatEgressArgs, opts?: pulumi.ComponentResourceOptions) {
    super("plugilo:hub:NatEgress", name, {}, opts);
    const { hub, tags } = args;
    const child = { parent: this };
    const common = { resourceGroupName: hub.resourceGroup, location: hub.region, tags };

    this.publicIps = hub.natPublicIpNames.map(
      (ipName) =>
        new PublicIPAddress(
          ipName,
          {
            ...common,
            publicIpAddressName: ipName,
            sku: { name: "StandardV2", tier: "Regional" },
            publicIPAllocationMethod: "Static",
            publicIPAddressVersion: "IPv4",
          },
          child,
        ),
    );
    this.natGateway = new NatGateway(
      hub.natGatewayName,
      {
        ...common,
        natGatewayName: hub.natGatewayName,
        sku: { name: "StandardV2" },
        publicIpAddresses: this.publicIps.map((ip) => ({ id: ip.id })),
        idleTimeoutInMinutes: 4,
      },
      child,
    );
    // A NAT gateway emits metrics only (SNAT connection counts, dropped packets).
    sendToLogAnalytics(
      hub.natGatewayName,
      { resourceId: this.natGateway.id, workspaceId: hub.logAnalyticsWorkspaceId, logs: false, metrics: true },
      child,
    );
    this.registerOutputs({ natGatewayId: this.natGateway.id });
  }
}
