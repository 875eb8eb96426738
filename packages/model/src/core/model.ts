/** The resolved, typed description of one environment: what every stack, renderer and report reads. */

import type { AvdFirewallModel, AvdModel } from "../access/access.ts";
import type { AddressPlan } from "./address-plan.ts";
import type { ClusterSettings } from "../cluster/cluster-settings.ts";
import type { DataModel, EastWestRuleModel } from "../data/data.ts";
import type { EdgeModel } from "../edge/edge.ts";
import type { ConfigFinding } from "./findings.ts";
import type { GitopsModel } from "../gitops/gitops.ts";
import type { GitopsSourcesModel } from "../gitops/gitops-sources.ts";
import type { RegionCapability, RegionName } from "./regions.ts";
import type { EnvironmentConfig, IdpsMode, SubnetKind, SubscriptionKey } from "./schema.ts";
import type { ContainerRegistryModel, KeyVaultModel } from "../shared/shared-services.ts";
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

export interface ClusterBaseModel {
  name: string;
  aksName: string;
  region: RegionName;
  subscription: SubscriptionKey;
  subscriptionId: string;
  resourceGroup: ResourceGroupModel;
  tier: "Free" | "Standard" | "Premium";
  systemPool: { vmSize: string; count: number; zones: string[] };
  podCidr: string;
  serviceCidr: string;
  dnsServiceIp: string;
  vnetKey: string;
  /** Static address of the Istio ingress gateway's internal load balancer. */
  ingressIp: string;
  /** Folder Argo CD syncs for this cluster. */
  gitopsPath: string;
}

/** A cluster with its AKS settings, identities, workload classes and Argo CD bootstrap (cluster-settings.ts). */
export interface ClusterModel extends ClusterBaseModel, ClusterSettings {}

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

export type TlsInspectionModel =
  | { enabled: false }
  | { enabled: true; keyVaultId: string; caCertificateSecretId: string; identityName: string };

/** Settings every regional firewall policy shares. */
export interface FirewallPolicyModel {
  tier: "Premium";
  threatIntelMode: "Deny";
  dnsProxy: true;
  idpsMode: IdpsMode;
  /** The ranges IDPS treats as internal: every routable range of the environment, set explicitly. */
  idpsPrivateRanges: string[];
  tlsInspection: TlsInspectionModel;
  packageSources: string[];
  outboundFqdns: string[];
  /** Network rules from the clusters to the data private endpoints. */
  dataAccess: EastWestRuleModel[];
  sharedServicesAccess: EastWestRuleModel[];
  /** API Management's outbound dependencies (service tags) from its integrated subnet (apim-dependencies.ts). */
  apimDependencies: EastWestRuleModel[];
  /** Azure Virtual Desktop egress and admin access (access.ts); undefined unless access.mode is avd. */
  avd: AvdFirewallModel | undefined;
  /** The clusters -> chart repositories, image registries and the GitOps repository (gitops-sources.ts). */
  gitopsSources: GitopsSourcesModel;
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

export interface EnvironmentModel {
  name: string;
  file: string;
  organization: string;
  tenantId: string;
  config: EnvironmentConfig;
  managementGroup: { groupId: string; id: string; displayName: string; parentId?: string };
  subscriptions: Record<SubscriptionKey, string>;
  regions: { primary: RegionCapability; secondary: RegionCapability; all: RegionName[] };
  tags: Record<string, string>;
  protectStateful: boolean;
  addressPlan: AddressPlan;
  reservations: Reservation[];
  layers: LayerModel[];
  vnets: VnetModel[];
  peerings: PeeringModel[];
  hubs: HubModel[];
  firewallPolicy: FirewallPolicyModel;
  dns: DnsModel;
  vpn: VpnModel;
  clusters: ClusterModel[];
  logAnalytics: LogAnalyticsModel[];
  networkManager: { name: string; id: string; resourceGroup: string; subscriptionId: string; location: RegionName };
  keyVault: KeyVaultModel;
  containerRegistry: ContainerRegistryModel;
  /** Front Door, Application Gateways and API Management (packages/model/src/edge.ts). */
  edge: EdgeModel;
  /** Add-on flags and Helm values per cluster, runner scale sets (gitops.ts). */
  gitops: GitopsModel;
  /** PostgreSQL, Cosmos DB, Redis, Elastic, storage; in-cluster operators for dev (data.ts). */
  data: DataModel;
  /** Azure Virtual Desktop (access.ts); undefined unless access.mode is avd. */
  avd: AvdModel | undefined;
  warnings: ConfigFinding[];
}

export const REQUIRED_TAGS = ["owner", "cost-center", "data-classification", "environment"] as const;
