/**
 * The VPN gateway to AWS and GCP in the primary hub: a zone-redundant AZ SKU, active-active (two instances,
 * two zone-redundant public IPs), BGP with the custom APIPA addresses of the model's tunnels. The AWS and GCP
 * ends and the connections to them are the multicloud layer's (docs/adr/0014).
 * https://learn.microsoft.com/azure/vpn-gateway/about-zone-redundant-vnet-gateways
 * https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-howto-aws-bgp
 */
import { sendToLogAnalytics } from "@plugilo/components";
import type { VpnModel } from "@plugilo/model";
import { PublicIPAddress, VirtualNetworkGateway } from "@pulumi/azure-native/network/index.js";
import * as pulumi from "@pulumi/pulumi";

export interface VpnGatewayArgs {
  vpn: Pick<VpnModel, "gateway">;
  tags: Record<string, string>;
  hubVnet: pulumi.Resource;
}

export class VpnGateway extends pulumi.ComponentResource {
  readonly gateway: VirtualNetworkGateway;
  readonly publicIps: PublicIPAddress[];

  constructor(name: string, args: VpnGatewayArgs, opts?: pulumi.ComponentResourceOptions) {
    super("plugilo:hub:VpnGateway", name, {}, opts);
    const gateway = args.vpn.gateway;
    const tags = args.tags;
    const child = { parent: this };
    const common = { resourceGroupName: gateway.resourceGroup, location: gateway.region, tags };

    this.publicIps = gateway.instances.map(
      (instance) =>
        new PublicIPAddress(
          instance.publicIpName,
          {
            ...common,
            publicIpAddressName: instance.publicIpName,
            sku: { name: "Standard", tier: "Regional" },
            publicIPAllocationMethod: "Static",
            // An AZ gateway needs Standard public IPs; zones 1-3 make them zone-redundant.
            ...(gateway.zones.length > 0 ? { zones: gateway.zones } : {}),
          },
          child,
        ),
    );
    this.gateway = new VirtualNetworkGateway(
      gateway.name,
      {
        ...common,
        virtualNetworkGatewayName: gateway.name,
        gatewayType: "Vpn",
        vpnType: "RouteBased",
        sku: { name: gateway.sku, tier: gateway.sku },
        vpnGatewayGeneration: gateway.generation,
        activeActive: true,
        enableBgp: true,
        bgpSettings: {
          asn: gateway.asn,
          bgpPeeringAddresses: gateway.instances.map((i) => ({
            ipconfigurationId: i.ipConfigurationId,
            customBgpIpAddresses: i.customBgpIps,
          })),
        },
        ipConfigurations: gateway.instances.map((instance, i) => ({
          name: instance.ipConfigurationName,
          privateIPAllocationMethod: "Dynamic",
          subnet: { id: gateway.gatewaySubnetId },
          publicIPAddress: { id: (this.publicIps[i] as PublicIPAddress).id },
        })),
      },
      { ...child, dependsOn: [args.hubVnet] },
    );
    sendToLogAnalytics(
      gateway.name,
      { resourceId: this.gateway.id, workspaceId: gateway.logAnalyticsWorkspaceId, logs: true, metrics: true },
      child,
    );
    gateway.instances.forEach((instance, i) => {
      const ip = this.publicIps[i] as PublicIPAddress;
      sendToLogAnalytics(
        instance.publicIpName,
        { resourceId: ip.id, workspaceId: gateway.logAnalyticsWorkspaceId, logs: true, metrics: true },
        child,
      );
    });
    this.registerOutputs({ gatewayId: this.gateway.id });
  }
}
