/**
 * A packet's path from a subnet, hop by hop: outbound NSG, the route Azure picks, Azure Firewall, the
 * destination subnet's inbound NSG, a VPN connection or the Internet. Also the return path: replies go to
 * the request's source as the last SNAT left it and must cross the same firewalls in reverse, or the
 * firewall drops them as packets of a connection it never saw.
 * https://learn.microsoft.com/azure/firewall/firewall-faq#what-happens-if-a-firewall-receives-traffic-with-asymmetric-routing
 * (asymmetric routing is not supported), https://learn.microsoft.com/azure/private-link/inspect-traffic-with-azure-firewall (SNAT to private endpoints).
 * Peering: traffic not originating in the peered VNet needs "allow forwarded traffic" on the receiving side
 * (https://learn.microsoft.com/azure/virtual-network/virtual-network-peering-overview).
 */
import type { FlowProtocol, PortRange } from "@plugilo/model";
import { type AddressRange, inside, isPrivate, toRange } from "./address.ts";
import { evaluateFirewall } from "./firewall.ts";
import type { Hop } from "./hops.ts";
import { evaluateNsg } from "./nsg.ts";
import { portText } from "./ports.ts";
import { connectedPeers, selectRoute } from "./routes.ts";
import type { Firewall, PrivateEndpoint, Subnet, Topology, VpnConnection, VpnGateway } from "./topology.ts";

export interface Packet {
  src: AddressRange;
  dst: AddressRange;
  pe?: PrivateEndpoint;
  protocol: FlowProtocol;
  ports: PortRange;
  fqdn?: string;
  tags?: string[];
  /** How the destination is named in decisions. */
  label: string;
}

export interface FirewallPass {
  fw: Firewall;
  /** The private source address after this firewall, when it SNATs to itself. */
  snat?: AddressRange;
}

export type TraceEnd = (
  | { ok: true; kind: "subnet"; subnet: Subnet }
  | { ok: true; kind: "vpn"; gateway: VpnGateway; connection: VpnConnection }
  | { ok: true; kind: "internet" }
  | { ok: false; reason: string; crossedFirewall?: string }
) & { firewalls: FirewallPass[]; src: AddressRange };

export interface TraceOptions {
  /** Stop (as a failure) at the first firewall: for "around the firewall" checks. */
  bypass?: boolean;
  /** Return traffic of an established connection: firewalls and NSGs pass it, routing still decides. */
  stateful?: boolean;
  /** The source is not the subnet's own address (a packet entering through a gateway): no outbound NSG. */
  entering?: boolean;
}

const PE_NSG_POLICIES = new Set(["Enabled", "NetworkSecurityGroupEnabled"]);

