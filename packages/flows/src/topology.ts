/**
 * The network of a plan, indexed from its resources' inputs (the JSON contract: every resource with its
 * resolved inputs). Resources reference each other by ARM ID; a planned resource has no ID of its own, so
 * references are matched by resource group and name.
 */
import type { PlannedResource } from "@plugilo/policy";
import { readFirewalls } from "./topology/firewalls.ts";
import { readNetwork } from "./topology/network.ts";
import { readPrivateDns } from "./topology/private-dns.ts";
import type { Topology } from "./topology/types.ts";
import { readVpnGateways } from "./topology/vpn-gateways.ts";

export { refOf } from "./topology/arm-refs.ts";
export type * from "./topology/types.ts";

export function buildTopology(resources: readonly PlannedResource[], extraLearned: Record<string, string[]> = {}): Topology {
  const of = (type: string) => resources.filter((r) => r.type === `azure-native:${type}`);
  const byTypeName = new Map<string, PlannedResource>();
  for (const r of resources) byTypeName.set(`${r.type}|${r.inputs.resourceGroupName ?? ""}|${r.name}`.toLowerCase(), r);
  const { vnets, subnets, subnetByRef } = readNetwork(of);
  const firewalls = readFirewalls(of, subnetByRef);
  const { privateEndpoints, zones } = readPrivateDns(resources, of, subnetByRef);
  const gateways = readVpnGateways(resources, of, subnetByRef, extraLearned);
  return { vnets, subnets, firewalls, privateEndpoints, zones, gateways, resources: [...resources], byTypeName };
}
