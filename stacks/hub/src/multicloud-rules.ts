/**
 * The firewall's rules for the VPN to AWS and Google Cloud (docs/adr/0128): each names its destinations and
 * ports, from the model's `multicloud.<cloud>.flows`, instead of "the environment <-> the peer, any port":
 *   <cloud>-to-ingress   the peer's ranges -> the clusters' ingress load balancers, TCP on the inbound ports
 *   to-<cloud>-<name>    the clusters' node subnets -> the flow's destinations (default: the peer's ranges)
 * Azure Firewall denies what no rule allows: https://learn.microsoft.com/azure/firewall/rule-processing
 */
import type { EnvironmentModel } from "@plugilo/model";

export interface MulticloudNetworkRule {
  ruleType: "NetworkRule";
  name: string;
  ipProtocols: ("TCP" | "UDP")[];
  sourceAddresses: string[];
  destinationAddresses: string[];
  destinationPorts: string[];
}

export function multicloudRules(model: Pick<EnvironmentModel, "config" | "clusters" | "vnets">): MulticloudNetworkRule[] {
  const ingress = model.clusters.map((c) => `${c.ingressIp}/32`);
  const nodes = model.vnets.flatMap((v) => v.subnets.filter((s) => s.kind === "aksNodes").map((s) => s.cidr));
  return (["aws", "gcp"] as const).flatMap((cloud): MulticloudNetworkRule[] => {
    const peer = model.config.multicloud[cloud];
    return [
      ...(peer.flows.inbound.length
        ? [
            {
              ruleType: "NetworkRule" as const,
              name: `${cloud}-to-ingress`,
              ipProtocols: ["TCP" as const],
              sourceAddresses: [...peer.ranges],
              destinationAddresses: ingress,
              destinationPorts: peer.flows.inbound.map(String),
            },
          ]
        : []),
      ...peer.flows.outbound.map((f) => ({
        ruleType: "NetworkRule" as const,
        name: `to-${cloud}-${f.name}`,
        ipProtocols: [f.protocol],
        sourceAddresses: nodes,
        destinationAddresses: [...(f.destinations ?? peer.ranges)],
        destinationPorts: f.ports.map(String),
      })),
    ];
  });
}
