/** The hubs (firewall, NAT gateway) and the VPN to AWS and GCP. */
import type { RegionName } from "../core/regions.ts";

export interface HubModel {
  region: RegionName;
  vnetKey: string;
  firewallName: string;
  firewallPrivateIp: string;
  vnetName: string;
  vnetId: string;
  resourceGroup: string;
  subscriptionId: string;
  firewallId: string;
  firewallPolicyName: string;
  firewallPolicyId: string;
  /** Availability zones of the firewall and its public IP: the region's zones from the catalogue, or none. */
  firewallZones: string[];
  /** The firewall's own public IP: DNAT and management; outbound SNAT uses the NAT gateway. */
  firewallPublicIpName: string;
  natGatewayName: string;
  natGatewayId: string;
  natPublicIpNames: string[];
  /** Outbound SNAT ports of the NAT gateway: 64,512 per public IP. */
  snatPorts: number;
  /** Destinations the firewall does not SNAT: they see the original source address. */
  snatPrivateRanges: string[];
  /** Log Analytics workspace of the region: every diagnostic setting of the hub writes there. */
  logAnalyticsWorkspaceId: string;
  /** The VPN gateway to AWS and GCP lives in this hub (the primary region's). */
  hasVpnGateway: boolean;
}

export interface VpnGatewayInstanceModel {
  index: 0 | 1;
  publicIpName: string;
  ipConfigurationName: string;
  ipConfigurationId: string;
  /** APIPA BGP addresses of this instance, one per tunnel it terminates. */
  customBgpIps: string[];
}

/** One IPsec tunnel with its BGP session: both ends read these values, so they agree by construction. */
export interface VpnTunnelModel {
  key: string;
  cloud: "aws" | "gcp";
  /** The Azure gateway instance (active-active) whose public IP this tunnel ends on. */
  azureInstance: 0 | 1;
  /** AWS: the VPN connection (one per Azure instance); GCP: the HA VPN interface. */
  remoteConnection: number;
  /** AWS: tunnel 1 or 2 of the VPN connection; GCP: always 1. */
  remoteTunnel: number;
  /** The /30 of the BGP session, inside Azure's APIPA range 169.254.21.0-169.254.22.255. */
  insideCidr: string;
  azureBgpIp: string;
  remoteBgpIp: string;
  remoteAsn: number;
  localNetworkGatewayName: string;
  connectionName: string;
  /** The APIPA address each Azure instance uses on this connection (the other instance's is a placeholder). */
  customBgpIpAddresses: { ipConfigurationId: string; customBgpIpAddress: string }[];
  /** GCP only: names of the tunnel, the Cloud Router interface and BGP peer. */
  gcp?: { tunnelName: string; routerInterfaceName: string; routerPeerName: string };
}

export interface VpnModel {
  gateway: {
    name: string;
    id: string;
    region: RegionName;
    resourceGroup: string;
    subscriptionId: string;
    vnetKey: string;
    gatewaySubnetId: string;
    sku: string;
    generation: "Generation1" | "Generation2";
    asn: number;
    zones: string[];
    instances: [VpnGatewayInstanceModel, VpnGatewayInstanceModel];
    logAnalyticsWorkspaceId: string;
  };
  /** Resource group of the Azure local network gateways and connections (the multicloud layer's). */
  connectionsResourceGroup: string;
  aws: {
    region: string;
    asn: number;
    ranges: string[];
    transitGatewayName: string;
    /** One customer gateway and VPN connection per Azure gateway instance. */
    connections: { name: string; customerGatewayName: string; azureInstance: 0 | 1 }[];
    tags: Record<string, string>;
  };
  gcp: {
    region: string;
    project: string;
    network: string;
    asn: number;
    ranges: string[];
    haVpnGatewayName: string;
    externalVpnGatewayName: string;
    routerName: string;
    /** Google Cloud labels: lowercase letters, digits, dashes and underscores only. */
    labels: Record<string, string>;
  };
  tunnels: VpnTunnelModel[];
}
