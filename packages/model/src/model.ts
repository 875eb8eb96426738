/** The resolved, typed description of one environment: what every stack, renderer and report reads. */
import type { AddressPlan } from "./address-plan.ts";
import type { ConfigFinding } from "./findings.ts";
import type { RegionCapability, RegionName } from "./regions.ts";
import type { EnvironmentConfig, SubnetKind, SubscriptionKey } from "./schema.ts";
import type { VnetKind } from "./subnet-catalogue.ts";

export type LayerKind = "foundation" | "hub" | "edge" | "cluster" | "data" | "access";

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

export interface SubnetModel {
  kind: SubnetKind;
  name: string;
  id: string;
  cidr: string;
  purpose: string;
  delegation?: string;
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
  subscriptionId: string;
  cluster?: string;
  subnets: SubnetModel[];
}

export interface ClusterModel {
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

export interface HubModel {
  region: RegionName;
  vnetKey: string;
  firewallName: string;
  firewallPrivateIp: string;
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
  hubs: HubModel[];
  clusters: ClusterModel[];
  logAnalytics: LogAnalyticsModel[];
  networkManager: { name: string; id: string; resourceGroup: string; subscriptionId: string; location: RegionName };
  warnings: ConfigFinding[];
}

export const REQUIRED_TAGS = ["owner", "cost-center", "data-classification", "environment"] as const;
