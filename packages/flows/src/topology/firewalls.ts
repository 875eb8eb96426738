/** Azure Firewalls with their policies' rule collections, each in the subnet it sits in. */
import { type Inputs, key, list, type ResourcesOf, refOf, type SubnetByRef } from "./arm-refs.ts";
import type { Firewall, FirewallPolicy } from "./types.ts";

export function readFirewalls(of: ResourcesOf, subnetByRef: SubnetByRef): Firewall[] {
  const policies = new Map<string, FirewallPolicy>();
  for (const r of of("network:FirewallPolicy")) {
    const i = r.inputs as Inputs;
    policies.set(key(i.resourceGroupName, i.firewallPolicyName ?? r.name), {
      name: i.firewallPolicyName ?? r.name,
      dnsProxy: i.dnsSettings?.enableProxy === true,
      dnsServers: list(i.dnsSettings?.servers),
      ...(i.snat?.privateRanges ? { snatPrivateRanges: list(i.snat.privateRanges) } : {}),
      collections: [],
    });
  }
  for (const r of of("network:FirewallPolicyRuleCollectionGroup")) {
    const i = r.inputs as Inputs;
    const policy = policies.get(key(i.resourceGroupName, i.firewallPolicyName));
    if (!policy) continue;
    for (const c of i.ruleCollections ?? []) {
      policy.collections.push({
        group: i.ruleCollectionGroupName ?? r.name,
        groupPriority: Number(i.priority),
        name: c.name,
        priority: Number(c.priority),
        kind: c.ruleCollectionType === "FirewallPolicyNatRuleCollection" ? "nat" : "filter",
        action: c.action?.type ?? "Allow",
        rules: (c.rules ?? []).map((x: Inputs) => ({
          name: x.name,
          ruleType: x.ruleType,
          sourceAddresses: list(x.sourceAddresses),
          destinationAddresses: list(x.destinationAddresses),
          destinationFqdns: list(x.destinationFqdns),
          destinationPorts: list(x.destinationPorts),
          ipProtocols: list(x.ipProtocols),
          targetFqdns: list(x.targetFqdns),
          fqdnTags: list(x.fqdnTags),
          protocols: (x.protocols ?? []).map((p: Inputs) => ({ protocolType: p.protocolType, port: Number(p.port) })),
          ...(x.translatedAddress ? { translatedAddress: x.translatedAddress } : {}),
          ...(x.translatedPort ? { translatedPort: String(x.translatedPort) } : {}),
        })),
      });
    }
  }
  const firewalls: Firewall[] = [];
  for (const r of of("network:AzureFirewall")) {
    const i = r.inputs as Inputs;
    const ipc = (i.ipConfigurations ?? []).find((c: Inputs) => c.subnet?.id);
    const subnet = subnetByRef(ipc?.subnet?.id);
    if (!subnet) continue;
    const pref = refOf(i.firewallPolicy?.id);
    const policy = pref && policies.get(key(pref.rg, pref.name));
    firewalls.push({
      name: i.azureFirewallName ?? r.name,
      subnet,
      privateIp: addressOf(subnet.range.lo + 4),
      ...(policy ? { policy } : pref ? { missingPolicy: pref.name } : {}),
      publicIps: (i.ipConfigurations ?? []).map((c: Inputs) => refOf(c.publicIPAddress?.id)?.name).filter(Boolean),
    });
  }
  return firewalls;
}

function addressOf(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join(".");
}
