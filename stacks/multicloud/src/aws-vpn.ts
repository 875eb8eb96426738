/**
 * The AWS end: a transit gateway with the model's Amazon-side ASN, a customer gateway for each Azure gateway
 * instance, and a BGP VPN connection to each (two tunnels, the model's inside /30s and pre-shared keys).
 * AWS VPCs attach to the transit gateway in their own code; route propagation on the default route table
 * spreads the Azure prefixes learned over BGP to them. EU region from the model (eu-central-1 by default).
 */
import { awsTunnelArgs, type VpnModel, type VpnTunnelModel } from "@plugilo/model";
import { CustomerGateway, VpnConnection } from "@pulumi/aws/ec2/index.js";
import { TransitGateway } from "@pulumi/aws/ec2transitgateway/index.js";
import * as pulumi from "@pulumi/pulumi";
import type { PreSharedKeys } from "./pre-shared-keys.ts";

export interface AwsVpnArgs {
  vpn: VpnModel;
  /** Public IPs of the Azure gateway instances 0 and 1 (Azure assigns them). */
  azureGatewayIps: pulumi.Output<string>[];
  keys: PreSharedKeys;
}

export class AwsVpn extends pulumi.ComponentResource {
  readonly transitGateway: TransitGateway;
  readonly connections: VpnConnection[] = [];
  /** Tunnel key -> the AWS outside IP of that tunnel (what Azure's local network gateway points at). */
  readonly outsideIps: Record<string, pulumi.Output<string>> = {};

  constructor(name: string, args: AwsVpnArgs, opts?: pulumi.ComponentResourceOptions) {
    super("plugilo:multicloud:AwsVpn", name, {}, opts);
    const { vpn, keys } = args;
    const aws = vpn.aws;
    const child = { parent: this };
    const region = aws.region;

    this.transitGateway = new TransitGateway(
      aws.transitGatewayName,
      {
        region,
        description: `VPN to Azure (${vpn.gateway.name})`,
        amazonSideAsn: aws.asn,
        // Four tunnels carry traffic at once instead of one.
        vpnEcmpSupport: "enable",
        dnsSupport: "enable",
        defaultRouteTableAssociation: "enable",
        defaultRouteTablePropagation: "enable",
        autoAcceptSharedAttachments: "disable",
        tags: { ...aws.tags, Name: aws.transitGatewayName },
      },
      child,
    );

    for (const connection of aws.connections) {
      const ip = args.azureGatewayIps[connection.azureInstance];
      if (!ip) throw new Error(`no public IP for Azure gateway instance ${connection.azureInstance}`);
      const customerGateway = new CustomerGateway(
        connection.customerGatewayName,
        {
          region,
          type: "ipsec.1",
          ipAddress: ip,
          bgpAsn: String(vpn.gateway.asn),
          tags: { ...aws.tags, Name: connection.customerGatewayName },
        },
        child,
      );
      const tunnel = (n: number): VpnTunnelModel => {
        const t = vpn.tunnels.find(
          (x) => x.cloud === "aws" && x.remoteConnection === connection.azureInstance && x.remoteTunnel === n,
        );
        if (!t) throw new Error(`no tunnel ${n} for ${connection.name}`);
        return t;
      };
      const [t1, t2] = [tunnel(1), tunnel(2)];
      const vpnConnection = new VpnConnection(
        connection.name,
        {
          region,
          type: "ipsec.1",
          transitGatewayId: this.transitGateway.id,
          customerGatewayId: customerGateway.id,
          staticRoutesOnly: false,
          tunnel1InsideCidr: t1.insideCidr,
          tunnel2InsideCidr: t2.insideCidr,
          tunnel1PresharedKey: keys.of(t1),
          tunnel2PresharedKey: keys.of(t2),
          // IKEv2 and the one suite of every tunnel (ipsec-policy.ts).
          ...awsTunnelArgs(1),
          ...awsTunnelArgs(2),
          tags: { ...aws.tags, Name: connection.name },
        },
        child,
      );
      this.connections.push(vpnConnection);
      this.outsideIps[t1.key] = vpnConnection.tunnel1Address;
      this.outsideIps[t2.key] = vpnConnection.tunnel2Address;
    }
    this.registerOutputs({ transitGatewayId: this.transitGateway.id });
  }
}
