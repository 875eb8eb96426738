/** The resolved, typed description of one environment: what every stack, renderer and report reads. */

import type { AvdModel } from "../access/avd-model.ts";
import type { ClusterModel } from "../cluster/types.ts";
import type { DataModel } from "../data/data.ts";
import type { EdgeModel } from "../edge/edge.ts";
import type { GitopsModel } from "../gitops/gitops.ts";
import type { HubModel, VpnModel } from "../hub/types.ts";
import type { FirewallPolicyModel } from "../network/types.ts";
import type { ContainerRegistryModel, KeyVaultModel } from "../shared/shared-services.ts";
import type { AddressPlan } from "./address-plan.ts";
import type { ConfigFinding } from "./findings.ts";
import type { RegionCapability, RegionName } from "./regions.ts";
import type { DnsModel, LayerModel, LogAnalyticsModel, PeeringModel, Reservation, VnetModel } from "./resources.ts";
import type { EnvironmentConfig } from "./schema.ts";
import type { SubscriptionKey } from "./schema-constants.ts";

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
  /** Front Door, Application Gateways and API Management (packages/model/src/edge/). */
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
