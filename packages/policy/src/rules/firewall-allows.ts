/** Does a firewall policy's planned rule collection groups allow a TCP flow? For rules that check flows. */
import { cidrProblem, within } from "@plugilo/model";
import type { PlannedResource } from "../types.ts";
import { coversRange, parsePorts } from "./port-ranges.ts";

interface NetworkRule {
  ruleType?: string;
  name?: string;
  ipProtocols?: string[];
  sourceAddresses?: string[];
  destinationAddresses?: string[];
  destinationPorts?: string[];
}

/** The rule collection groups of one firewall policy, in the plan. */
export function ruleCollectionGroupsOf(resources: readonly PlannedResource[], firewallPolicyName: string): PlannedResource[] {
  return resources.filter(
    (r) =>
      r.type === "azure-native:network:FirewallPolicyRuleCollectionGroup" && r.inputs.firewallPolicyName === firewallPolicyName,
  );
}

const coversSource = (sources: readonly string[], cidr: string) =>
  sources.some((s) => s === "*" || (cidrProblem(s) === undefined && within(cidr, s)));

/** The name of a network rule that allows TCP from `sourceCidr` to `destination` on every one of `ports`, or undefined. */
export function allowingNetworkRule(
  groups: readonly PlannedResource[],
  sourceCidr: string,
  destination: string,
  ports: readonly string[],
): string | undefined {
  for (const group of groups) {
    const collections = (group.inputs.ruleCollections ?? []) as { action?: { type?: string }; rules?: NetworkRule[] }[];
    for (const c of collections) {
      if (c.action?.type !== "Allow") continue;
      for (const r of c.rules ?? []) {
        if (r.ruleType !== "NetworkRule") continue;
        if (!(r.ipProtocols ?? []).some((p) => p === "TCP" || p === "Any")) continue;
        if (!coversSource(r.sourceAddresses ?? [], sourceCidr)) continue;
        if (!(r.destinationAddresses ?? []).some((d) => d === "*" || d.toLowerCase() === destination.toLowerCase())) continue;
        const open = parsePorts(r.destinationPorts ?? []);
        if (parsePorts(ports).every((p) => coversRange(open, p))) return r.name ?? "?";
      }
    }
  }
  return undefined;
}