export function trace(topology: Topology, start: Subnet, pkt: Packet, hops: Hop[], options: TraceOptions = {}): TraceEnd {
  const firewalls: FirewallPass[] = [];
  let src = pkt.src;
  let at = start;
  const fail = (where: string, reason: string, extra: { crossedFirewall?: string } = {}): TraceEnd => {
    hops.push({ at: where, decision: reason });
    return { ok: false, reason: `${where}: ${reason}`, firewalls, src, ...extra };
  };
  if (!options.stateful && !options.entering && at.nsg) {
    const d = evaluateNsg(
      at,
      "Outbound",
      { range: src },
      { range: pkt.dst, internet: !isPrivate(pkt.dst), tags: new Set((pkt.tags ?? []).map((t) => t.toLowerCase())) },
      pkt.protocol,
      pkt.ports,
    );
    if (d && !d.allowed) return fail(`NSG ${d.nsg} (outbound)`, `denied by ${d.rule} (priority ${d.priority})`);
    if (d) hops.push({ at: `NSG ${d.nsg} (outbound)`, decision: `allowed by ${d.rule} (priority ${d.priority})` });
  }
  for (let step = 0; step < 12; step++) {
    const route = selectRoute(topology, at, pkt.dst, pkt.pe);
    const where = `routes of ${at.vnet.name}/${at.name}`;
    if (!route) return fail(where, `no route to ${pkt.label}`);
    hops.push({
      at: where,
      decision: `${pkt.label} -> ${route.prefix} next hop ${route.nextHopType}${route.nextHopIp ? ` ${route.nextHopIp}` : ""} (${route.source}: ${route.origin})`,
    });
    switch (route.nextHopType) {
      case "VnetLocal":
      case "VNetPeering":
      case "InterfaceEndpoint": {
        const target = route.peerVnet ?? at.vnet;
        if (target !== at.vnet) {
          const back = target.peerings.find((p) => p.remoteName === at.vnet.name);
          const fromHere = at.vnet.ranges.some((r) => inside(src, r));
          if (!fromHere && !back?.allowForwardedTraffic)
            return fail(
              `peering ${back?.name ?? `${target.name} -> ${at.vnet.name}`}`,
              `forwarded traffic from ${at.vnet.name} is not allowed (allowForwardedTraffic false)`,
            );
        }
        const subnet = pkt.pe?.subnet ?? target.subnets.find((s) => inside(pkt.dst, s.range));
        if (!subnet) return fail(`VNet ${target.name}`, `no subnet holds ${pkt.label}`);
        const peNsg = !pkt.pe || PE_NSG_POLICIES.has(subnet.privateEndpointNetworkPolicies);
        if (!options.stateful && subnet.nsg && peNsg) {
          const d = evaluateNsg(subnet, "Inbound", { range: src }, { range: pkt.dst }, pkt.protocol, pkt.ports);
          if (d && !d.allowed)
            return fail(
              `NSG ${d.nsg} (inbound)`,
              `denied by ${d.rule} (priority ${d.priority}) for ${pkt.protocol} ${portText(pkt.ports)} from ${src.text}`,
            );
          if (d) hops.push({ at: `NSG ${d.nsg} (inbound)`, decision: `allowed by ${d.rule} (priority ${d.priority})` });
        } else if (!options.stateful && pkt.pe && subnet.nsg) {
          hops.push({
            at: `NSG ${subnet.nsg.name} (inbound)`,
            decision: `not applied to private endpoints (privateEndpointNetworkPolicies ${subnet.privateEndpointNetworkPolicies})`,
          });
        }
        hops.push({
          at: `${subnet.vnet.name}/${subnet.name}`,
          decision: `delivered to ${pkt.pe ? `private endpoint ${pkt.pe.name}` : pkt.label}`,
        });
        return { ok: true, kind: "subnet", subnet, firewalls, src };
      }
      case "VirtualAppliance": {
        const fw = topology.firewalls.find((f) => f.privateIp === route.nextHopIp);
        if (!fw) return fail(where, `next hop ${route.nextHopIp} is not an Azure Firewall of this plan: dropped`);
        if (fw.subnet.vnet !== at.vnet && !connectedPeers(at.vnet).some((c) => c.peer === fw.subnet.vnet))
          return fail(
            where,
            `next hop ${fw.name} (${fw.privateIp}) is in ${fw.subnet.vnet.name}, not peered with ${at.vnet.name}`,
          );
        if (firewalls.some((p) => p.fw === fw)) return fail(fw.name, "routing loop: the packet comes back to this firewall");
        if (options.bypass)
          return fail(fw.name, `the path crosses ${fw.name}: inspected, not around the firewall`, { crossedFirewall: fw.name });
        if (options.stateful) {
          hops.push({ at: fw.name, decision: "reply of the connection (stateful)" });
          firewalls.push({ fw });
        } else {
          const d = evaluateFirewall(fw, {
            src,
            dst: pkt.dst,
            protocol: pkt.protocol,
            ports: pkt.ports,
            ...(pkt.fqdn ? { fqdn: pkt.fqdn } : {}),
            ...(pkt.tags ? { tags: pkt.tags } : {}),
          });
          if (!d.allowed) return fail(fw.name, d.decision);
          hops.push({ at: fw.name, decision: `${d.decision}${d.snat ? `; SNAT to ${d.snat.to} (${d.snat.why})` : "; no SNAT"}` });
          firewalls.push({ fw, ...(d.snat?.range ? { snat: d.snat.range } : {}) });
          if (d.snat?.range) src = d.snat.range;
        }
        at = fw.subnet;
        continue;
      }
      case "VirtualNetworkGateway": {
        const gw = route.gateway;
        const conn = gw?.connections.find((c) =>
          c.learned.some((p) => {
            const r = toRange(p);
            return !!r && inside(pkt.dst, r);
          }),
        );
        if (!gw || !conn) return fail(where, `no VPN connection carries ${pkt.label}`);
        hops.push({ at: gw.name, decision: `sent over ${conn.name} to ${conn.remote}${conn.bgp ? " (BGP)" : ""}` });
        return { ok: true, kind: "vpn", gateway: gw, connection: conn, firewalls, src };
      }
      case "Internet": {
        if (isPrivate(pkt.dst)) return fail(where, `private address ${pkt.label} routed to the Internet: dropped`);
        if (at.natGateway)
          hops.push({ at: `${at.vnet.name}/${at.name}`, decision: `leaves through NAT gateway ${at.natGateway}` });
        else if (at.name === "AzureFirewallSubnet")
          hops.push({ at: `${at.vnet.name}/${at.name}`, decision: "leaves through the firewall's public IP" });
        else if (at.defaultOutboundAccess === false)
          return fail(
            `${at.vnet.name}/${at.name}`,
            "no outbound connectivity: default outbound access is off and no NAT gateway or firewall is on the path",
          );
        else
          hops.push({
            at: `${at.vnet.name}/${at.name}`,
            decision: "leaves through default outbound access (retired for new subnets)",
          });
        return { ok: true, kind: "internet", firewalls, src };
      }
      default:
        return fail(where, `next hop ${route.nextHopType} for ${route.prefix}: dropped`);
    }
  }
  return fail(`routes of ${at.vnet.name}/${at.name}`, "more than 12 hops: routing loop");
}

