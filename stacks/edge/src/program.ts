/**
 * Layer edge. The spoke of each region (Application Gateway, Private Link, API Management subnets) is here;
 * Front Door, the Application Gateways and API Management arrive with the Edge issue (#4).
 */
import { Spoke, subscriptionProviders } from "@plugilo/components";
import type { EnvironmentModel } from "@plugilo/model";

export function edge(model: EnvironmentModel) {
  const providerFor = subscriptionProviders(model);
  const vnets = model.vnets.filter((v) => v.layer === "edge");
  const spokes = vnets.map((vnet) => new Spoke(`spoke-${vnet.key}`, { model, vnet, providerFor }));
  return {
    edgeVnets: vnets.map((v, i) => ({ name: v.name, cidr: v.cidr, id: spokes[i]?.virtualNetwork.id })),
    clusterIngressIps: Object.fromEntries(model.clusters.map((c) => [c.name, c.ingressIp])),
  };
}
