/**
 * Everything an add-on, a node pool or a service needs to know about the cluster it is rendered for. Built
 * from the model only: the renderer computes no address, name or ID of its own.
 */
import type {
  AddonName,
  ClusterGitopsModel,
  ClusterModel,
  EnvironmentModel,
  RegionCapability,
  SubnetModel,
  VnetModel,
  WorkloadIdentityModel,
} from "@plugilo/model";

export interface ClusterContext {
  model: EnvironmentModel;
  cluster: ClusterModel;
  gitops: ClusterGitopsModel;
  region: RegionCapability;
  /** Availability zones of the cluster's region; empty where the region has none (germanynorth). */
  zones: readonly string[];
  vnet: VnetModel;
  /** The subnet of the AKS nodes, where the ingress gateway's internal load balancer takes its address. */
  nodeSubnet: SubnetModel;
  enabled(addon: AddonName): boolean;
  /** A workload identity of the cluster by key (the cluster stack federates it and creates its ServiceAccount). */
  identity(key: string): WorkloadIdentityModel;
}

export function clusterContext(model: EnvironmentModel, clusterName: string): ClusterContext {
  const cluster = model.clusters.find((c) => c.name === clusterName);
  const gitops = model.gitops.clusters.find((c) => c.cluster === clusterName);
  if (!cluster || !gitops) throw new Error(`environment ${model.name} has no cluster ${clusterName}`);
  const vnet = model.vnets.find((v) => v.key === cluster.vnetKey);
  if (!vnet) throw new Error(`cluster ${clusterName} has no VNet ${cluster.vnetKey}`);
  const nodeSubnet = vnet.subnets.find((s) => s.kind === "aksNodes");
  if (!nodeSubnet) throw new Error(`VNet ${vnet.name} has no aksNodes subnet`);
  const region = model.regions.primary.name === cluster.region ? model.regions.primary : model.regions.secondary;
  return {
    model,
    cluster,
    gitops,
    region,
    zones: region.availabilityZones,
    vnet,
    nodeSubnet,
    enabled: (addon) => gitops.addons[addon].enabled,
    identity: (key) => {
      const found = cluster.identities.workloads.find((w) => w.key === key);
      if (!found)
        throw new Error(
          `cluster ${clusterName} has no workload identity "${key}" (packages/model/src/cluster/cluster-identities.ts)`,
        );
      return found;
    },
  };
}
