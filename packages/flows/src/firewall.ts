/**
 * Azure Firewall policy evaluation. Order: DNAT rules, then network rules, then application rules; within a
 * type, rule collection groups by priority, then rule collections by priority (100 is first); the first
 * matching rule decides; no match is denied. Application rules apply to HTTP/HTTPS with a host name (SNI),
 * FQDNs in network rules need the policy's DNS proxy. Sources:
 * https://learn.microsoft.com/azure/firewall/rule-processing, https://learn.microsoft.com/azure/firewall/policy-rule-sets,
 * https://learn.microsoft.com/azure/firewall/fqdn-filtering-network-rules, https://learn.microsoft.com/azure/firewall/dns-settings.
 * SNAT: network rules SNAT unless the destination is in the policy's private ranges (default: IANA private
 * ranges); application rules always go through the firewall's transparent proxy (source becomes the
 * firewall); to the Internet the source becomes the NAT gateway's public IPs when one is on AzureFirewallSubnet.
 * https://learn.microsoft.com/azure/firewall/snat-private-range, https://learn.microsoft.com/azure/firewall/integrate-with-nat-gateway
 */
import type { FlowProtocol, PortRange } from "@plugilo/model";
import { type AddressRange, IANA_PRIVATE_RANGES, inside, isPrivate, toRange } from "./address.ts";
import { portsCovered } from "./ports.ts";
import { expandTags, FQDN_TAGS, fqdnMatches } from "./service-tags.ts";
import type { Firewall, FirewallRule, RuleCollection } from "./topology.ts";

export interface FirewallPacket {
  src: AddressRange;
  srcInternet?: boolean;
  dst: AddressRange;
  protocol: FlowProtocol;
  ports: PortRange;
  fqdn?: string;
  tags?: readonly string[];
}

export interface FirewallDecision {
  allowed: boolean;
  decision: string;
  /** Source address after the firewall: unchanged, the firewall's private IP, or a NAT gateway / public IP. */
  snat?: { to: string; range?: AddressRange; why: string };
}

const sorted = (cs: RuleCollection[]) => [...cs].sort((a, b) => a.groupPriority - b.groupPriority || a.priority - b.priority);

function sourceMatches(rule: FirewallRule, p: FirewallPacket): boolean {
  return rule.sourceAddresses.some((s) => {
    if (s === "*") return true;
    const r = toRange(s);
    return !!r && !p.srcInternet && inside(p.src, r);
  });
}

function protocolMatches(rule: FirewallRule, p: FirewallPacket): boolean {
  return rule.ipProtocols.some((x) => x === "Any" || x.toUpperCase() === p.protocol);
}

function networkDestination(rule: FirewallRule, p: FirewallPacket, dnsProxy: boolean): string | undefined {
  const tags = p.tags?.length ? expandTags(p.tags) : undefined;
  for (const d of rule.destinationAddresses) {
    if (d === "*") return "*";
    const r = toRange(d);
    // A public service known only by name or tag matches a CIDR only when the CIDR is everything.
    if (r && inside(p.dst, r) && (!tags || isPrivate(p.dst) || r.lo === 0)) return d;
    if (!r && tags?.has(d.toLowerCase())) return `service tag ${d}`;
  }
  if (p.fqdn && dnsProxy)
    for (const f of rule.destinationFqdns)
      if (f.toLowerCase() === p.fqdn.toLowerCase()) return `FQDN ${f} (resolved by the DNS proxy)`;
  return undefined;
}

function applicationMatch(rule: FirewallRule, p: FirewallPacket): string | undefined {
  if (!p.fqdn || p.protocol !== "TCP" || p.ports.from !== p.ports.to) return undefined;
  if (!rule.protocols.some((x) => x.port === p.ports.from && /^https?$/i.test(x.protocolType))) return undefined;
  for (const t of rule.targetFqdns) if (fqdnMatches(t, p.fqdn)) return `FQDN ${t}`;
  for (const tag of rule.fqdnTags)
    if ((FQDN_TAGS[tag.toLowerCase()] ?? []).some((f) => fqdnMatches(f, p.fqdn as string))) return `FQDN tag ${tag}`;
  return undefined;
}

