/**
 * Effective routes of a subnet and the route Azure picks for a destination.
 * Source: https://learn.microsoft.com/azure/virtual-network/virtual-networks-udr-overview
 * - system routes: the VNet's address space (VnetLocal), 0.0.0.0/0 (Internet), and the reserved private
 *   ranges 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10 with next hop None;
 * - optional system routes: each peered VNet's address space (VNetPeering); prefixes a virtual network
 *   gateway learns by BGP (VirtualNetworkGateway), in the gateway's VNet and in VNets that peer with it with
 *   "use remote gateways" while the gateway side allows gateway transit
 *   (https://learn.microsoft.com/azure/virtual-network/virtual-network-peering-overview#gateways-and-on-premises-connectivity),
 *   not propagated to subnets whose route table disables BGP route propagation;
 * - a private endpoint adds a /32 InterfaceEndpoint route to its VNet and directly peered VNets; a UDR whose
 *   prefix is at least as wide as the endpoint VNet's address space invalidates it, only when the endpoint's
 *   subnet enables network policies for route tables
 *   (https://learn.microsoft.com/azure/private-link/disable-private-endpoint-network-policy);
 * - user-defined routes. Selection: longest prefix match; on equal prefixes user > BGP > system.
 */
import { type AddressRange, inside, prefixBits, toRange } from "./address.ts";
import type { PrivateEndpoint, Subnet, Topology, Vnet, VpnGateway } from "./topology.ts";

export type RouteSource = "user" | "bgp" | "system";

export interface EffectiveRoute {
  prefix: string;
  range: AddressRange;
  nextHopType:
    | "VnetLocal"
    | "VNetPeering"
    | "VirtualNetworkGateway"
    | "VirtualAppliance"
    | "Internet"
    | "None"
    | "InterfaceEndpoint";
  nextHopIp?: string;
  source: RouteSource;
  /** The route's name (UDR) or what made it (peering, gateway). */
  origin: string;
  peerVnet?: Vnet;
  gateway?: VpnGateway;
}

const RESERVED_NONE = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"];

/** Peerings in the Connected state: both directions exist and allow virtual network access. */
export function connectedPeers(vnet: Vnet): { peer: Vnet; out: Vnet["peerings"][number]; back: Vnet["peerings"][number] }[] {
  const out: { peer: Vnet; out: Vnet["peerings"][number]; back: Vnet["peerings"][number] }[] = [];
  for (const p of vnet.peerings) {
    const back = p.remote?.peerings.find((q) => q.remoteName === vnet.name);
    if (p.remote && back && p.allowVirtualNetworkAccess && back.allowVirtualNetworkAccess)
      out.push({ peer: p.remote, out: p, back });
  }
  return out;
}

/** The gateway whose BGP routes reach this VNet: its own, or a peer's through gateway transit. */
export function gatewayOf(vnet: Vnet): VpnGateway | undefined {
  if (vnet.gateway) return vnet.gateway;
  for (const { peer, out, back } of connectedPeers(vnet))
    if (out.useRemoteGateways && back.allowGatewayTransit && peer.gateway) return peer.gateway;
  return undefined;
}

const cache = new WeakMap<Subnet, EffectiveRoute[]>();

export function effectiveRoutes(subnet: Subnet): EffectiveRoute[] {
  const hit = cache.get(subnet);
  if (hit) return hit;
  const routes: EffectiveRoute[] = [];
  const push = (prefix: string, r: Omit<EffectiveRoute, "prefix" | "range">) => {
    const range = toRange(prefix);
    if (range) routes.push({ prefix, range, ...r });
  };
  const vnet = subnet.vnet;
  for (const p of vnet.prefixes) push(p, { nextHopType: "VnetLocal", source: "system", origin: `address space of ${vnet.name}` });
  // A user route for 0.0.0.0/0 invalidates the default Internet route and the reserved ranges' None routes
  // (the effective routes show them as Invalid): private destinations outside the peerings follow the UDR.
  const userDefault = subnet.routeTable?.routes.some((r) => r.addressPrefix === "0.0.0.0/0");
  if (!userDefault) {
    push("0.0.0.0/0", { nextHopType: "Internet", source: "system", origin: "default route" });
    for (const p of RESERVED_NONE) push(p, { nextHopType: "None", source: "system", origin: "reserved private range" });
  }
  for (const { peer } of connectedPeers(vnet))
    for (const p of peer.prefixes)
      push(p, { nextHopType: "VNetPeering", source: "system", origin: `peering with ${peer.name}`, peerVnet: peer });
  const gw = gatewayOf(vnet);
  if (gw && !subnet.routeTable?.disableBgpRoutePropagation) {
    for (const c of gw.connections)
      for (const p of c.learned)
        push(p, { nextHopType: "VirtualNetworkGateway", source: "bgp", origin: `${gw.name} (${c.name})`, gateway: gw });
  }
  for (const r of subnet.routeTable?.routes ?? []) {
    push(r.addressPrefix, {
      nextHopType: r.nextHopType as EffectiveRoute["nextHopType"],
      ...(r.nextHopIpAddress ? { nextHopIp: r.nextHopIpAddress } : {}),
      source: "user",
      origin: `${subnet.routeTable?.name}/${r.name}`,
      ...(r.nextHopType === "VirtualNetworkGateway" && gw ? { gateway: gw } : {}),
    });
  }
  cache.set(subnet, routes);
  return routes;
}

const rank: Record<RouteSource, number> = { user: 0, bgp: 1, system: 2 };

/** The route Azure uses from `subnet` for `dst`; `pe` when the destination is a private endpoint's address. */
export function selectRoute(
  topology: Topology,
  subnet: Subnet,
  dst: AddressRange,
  pe?: PrivateEndpoint,
): EffectiveRoute | undefined {
  let best: EffectiveRoute | undefined;
  for (const r of effectiveRoutes(subnet)) {
    if (!inside(dst, r.range)) continue;
    if (
      !best ||
      prefixBits(r.range) > prefixBits(best.range) ||
      (prefixBits(r.range) === prefixBits(best.range) && rank[r.source] < rank[best.source])
    )
      best = r;
  }
  const peVnet = pe?.subnet?.vnet;
  if (pe && peVnet && (peVnet === subnet.vnet || connectedPeers(subnet.vnet).some((c) => c.peer === peVnet))) {
    const policies = pe.subnet?.privateEndpointNetworkPolicies ?? "Disabled";
    const udrHonoured = policies === "Enabled" || policies === "RouteTableEnabled";
    const widest = Math.min(...peVnet.ranges.map(prefixBits));
    const override = udrHonoured && best?.source === "user" && prefixBits(best.range) <= widest;
    if (!override) {
      best = {
        prefix: `${pe.name}/32`,
        range: dst,
        nextHopType: "InterfaceEndpoint",
        source: "system",
        origin: `private endpoint ${pe.name}`,
        ...(peVnet !== subnet.vnet ? { peerVnet: peVnet } : {}),
      };
    }
  }
  void topology;
  return best;
}
