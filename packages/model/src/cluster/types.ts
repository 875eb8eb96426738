/** A cluster of the model: its place, address ranges and AKS settings. */
import type { RegionName } from "../core/regions.ts";
import type { ResourceGroupModel } from "../core/resources.ts";
import type { SubscriptionKey } from "../core/schema-constants.ts";
import type { ClusterSettings } from "./cluster-settings.ts";

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