export function evaluateFirewall(fw: Firewall, p: FirewallPacket): FirewallDecision {
  const policy = fw.policy;
  if (!policy)
    return {
      allowed: false,
      decision: `${fw.name} has no firewall policy${fw.missingPolicy ? ` (${fw.missingPolicy} is not in the plan)` : ""}: denied by default`,
    };
  const collections = sorted(policy.collections);
  const label = (c: RuleCollection, r: FirewallRule) =>
    `${policy.name}/${c.group}(${c.groupPriority})/${c.name}(${c.priority})/${r.name}`;

  // DNAT: only traffic to the firewall's public addresses.
  if (p.srcInternet) {
    for (const c of collections.filter((x) => x.kind === "nat")) {
      for (const r of c.rules) {
        if (
          r.ruleType === "NatRule" &&
          sourceMatches(
            { ...r, sourceAddresses: r.sourceAddresses.length ? r.sourceAddresses : ["*"] },
            { ...p, srcInternet: false },
          ) &&
          portsCovered(p.ports, r.destinationPorts)
        )
          return { allowed: true, decision: `DNAT by ${label(c, r)} to ${r.translatedAddress}:${r.translatedPort}` };
      }
    }
    return { allowed: false, decision: `no DNAT rule in ${policy.name} for port ${p.ports.from}: denied by default` };
  }
  for (const c of collections.filter((x) => x.kind === "filter")) {
    for (const r of c.rules.filter((x) => x.ruleType === "NetworkRule")) {
      if (!sourceMatches(r, p) || !protocolMatches(r, p) || !portsCovered(p.ports, r.destinationPorts)) continue;
      const dst = networkDestination(r, p, policy.dnsProxy);
      if (!dst) continue;
      if (c.action !== "Allow") return { allowed: false, decision: `denied by network rule ${label(c, r)}` };
      return { allowed: true, decision: `allowed by network rule ${label(c, r)} (${dst})`, ...snat(fw, p, false) };
    }
  }
  for (const c of collections.filter((x) => x.kind === "filter")) {
    for (const r of c.rules.filter((x) => x.ruleType === "ApplicationRule")) {
      if (!sourceMatches(r, p)) continue;
      const m = applicationMatch(r, p);
      if (!m) continue;
      if (c.action !== "Allow") return { allowed: false, decision: `denied by application rule ${label(c, r)}` };
      return { allowed: true, decision: `allowed by application rule ${label(c, r)} (${m})`, ...snat(fw, p, true) };
    }
  }
  const what = p.fqdn ? `${p.fqdn}` : p.tags?.length ? `service tag ${p.tags[0]}` : p.dst.text;
  return {
    allowed: false,
    decision: `no rule of ${policy.name} allows ${p.protocol} ${p.ports.from === p.ports.to ? p.ports.from : `${p.ports.from}-${p.ports.to}`} to ${what}: denied by default`,
  };
}

function snat(fw: Firewall, p: FirewallPacket, application: boolean): Pick<FirewallDecision, "snat"> {
  const fwRange = toRange(fw.privateIp) as AddressRange;
  if (!isPrivate(p.dst)) {
    const to = fw.subnet.natGateway ? `NAT gateway ${fw.subnet.natGateway}` : `public IP ${fw.publicIps[0] ?? "of the firewall"}`;
    return { snat: { to, why: "Internet-bound traffic leaves with a public source address" } };
  }
  if (application)
    return { snat: { to: `${fw.name} (${fw.privateIp})`, range: fwRange, why: "application rules proxy the connection" } };
  const ranges = fw.policy?.snatPrivateRanges ?? IANA_PRIVATE_RANGES;
  if (ranges.some((r) => inside(p.dst, toRange(r) as AddressRange))) return {};
  return {
    snat: {
      to: `${fw.name} (${fw.privateIp})`,
      range: fwRange,
      why: `${p.dst.text} is outside the policy's SNAT private ranges`,
    },
  };
}
