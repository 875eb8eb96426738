/**
 * Layer cluster, one stack per cluster. The cluster's spoke is here; AKS, identities and the Argo CD
 * bootstrap arrive with the Clusters issue (#5).
 */
import { Spoke, subscriptionProviders } from "@plugilo/components";
import type { EnvironmentModel } from "@plugilo/model";

export function cluster(model: EnvironmentModel, name: string) {
  const c = model.clusters.find((x) => x.name === name);
  if (!c)
    throw new Error(
      `environment ${model.name} has no cluster "${name}" (clusters: ${model.clusters.map((x) => x.name).join(", ")})`,
    );
  const vnet = model.vnets.find((v) => v.key === c.vnetKey);
  if (!vnet) throw new Error(`cluster ${name} has no VNet ${c.vnetKey} in the address plan`);
  const spoke = new Spoke(`spoke-${vnet.key}`, { model, vnet, providerFor: subscriptionProviders(model) });
  return {
    aksName: c.aksName,
    region: c.region,
    ingressIp: c.ingressIp,
    gitopsPath: c.gitopsPath,
    vnetId: spoke.virtualNetwork.id,
  };
}
