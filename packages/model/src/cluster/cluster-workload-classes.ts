/**
 * Workload classes for Node Auto Provisioning (managed Karpenter), as data. The GitOps renderer turns each
 * into a NodePool (karpenter.sh/v1) and an AKSNodeClass (karpenter.azure.com/v1beta1); a workload picks a
 * class with a node selector on `plugilo.io/workload-class` and, for tainted classes, a toleration.
 *
 * Families are current generations only (v5 and newer; F v6 for CPU-optimized, since Fsv2 retires), never a
 * size of cluster-vm-sizes.ts: a test checks it. The GPU class uses NCasT4_v3, the replacement Microsoft
 * names for the retired NCv3 (the design's Standard_NC6s_v3).
 *
 * Labels and operators: https://learn.microsoft.com/azure/aks/node-auto-provisioning-node-pools
 * Spot taint (the one AKS puts on spot nodes): https://learn.microsoft.com/azure/aks/spot-node-pool
 */

export const WORKLOAD_CLASS_LABEL = "plugilo.io/workload-class";

export interface NodeRequirement {
  key: string;
  operator: "In" | "NotIn" | "Gt" | "Lt" | "Exists";
  values: string[];
}

export interface NodeTaint {
  key: string;
  value: string;
  effect: "NoSchedule" | "PreferNoSchedule" | "NoExecute";
}

export interface WorkloadClassSpec {
  name: string;
  purpose: string;
  capacityType: "on-demand" | "spot";
  /** Karpenter requirements besides the class label, the architecture and the capacity type. */
  requirements: NodeRequirement[];
  taints: NodeTaint[];
  /** Share of the cluster's maxProvisionedCpu this class may use. */
  cpuShare: number;
  /** Karpenter picks the highest weight among the classes a pod fits. */
  weight: number;
  consolidationPolicy: "WhenEmptyOrUnderutilized" | "WhenEmpty";
  /** Only with burst: spot. */
  burstOnly?: boolean;
}

const family = (...values: string[]): NodeRequirement => ({ key: "karpenter.azure.com/sku-family", operator: "In", values });
/** v5 and newer: the generations without an announced retirement. */
const currentGeneration: NodeRequirement = { key: "karpenter.azure.com/sku-version", operator: "Gt", values: ["4"] };

/** Sizes of the GPU class: NVIDIA T4, the NCv3 replacement for cost-sensitive inference (AZURE-FACTS). */
export const GPU_SIZES = ["Standard_NC4as_T4_v3", "Standard_NC8as_T4_v3", "Standard_NC16as_T4_v3"] as const;

export const WORKLOAD_CLASSES: readonly WorkloadClassSpec[] = [
  {
    name: "general-purpose",
    purpose: "Standard services: D family, v5 or newer",
    capacityType: "on-demand",
    requirements: [family("D"), currentGeneration],
    taints: [],
    cpuShare: 0.5,
    weight: 100,
    consolidationPolicy: "WhenEmptyOrUnderutilized",
  },
  {
    name: "memory-optimized",
    purpose: "Memory-heavy services (caches, JVMs with large heaps): E family, v5 or newer",
    capacityType: "on-demand",
    requirements: [family("E"), currentGeneration],
    taints: [{ key: "plugilo.io/workload-class", value: "memory-optimized", effect: "NoSchedule" }],
    cpuShare: 0.2,
    weight: 50,
    consolidationPolicy: "WhenEmptyOrUnderutilized",
  },
  {
    name: "cpu-optimized",
    purpose: "CPU-bound work (encoding, batch computation): F family v6 (Fasv6, Falsv6, Famsv6)",
    capacityType: "on-demand",
    requirements: [family("F"), { key: "karpenter.azure.com/sku-version", operator: "Gt", values: ["5"] }],
    taints: [{ key: "plugilo.io/workload-class", value: "cpu-optimized", effect: "NoSchedule" }],
    cpuShare: 0.2,
    weight: 50,
    consolidationPolicy: "WhenEmptyOrUnderutilized",
  },
  {
    name: "gpu",
    purpose: "AI inference on NVIDIA T4 (NCasT4_v3); tainted so only GPU workloads land there",
    capacityType: "on-demand",
    requirements: [{ key: "karpenter.azure.com/sku-name", operator: "In", values: [...GPU_SIZES] }],
    taints: [{ key: "nvidia.com/gpu", value: "present", effect: "NoSchedule" }],
    cpuShare: 0.1,
    weight: 10,
    // GPU nodes are expensive to start and to lose: only empty ones are removed.
    consolidationPolicy: "WhenEmpty",
  },
  {
    name: "spot",
    purpose: "Fault-tolerant work and traffic spikes on evictable spot capacity (the default burst mode)",
    capacityType: "spot",
    requirements: [family("D", "E"), currentGeneration],
    taints: [{ key: "kubernetes.azure.com/scalesetpriority", value: "spot", effect: "NoSchedule" }],
    cpuShare: 0.5,
    weight: 20,
    consolidationPolicy: "WhenEmptyOrUnderutilized",
    burstOnly: true,
  },
];

/** A class as one cluster runs it: the CPU limit resolved from the cluster's budget. */
export interface WorkloadClassModel extends WorkloadClassSpec {
  /** Karpenter NodePool limit (vCPUs). */
  cpuLimit: number;
  /** The node label every node of the class carries (the NodePool template label). */
  labels: Record<string, string>;
}

/**
 * The classes a cluster runs. None without Node Auto Provisioning (virtual-nodes burst: fixed pools and ACI);
 * the spot class only with burst: spot.
 */
export function workloadClassesFor(cluster: {
  nodeProvisioning: "auto" | "manual";
  burst: "spot" | "virtual-nodes";
  maxProvisionedCpu: number;
}): WorkloadClassModel[] {
  if (cluster.nodeProvisioning !== "auto") return [];
  return WORKLOAD_CLASSES.filter((c) => !c.burstOnly || cluster.burst === "spot").map((c) => ({
    ...c,
    cpuLimit: Math.max(1, Math.floor(cluster.maxProvisionedCpu * c.cpuShare)),
    labels: { [WORKLOAD_CLASS_LABEL]: c.name },
  }));
}
