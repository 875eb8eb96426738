/**
 * Outbound SNAT of a hub: a StandardV2 NAT gateway with StandardV2 public IPs, attached to
 * AzureFirewallSubnet. The firewall's outbound Internet traffic leaves through these IPs (64,512 SNAT ports
 * each, up to 16) instead of the firewall's 2,496 ports per IP and instance; DNAT and management keep the
 * firewall's own public IP. StandardV2 is zone-redundant by itself and takes only StandardV2 public IPs.
 * https://learn.microsoft.com/azure/firewall/integrate-with-nat-gateway-v2
 * https://learn.microsoft.com/azure/reliability/reliability-nat-gateway
 *
 * azure-native 3.28 sends natGateways and publicIPAddresses with API 2024-05-01, whose SKU enum has only
 * Standard. StandardV2 needs a newer API, so both go through the generic ARM resource with an explicit
 * API version (ADR 0012): https://learn.microsoft.com/azure/templates/microsoft.network/natgateways
 */
import { sendToLogAnalytics } from "@plugilo/components";
import type { HubModel } from "@plugilo/model";
import { Resource } from "@pulumi/azure-native/resources/index.js";
import * as pulumi from "@pulumi/pulumi";

export interface NatEgressArgs {
  hub: HubModel;
  tags: Record<string, string>;
}

/** The newest Microsoft.Network API version in the template reference; StandardV2 NAT and public IPs need a 2025 API. */
export const STANDARD_V2_API_VERSION = "2025-05-01";

const arm = (resourceType: string, resourceName: string) => ({
  resourceProviderNamespace: "Microsoft.Network",
  parentResourcePath: "",
  resourceType,
  resourceName,
  apiVersion: STANDARD_V2_API_VERSION,
});

export class NatEgress extends pulumi.ComponentResource {
  readonly natGateway: Resource;
  readonly publicIps: Resource[];

  constructor(name: string, args: NatEgressArgs, opts?: pulumi.ComponentResourceOptions) {
    super("plugilo:hub:NatEgress", name, {}, opts);
    const { hub, tags } = args;
    const child = { parent: this };
    const common = { resourceGroupName: hub.resourceGroup, location: hub.region, tags };

    this.publicIps = hub.natPublicIpNames.map(
      (ipName) =>
        new Resource(
          ipName,
          {
            ...common,
            ...arm("publicIPAddresses", ipName),
            sku: { name: "StandardV2", tier: "Regional" },
            properties: { publicIPAllocationMethod: "Static", publicIPAddressVersion: "IPv4" },
          },
          child,
        ),
    );
    this.natGateway = new Resource(
      hub.natGatewayName,
      {
        ...common,
        ...arm("natGateways", hub.natGatewayName),
        sku: { name: "StandardV2" },
        properties: { publicIpAddresses: this.publicIps.map((ip) => ({ id: ip.id })), idleTimeoutInMinutes: 4 },
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
