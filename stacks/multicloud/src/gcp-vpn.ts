/**
 * The Google Cloud end: an HA VPN gateway (two interfaces), an external VPN gateway for Azure's two
 * instances, a Cloud Router with the model's ASN that advertises exactly the model's GCP ranges, and per
 * interface a tunnel, a router interface (the model's /30) and a BGP peer (Azure's APIPA address and ASN).
 * EU region from the model (europe-west3, Frankfurt, by default).
 * https://cloud.google.com/network-connectivity/docs/vpn/how-to/creating-ha-vpn
 */
import { GCP_CIPHER_SUITE, type VpnModel } from "@plugilo/model";
import {
  ExternalVpnGateway,
  HaVpnGateway,
  Router,
  RouterInterface,
  RouterPeer,
  VPNTunnel,
  type VPNTunnelArgs,
} from "@pulumi/gcp/compute/index.js";
import * as pulumi from "@pulumi/pulumi";
import type { PreSharedKeys } from "./pre-shared-keys.ts";

export interface GcpVpnArgs {
  vpn: VpnModel;
  azureGatewayIps: pulumi.Output<string>[];
  keys: PreSharedKeys;
}

export class GcpVpn extends pulumi.ComponentResource {
  readonly haVpnGateway: HaVpnGateway;
  readonly router: Router;
  /** Tunnel key -> the address of the HA VPN interface the tunnel starts from. */
  readonly outsideIps: Record<string, pulumi.Output<string>> = {};

  constructor(name: string, args: GcpVpnArgs, opts?: pulumi.ComponentResourceOptions) {
    super("plugilo:multicloud:GcpVpn", name, {}, opts);
    const { vpn, keys } = args;
    const gcp = vpn.gcp;
    const child = { parent: this };
    const where = { project: gcp.project, region: gcp.region };
    const network = `projects/${gcp.project}/global/networks/${gcp.network}`;

    this.haVpnGateway = new HaVpnGateway(
      gcp.haVpnGatewayName,
      { ...where, name: gcp.haVpnGatewayName, network, labels: gcp.labels },
      child,
    );
    const azure = new ExternalVpnGateway(
      gcp.externalVpnGatewayName,
      {
        project: gcp.project,
        name: gcp.externalVpnGatewayName,
        description: `Azure VPN gateway ${vpn.gateway.name} (active-active)`,
        redundancyType: "TWO_IPS_REDUNDANCY",
        interfaces: args.azureGatewayIps.map((ipAddress, id) => ({ id, ipAddress })),
        labels: gcp.labels,
      },
      child,
    );
    this.router = new Router(
      gcp.routerName,
      {
        ...where,
        name: gcp.routerName,
        network,
        bgp: {
          asn: gcp.asn,
          // Azure learns exactly the ranges the model reserves for GCP, not whatever subnets exist.
          advertiseMode: "CUSTOM",
          advertisedIpRanges: gcp.ranges.map((range) => ({ range, description: "GCP range reachable from Azure" })),
        },
      },
      child,
    );

    for (const tunnel of vpn.tunnels.filter((t) => t.cloud === "gcp")) {
      const names = tunnel.gcp;
      if (!names) throw new Error(`tunnel ${tunnel.key} has no Google Cloud names`);
      const vpnTunnel = new VPNTunnel(
        names.tunnelName,
        {
          ...where,
          name: names.tunnelName,
          vpnGateway: this.haVpnGateway.id,
          vpnGatewayInterface: tunnel.remoteConnection,
          peerExternalGateway: azure.id,
          peerExternalGatewayInterface: tunnel.azureInstance,
          sharedSecret: keys.of(tunnel),
          router: this.router.id,
          ikeVersion: 2,
          // The one suite of every tunnel (ipsec-policy.ts).
          cipherSuite: structuredClone(GCP_CIPHER_SUITE) as unknown as VPNTunnelArgs["cipherSuite"],
          labels: gcp.labels,
        },
        child,
      );
      const routerInterface = new RouterInterface(
        names.routerInterfaceName,
        {
          ...where,
          name: names.routerInterfaceName,
          router: this.router.name,
          ipRange: `${tunnel.remoteBgpIp}/30`,
          vpnTunnel: vpnTunnel.name,
        },
        child,
      );
      new RouterPeer(
        names.routerPeerName,
        {
          ...where,
          name: names.routerPeerName,
          router: this.router.name,
          interface: routerInterface.name,
          peerIpAddress: tunnel.azureBgpIp,
          peerAsn: vpn.gateway.asn,
          advertisedRoutePriority: 100,
        },
        child,
      );
      this.outsideIps[tunnel.key] = this.haVpnGateway.vpnInterfaces.apply((interfaces) => {
        const ip = interfaces.find((i) => i.id === tunnel.remoteConnection)?.ipAddress;
        if (!ip) throw new Error(`HA VPN gateway has no interface ${tunnel.remoteConnection}`);
        return ip;
      });
    }
    this.registerOutputs({ haVpnGatewayId: this.haVpnGateway.id });
  }
}
