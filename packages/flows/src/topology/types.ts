/** The network a plan describes: VNets and subnets, routes, NSGs, firewalls, private endpoints and DNS, VPN. */
import type { PlannedResource } from "@plugilo/policy";
import type { AddressRange } from "../address.ts";

export interface Subnet {
  name: string;
  vnet: Vnet;
  cidr: string;
  range: AddressRange;
  nsg?: Nsg;
  /** Referenced NSG that the plan does not hold (a broken reference). */
  missingNsg?: string;
  routeTable?: RouteTable;
  missingRouteTable?: string;
  natGateway?: string;
  defaultOutboundAccess: boolean | undefined;
  /** Subnet property privateEndpointNetworkPolicies (Azure's default: Disabled). */
  privateEndpointNetworkPolicies: string;
  privateLinkServiceNetworkPolicies: string;
}

export interface Vnet {
  name: string;
  resourceGroup: string;
  location: string;
  prefixes: string[];
  ranges: AddressRange[];
  dnsServers: string[];
  subnets: Subnet[];
  peerings: Peering[];
  gateway?: VpnGateway;
}

export interface Peering {
  name: string;
  local: Vnet;
  remoteName: string;
  remote?: Vnet;
  allowVirtualNetworkAccess: boolean;
  allowForwardedTraffic: boolean;
  allowGatewayTransit: boolean;
  useRemoteGateways: boolean;
}

export interface Route {
  name: string;
  addressPrefix: string;
  nextHopType: string;
  nextHopIpAddress?: string;
}

export interface RouteTable {
  name: string;
  disableBgpRoutePropagation: boolean;
  routes: Route[];
}

export interface SecurityRule {
  name: string;
  priority: number;
  direction: "Inbound" | "Outbound";
  access: "Allow" | "Deny";
  protocol: string;
  sources: string[];
  destinations: string[];
  ports: string[];
}

export interface Nsg {
  name: string;
  rules: SecurityRule[];
}

export interface FirewallRule {
  name: string;
  ruleType: "NetworkRule" | "ApplicationRule" | "NatRule";
  sourceAddresses: string[];
  destinationAddresses: string[];
  destinationFqdns: string[];
  destinationPorts: string[];
  ipProtocols: string[];
  targetFqdns: string[];
  fqdnTags: string[];
  protocols: { protocolType: string; port: number }[];
  translatedAddress?: string;
  translatedPort?: string;
}

export interface RuleCollection {
  group: string;
  groupPriority: number;
  name: string;
  priority: number;
  kind: "filter" | "nat";
  action: string;
  rules: FirewallRule[];
}

export interface FirewallPolicy {
  name: string;
  dnsProxy: boolean;
  dnsServers: string[];
  /** undefined: Azure's default, the IANA private ranges. */
  snatPrivateRanges?: string[];
  collections: RuleCollection[];
}

export interface Firewall {
  name: string;
  subnet: Subnet;
  /** Azure gives the firewall the first assignable address of AzureFirewallSubnet (offset 4). */
  privateIp: string;
  policy?: FirewallPolicy;
  missingPolicy?: string;
  publicIps: string[];
}

export interface PrivateEndpoint {
  name: string;
  resourceGroup: string;
  location: string;
  subnet?: Subnet;
  subnetRef: string;
  target: string;
  groupIds: string[];
  zones: string[];
}

export interface PrivateZone {
  name: string;
  /** Zones are resources of a resource group: two zones of one name (one per region) are two zones. */
  resourceGroup: string;
  linkedVnets: Set<string>;
  /** Record name (relative) -> the private endpoints that write it (zone groups) and explicit A records. */
  records: Map<string, { endpoints: PrivateEndpoint[]; addresses: string[] }>;
}

export interface VpnConnection {
  name: string;
  bgp: boolean;
  /** Prefixes learned from (or configured for) the remote site. */
  learned: string[];
  remote: string;
}

export interface VpnGateway {
  name: string;
  vnet: Vnet;
  bgp: boolean;
  publicIps: string[];
  connections: VpnConnection[];
}

export interface Topology {
  vnets: Map<string, Vnet>;
  subnets: Subnet[];
  firewalls: Firewall[];
  privateEndpoints: PrivateEndpoint[];
  /** Keyed by `{resourceGroup}/{zone name}`. */
  zones: Map<string, PrivateZone>;
  gateways: VpnGateway[];
  resources: PlannedResource[];
  byTypeName: Map<string, PlannedResource>;
}
