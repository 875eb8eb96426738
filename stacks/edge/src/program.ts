/** Layer edge. Its Azure resources arrive with the Edge issue (#4); the stack publishes the model's plan for it. */
import type { EnvironmentModel } from "@plugilo/model";

export function edge(model: EnvironmentModel) {
  return {
    edgeVnets: model.vnets.filter((v) => v.kind === "edge").map((v) => ({ name: v.name, cidr: v.cidr })),
    clusterIngressIps: Object.fromEntries(model.clusters.map((c) => [c.name, c.ingressIp])),
  };
}
