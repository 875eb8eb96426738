/** What the sections of the flow catalogue share: the sources they cite, and small builders of ports and legs. */
import type { SubnetModel, VnetModel } from "../core/resources.ts";
import type { FlowKind, FlowLeg, FlowProtocol, PortRange } from "./types.ts";

export const AKS_EGRESS = "https://learn.microsoft.com/azure/aks/outbound-rules-control-egress";

export const APIM_OUTBOUND = "https://learn.microsoft.com/azure/api-management/integrate-vnet-outbound";

export const REDIS_CLUSTER = "https://learn.microsoft.com/azure/redis/architecture#cluster-policies";

export const HUB_SPOKE = "https://learn.microsoft.com/azure/architecture/networking/architecture/hub-spoke";

export const PL_HUB_SPOKE = "https://learn.microsoft.com/azure/architecture/networking/guide/private-link-hub-spoke-network";

export const FD_PRIVATE_LINK = "https://learn.microsoft.com/azure/frontdoor/private-link";

export function subnetOf(vnet: VnetModel, kind: SubnetModel["kind"]): SubnetModel | undefined {
  return vnet.subnets.find((s) => s.kind === kind);
}

export const origin = (vnet: VnetModel, subnet: SubnetModel) => ({ subnet: { vnet: vnet.name, subnet: subnet.name } });

export function hostOf(uri: string): string {
  return new URL(uri).host;
}

/** Adds one flow to the catalogue, in order. */
export type AddFlow = (
  id: string,
  kind: FlowKind,
  source: string,
  destination: string,
  protocol: FlowProtocol,
  ports: PortRange,
  why: string,
  legs: FlowLeg[],
  bypass?: boolean,
) => void;
