/**
 * The Azure side of every tunnel: a local network gateway for the remote end (its outside IP, its BGP
 * address and ASN; no address space, BGP carries the routes) and a connection from the primary hub's VPN
 * gateway with the tunnel's pre-shared key and custom APIPA BGP addresses. They live in the multicloud layer
 * because they need the addresses AWS and GCP assign (docs/adr/0014); they deploy into the Hub subscription.
 */
import { AZURE_IPSEC_POLICY, type VpnModel } from "@plugilo/model";
import { LocalNetworkGateway, VirtualNetworkGatewayConnection } from "@pulumi/azure-native/network/index.js";
import * as pulumi from "@pulumi/pulumi";
import type { PreSharedKeys } from "./pre-shared-keys.ts";

export interface AzureVpnConnectionsArgs {
  vpn: VpnModel;
  tags: Record<string, string>;
  keys: PreSharedKeys;
  /** Tunnel key -> the remote end's outside IP (AWS tunnel address, GCP HA VPN interface). */
  remoteIps: Record<string, pulumi.Output<string>>;
}

export class AzureVpnConnections extends pulumi.ComponentResource {
  readonly connections: VirtualNetworkGatewayConnection[] = [];

  constructor(name: string, args: AzureVpnConnectionsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("plugilo:multicloud:AzureVpnConnections", name, {}, opts);
    const { vpn, tags, keys } = args;
    const common = { resourceGroupName: vpn.connectionsResourceGroup, location: vpn.gateway.region, tags };
    for (const tunnel of vpn.tunnels) {
      const remoteIp = args.remoteIps[tunnel.key];
      if (!remoteIp) throw new Error(`no remote address for tunnel ${tunnel.key}`);
      const lng = new LocalNetworkGateway(
        tunnel.localNetworkGatewayName,
        {
          ...common,
          localNetworkGatewayName: tunnel.localNetworkGatewayName,
          gatewayIpAddress: remoteIp,
          bgpSettings: { asn: tunnel.remoteAsn, bgpPeeringAddress: tunnel.remoteBgpIp },
        },
        { parent: this },
      );
      this.connections.push(
        new VirtualNetworkGatewayConnection(
          tunnel.connectionName,
          {
            ...common,
            virtualNetworkGatewayConnectionName: tunnel.connectionName,
            connectionType: "IPsec",
            connectionProtocol: "IKEv2",
            virtualNetworkGateway1: { id: vpn.gateway.id },
            localNetworkGateway2: { id: lng.id },
            sharedKey: keys.of(tunnel),
            enableBgp: true,
            // An explicit policy: the same suite the AWS and Google Cloud ends are given (ipsec-policy.ts).
            ipsecPolicies: [{ ...AZURE_IPSEC_POLICY }],
            gatewayCustomBgpIpAddresses: tunnel.customBgpIpAddresses,
          },
          { parent: this },
        ),
      );
    }
    this.registerOutputs({});
  }
}
