/** The resources every layer places: resource groups, layers, VNets, subnets, routes, NSGs, peerings, DNS, Log Analytics, address reservations. */
import type { RegionName } from "./regions.ts";
import type { SubnetKind, SubscriptionKey } from "./schema-constants.ts";
import type { VnetKind } from "./subnet-catalogue.ts";

export type LayerKind = "foundation" | "hub" | "shared" | "edge" | "cluster" | "data" | "access" | "multicloud";

export interface ResourceGroupModel {
  name: string;
  id: string;
  location: RegionName;
  subscriptionId: string;
}

export interface LayerModel {
  /** Stack name: the layer kind, or the cluster name for cluster layers. */
  name: string;
  kind: LayerKind;
  subscription: SubscriptionKey;
  subscriptionId: string;
  resourceGroups: Partial<Record<RegionName, ResourceGroupModel>>;
}

export interface RouteModel {
  name: string;
  addressPrefix: string;
  nextHopType: "VirtualAppliance" | "Internet";
  nextHopIpAddress?: string;
}

export interface RouteTableModel {
  name: string;
  id: string;
  /** Spokes ignore routes learned over BGP (the VPN) so their traffic keeps going through the firewall. */
  disableBgpRoutePropagation: boolean;
  routes: RouteModel[];
}

export interface SecurityRuleModel {
  name: string;
  priority: number;
  direction: "Inbound" | "Outbound";
  access: "Allow" | "Deny";
  protocol: "*" | "Tcp" | "Udp";
  /** Address prefixes or one service tag (GatewayManager, AzureLoadBalancer, *). */
  sourceAddressPrefixes: string[];
  destinationPortRanges: string[];
  description: string;
}

export interface NetworkSecurityGroupModel {
  name: string;
  id: string;
  rules: SecurityRuleModel[];
}

export interface SubnetModel {
  kind: SubnetKind;
  name: string;
  id: string;
  cidr: string;
  purpose: string;
  delegation?: string;
  /** Absent on AzureFirewallSubnet and GatewaySubnet, which Azure does not let an NSG guard. */
  networkSecurityGroup?: NetworkSecurityGroupModel;
  routeTable?: RouteTableModel;
}

export interface VnetModel {
  key: string;
  kind: VnetKind;
  name: string;
  id: string;
  region: RegionName;
  cidr: string;
  layer: string;
  resourceGroup: string;
  subscription: SubscriptionKey;
  subscriptionId: string;
  cluster?: string;
  /** DNS servers handed to the VNet's resources: the regional firewall (DNS proxy) in spokes; Azure DNS in hubs. */
  dnsServers: string[];
  subnets: SubnetModel[];
}

/** One direction of a VNet peering; every peering exists in both directions. */
export interface PeeringModel {
  name: string;
  /** The stack that creates it: a spoke's layer creates both directions of its own peering. */
  layer: string;
  vnetKey: string;
  remoteVnetKey: string;
  allowForwardedTraffic: boolean;
  allowGatewayTransit: boolean;
  useRemoteGateways: boolean;
}

export interface PrivateDnsZoneModel {
  name: string;
  id: string;
  /** The Private Link service the zone resolves. */
  service: string;
  source: string;
  /** A regional copy (private-dns-resolution.ts): in this region's hub resource group, linked to its hub only. */
  region?: RegionName;
  /** Resource group of a regional copy; the shared zones are in DnsModel.resourceGroup. */
  resourceGroup?: string;
}

export interface DnsModel {
  resourceGroup: string;
  subscriptionId: string;
  location: RegionName;
  privateZones: PrivateDnsZoneModel[];
  /** Every private zone is linked to these VNets (the hubs, where the firewall's DNS proxy resolves). */
  links: { vnetKey: string; name: string }[];
  publicZones: { name: string; id: string }[];
}

export interface LogAnalyticsModel {
  name: string;
  id: string;
  region: RegionName;
  resourceGroup: string;
  subscriptionId: string;
  retentionDays: number;
}

export type ReservationKind = "environment" | "aws" | "gcp" | "tailscale" | "pods" | "services";

/** A range the address plan must keep clear of, or a non-routable range that must not collide with a routable one. */
export interface Reservation {
  name: string;
  kind: ReservationKind;
  cidr: string;
  routable: boolean;
  /** Field path in the environment file that declares it. */
  path: string;
}

/** Every routable range of the environment: its address space, the VPN ranges and the tailnet. */
export function routableRanges(reservations: readonly Reservation[]): string[] {
  return reservations.filter((r) => r.routable).map((r) => r.cidr);
}

/**
 * An east-west firewall network rule between private ranges, spoke to spoke through the hub firewalls: the
 * clusters to the data private endpoints, to the shared services, and the admins' access all take this shape.
 */
export interface EastWestRuleModel {
  name: string;
  protocol: "TCP";
  sourceAddresses: string[];
  destinationAddresses: string[];
  destinationPorts: string[];
}

/** @deprecated The former name of {@link EastWestRuleModel}. */
export type DataAccessRuleModel = EastWestRuleModel;
