/**
 * Network security group evaluation: rules by priority (lower number first), first match wins, then the
 * default rules (AllowVNetInBound 65000, AllowAzureLoadBalancerInBound 65001, DenyAllInBound 65500;
 * AllowVnetOutBound 65000, AllowInternetOutBound 65001, DenyAllOutBound 65500). The VirtualNetwork tag covers
 * the VNet's address space, peered VNets, prefixes learned by a gateway, and UDR prefixes.
 * Sources: https://learn.microsoft.com/azure/virtual-network/network-security-group-how-it-works and
 * https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview#default-security-rules
 */
import type { FlowProtocol, PortRange } from "@plugilo/model";
import { type AddressRange, inside, toRange } from "./address.ts";
import { portsCovered } from "./ports.ts";
import { connectedPeers, gatewayOf } from "./routes.ts";
import type { SecurityRule, Subnet } from "./topology.ts";

export interface Endpoint {
  range: AddressRange;
  /** Outside every VNet: the Internet (service tag Internet) or a named tag. */
  internet?: boolean;
  tags?: Set<string>;
}

const DEFAULTS: SecurityRule[] = [
  {
    name: "AllowVnetInBound",
    priority: 65000,
    direction: "Inbound",
    access: "Allow",
    protocol: "*",
    sources: ["VirtualNetwork"],
    destinations: ["VirtualNetwork"],
    ports: ["*"],
  },
  {
    name: "AllowAzureLoadBalancerInBound",
    priority: 65001,
    direction: "Inbound",
    access: "Allow",
    protocol: "*",
    sources: ["AzureLoadBalancer"],
    destinations: ["*"],
    ports: ["*"],
  },
  {
    name: "DenyAllInBound",
    priority: 65500,
    direction: "Inbound",
    access: "Deny",
    protocol: "*",
    sources: ["*"],
    destinations: ["*"],
    ports: ["*"],
  },
  {
    name: "AllowVnetOutBound",
    priority: 65000,
    direction: "Outbound",
    access: "Allow",
    protocol: "*",
    sources: ["VirtualNetwork"],
    destinations: ["VirtualNetwork"],
    ports: ["*"],
  },
  {
    name: "AllowInternetOutBound",
    priority: 65001,
    direction: "Outbound",
    access: "Allow",
    protocol: "*",
    sources: ["*"],
    destinations: ["Internet"],
    ports: ["*"],
  },
  {
    name: "DenyAllOutBound",
    priority: 65500,
    direction: "Outbound",
    access: "Deny",
    protocol: "*",
    sources: ["*"],
    destinations: ["*"],
    ports: ["*"],
  },
];

function virtualNetworkRanges(subnet: Subnet): AddressRange[] {
  const vnet = subnet.vnet;
  const ranges = [...vnet.ranges, ...connectedPeers(vnet).flatMap((c) => c.peer.ranges)];
  const gw = gatewayOf(vnet);
  for (const c of gw?.connections ?? []) for (const p of c.learned) ranges.push(toRange(p) as AddressRange);
  for (const r of subnet.routeTable?.routes ?? []) {
    const range = toRange(r.addressPrefix);
    // Every UDR prefix counts, 0.0.0.0/0 included: a default route to an appliance widens the tag to everything.
    if (range) ranges.push(range);
  }
  return ranges.filter(Boolean);
}

function matches(prefixes: readonly string[], ep: Endpoint, subnet: Subnet): boolean {
  return prefixes.some((p) => {
    if (p === "*" || p === "Any") return true;
    const lower = p.toLowerCase();
    if (lower === "virtualnetwork") return !ep.internet && virtualNetworkRanges(subnet).some((r) => inside(ep.range, r));
    if (lower === "internet") return ep.internet === true;
    if (lower === "azureloadbalancer") return ep.tags?.has("azureloadbalancer") === true;
    const range = toRange(p);
    if (range) return !ep.internet && inside(ep.range, range);
    return ep.tags?.has(lower) === true;
  });
}

const protocolMatches = (rule: string, p: FlowProtocol) => rule === "*" || rule.toLowerCase() === p.toLowerCase();

export interface NsgDecision {
  allowed: boolean;
  rule: string;
  priority: number;
  nsg: string;
}

export function evaluateNsg(
  subnet: Subnet,
  direction: "Inbound" | "Outbound",
  src: Endpoint,
  dst: Endpoint,
  protocol: FlowProtocol,
  ports: PortRange,
): NsgDecision | undefined {
  const nsg = subnet.nsg;
  if (!nsg) return undefined;
  const rules = [...nsg.rules.filter((r) => r.direction === direction)].sort((a, b) => a.priority - b.priority);
  for (const rule of [...rules, ...DEFAULTS.filter((r) => r.direction === direction)]) {
    if (!protocolMatches(rule.protocol, protocol)) continue;
    if (!matches(rule.sources, src, subnet)) continue;
    if (!matches(rule.destinations.length ? rule.destinations : ["*"], dst, subnet)) continue;
    // A rule decides only for ports it covers entirely; a partial overlap would split the flow.
    if (!portsCovered(ports, rule.ports.length ? rule.ports : ["*"])) {
      if (
        rule.access === "Deny" &&
        rule.ports.some((e) =>
          portsCovered({ from: Number(e.split("-")[0]), to: Number(e.split("-")[0]) }, [`${ports.from}-${ports.to}`]),
        )
      ) {
        return { allowed: false, rule: rule.name, priority: rule.priority, nsg: nsg.name };
      }
      continue;
    }
    return { allowed: rule.access === "Allow", rule: rule.name, priority: rule.priority, nsg: nsg.name };
  }
  return undefined;
}