/**
 * Prefixes a VPN gateway announces to its BGP peers: its VNet, VNets using it through peering, and what it
 * learned from its other peers: a BGP gateway is a transit between its peers
 * (https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-bgp-overview).
 */
export function advertisedBy(gw: VpnGateway, except?: VpnConnection): string[] {
  const out = [...gw.vnet.prefixes];
  for (const { peer, out: o, back } of connectedPeers(gw.vnet))
    if (back.useRemoteGateways && o.allowGatewayTransit) out.push(...peer.prefixes);
  for (const c of gw.connections) if (c !== except && c.bgp && c.remote !== except?.remote) out.push(...c.learned);
  return out;
}

/**
 * Checks the replies. Segments between SNAT points: the reply to the address the last SNAT left must come
 * back through the firewalls after that point, in reverse; then from that firewall to the one before, and so on.
 */
export function checkReturn(
  topology: Topology,
  end: TraceEnd & { ok: true },
  originalSrc: AddressRange,
  dst: AddressRange,
  hops: Hop[],
  startSubnet: Subnet,
): string | undefined {
  if (end.kind === "internet") {
    hops.push({ at: "return path", decision: "replies return to the NAT that translated the request" });
    return undefined;
  }
  let replyFrom: Subnet | undefined =
    end.kind === "subnet" ? end.subnet : end.gateway.vnet.subnets.find((s) => s.name === "GatewaySubnet");
  if (!replyFrom) return "return path: the gateway's VNet has no GatewaySubnet";
  if (end.kind === "vpn") {
    const target = end.src;
    const adv = advertisedBy(end.gateway, end.connection);
    if (!adv.some((p) => inside(target, toRange(p) as AddressRange))) {
      const reason = `${end.connection.remote} has no route back to ${target.text}: ${end.gateway.name} announces ${adv.join(", ")}`;
      hops.push({ at: "return path", decision: reason });
      return `return path: ${reason}`;
    }
  }
  let passes = end.firewalls;
  let replySrc = dst;
  for (let guard = 0; guard < 8; guard++) {
    const j = passes.map((p) => !!p.snat).lastIndexOf(true);
    const target = j >= 0 ? (passes[j]?.snat as AddressRange) : originalSrc;
    const expected = passes
      .slice(j + 1)
      .map((p) => p.fw.name)
      .reverse();
    const back: Hop[] = [];
    const res = trace(
      topology,
      replyFrom,
      { src: replySrc, dst: target, protocol: "TCP", ports: { from: 0, to: 0 }, label: `reply to ${target.text}` },
      back,
      { stateful: true },
    );
    const got = res.firewalls.map((p) => p.fw.name);
    for (const h of back) hops.push({ at: `return: ${h.at}`, decision: h.decision });
    if (!res.ok) return `return path: ${res.reason}`;
    if (
      j < 0 &&
      res.kind === "subnet" &&
      res.subnet !== startSubnet &&
      !inside(originalSrc, res.subnet.range) &&
      end.kind !== "vpn"
    ) {
      // Reached some subnet holding the address: fine when it is the source's.
    }
    if (got.join(",") !== expected.join(",")) {
      const reason = `asymmetric: replies to ${target.text} cross [${got.join(", ") || "no firewall"}], the request crossed [${expected.join(", ") || "no firewall"}] after its last SNAT`;
      hops.push({ at: "return path", decision: reason });
      return `return path: ${reason}`;
    }
    if (j < 0) {
      hops.push({
        at: "return path",
        decision: `replies reach ${originalSrc.text} through [${got.join(", ") || "no firewall"}]: symmetric`,
      });
      return undefined;
    }
    const fw = passes[j]?.fw as Firewall;
    replyFrom = fw.subnet;
    replySrc = toRange(fw.privateIp) as AddressRange;
    passes = passes.slice(0, j);
  }
  return "return path: too many SNAT points";
}
