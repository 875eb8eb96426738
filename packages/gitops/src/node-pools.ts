/**
 * Node Auto Provisioning objects for the cluster's workload classes (model: cluster.workloadClasses, from
 * packages/model/src/cluster/cluster-workload-classes.ts): a NodePool (karpenter.sh/v1) and an AKSNodeClass
 * (karpenter.azure.com/v1beta1) per class, with the class's taints (GPU, spot, dedicated classes), its CPU
 * limit, and disruption budgets (spot: a higher budget, no drift replacement in business hours).
 * https://learn.microsoft.com/azure/aks/node-auto-provisioning-node-pools
 */
import { NodePool } from "@kubernetes-models/karpenter/karpenter.sh/v1/NodePool";
import type { WorkloadClassModel } from "@plugilo/model";
import type { ClusterContext } from "./context.ts";
import { CustomResource, type KubeObject } from "./kube-object.ts";

export const AKS_NODE_CLASS = {
  apiVersion: "karpenter.azure.com/v1beta1",
  kind: "AKSNodeClass",
  group: "karpenter.azure.com",
} as const;

/** Disruption budgets: how many nodes of the class Karpenter may take down at once for consolidation or drift. */
export function disruptionBudgets(
  c: WorkloadClassModel,
): { nodes: string; reasons?: ("Underutilized" | "Empty" | "Drifted")[]; schedule?: string; duration?: string }[] {
  if (c.capacityType === "spot") {
    return [
      { nodes: "25%" },
      // Spot nodes are evicted by Azure at any time anyway; do not add drift replacements in business hours.
      { nodes: "0", reasons: ["Drifted"], schedule: "0 7 * * 1-5", duration: "11h" },
    ];
  }
  if (c.taints.some((t) => t.key === "nvidia.com/gpu")) return [{ nodes: "1" }];
  return [{ nodes: "10%" }];
}

function nodePool(ctx: ClusterContext, c: WorkloadClassModel): NodePool {
  return new NodePool({
    metadata: { name: c.name, labels: { "app.kubernetes.io/part-of": "plugilo-platform" } },
    spec: {
      weight: c.weight,
      limits: { cpu: String(c.cpuLimit) },
      disruption: {
        consolidationPolicy: c.consolidationPolicy,
        consolidateAfter: c.consolidationPolicy === "WhenEmpty" ? "10m" : "1m",
        budgets: disruptionBudgets(c),
      },
      template: {
        metadata: { labels: { ...c.labels } },
        spec: {
          nodeClassRef: { group: AKS_NODE_CLASS.group, kind: AKS_NODE_CLASS.kind, name: c.name },
          requirements: [
            { key: "kubernetes.io/os", operator: "In", values: ["linux"] },
            { key: "kubernetes.io/arch", operator: "In", values: ["amd64"] },
            { key: "karpenter.sh/capacity-type", operator: "In", values: [c.capacityType] },
            ...(ctx.zones.length > 0
              ? [
                  {
                    key: "topology.kubernetes.io/zone",
                    operator: "In" as const,
                    values: ctx.zones.map((z) => `${ctx.cluster.region}-${z}`),
                  },
                ]
              : []),
            ...c.requirements.map((r) => ({ key: r.key, operator: r.operator, values: [...r.values] })),
          ],
          taints: c.taints.map((t) => ({ ...t })),
          expireAfter: "720h",
        },
      },
    },
  });
}

function aksNodeClass(ctx: ClusterContext, c: WorkloadClassModel): KubeObject {
  return new CustomResource({
    apiVersion: AKS_NODE_CLASS.apiVersion,
    kind: AKS_NODE_CLASS.kind,
    metadata: { name: c.name, labels: { "app.kubernetes.io/part-of": "plugilo-platform" } },
    spec: {
      imageFamily: "AzureLinux",
      osDiskSizeGB: c.taints.some((t) => t.key === "nvidia.com/gpu") ? 256 : 128,
      // The cluster's node subnet (address plan): NAP nodes route 0.0.0.0/0 to the firewall like the system pool.
      vnetSubnetID: ctx.nodeSubnet.id,
      tags: { ...ctx.model.tags, "plugilo-workload-class": c.name },
    },
  });
}

/** NodePool and AKSNodeClass of every workload class; nothing when the cluster does not use NAP. */
export function nodePoolObjects(ctx: ClusterContext): KubeObject[] {
  return ctx.cluster.workloadClasses.flatMap((c) => [aksNodeClass(ctx, c), nodePool(ctx, c)]);
}
