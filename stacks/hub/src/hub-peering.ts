/**
 * Global peering between the regional hubs, both directions. The primary hub offers its VPN gateway
 * (gateway transit); the secondary hub uses it, so its firewall learns the AWS and GCP routes over BGP.
 */
import type { PeeringModel, VnetModel } from "@plugilo/model";
import { VirtualNetworkPeering } from "@pulumi/azure-native/network/index.js";
import * as pulumi from "@pulumi/pulumi";

export interface HubPeeringArgs {
  /** The environment's peerings; the hub layer's are created here. */
  readonly peerings: readonly PeeringModel[];
  /** The VNets the peerings name. */
  readonly vnets: readonly Pick<VnetModel, "key" | "id" | "name" | "resourceGroup">[];
  /** The hub VNets by key, and the VPN gateway the secondary hub's peering uses. */
  hubVnets: Record<string, pulumi.Resource>;
  vpnGateway: pulumi.Resource;
}

export class HubPeering extends pulumi.ComponentResource {
  constructor(name: string, args: HubPeeringArgs, opts?: pulumi.ComponentResourceOptions) {
    super("plugilo:hub:HubPeering", name, {}, opts);
    // The side that offers transit first; the side that uses the remote gateway needs it to exist.
    const peerings = args.peerings
      .filter((p) => p.layer === "hub")
      .sort((a, b) => Number(a.useRemoteGateways) - Number(b.useRemoteGateways));
    const created: pulumi.Resource[] = [];
    for (const p of peerings) {
      const local = args.vnets.find((v) => v.key === p.vnetKey);
      const remote = args.vnets.find((v) => v.key === p.remoteVnetKey);

      if (!local || !remote) throw new Error(`peering ${p.name} names an unknown VNet`);
      const deps = [args.hubVnets[p.vnetKey], args.hubVnets[p.remoteVnetKey], args.vpnGateway, ...created].filter(
        (r): r is pulumi.Resource => r !== undefined,
      );
      created.push(
        new VirtualNetworkPeering(
          p.name,
          {
            resourceGroupName: local.resourceGroup,
            virtualNetworkName: local.name,
            virtualNetworkPeeringName: p.name,
            remoteVirtualNetwork: { id: remote.id },
            allowVirtualNetworkAccess: true,
            allowForwardedTraffic: p.allowForwardedTraffic,
            allowGatewayTransit: p.allowGatewayTransit,
            useRemoteGateways: p.useRemoteGateways,
          },
          { parent: this, dependsOn: deps },
        ),
      );
    }
    this.registerOutputs({});
  }
}
