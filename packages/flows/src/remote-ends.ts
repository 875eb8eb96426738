/**
 * The AWS and Google Cloud ends of the VPN, read from the plan: what they do with a packet that Azure's VPN
 * gateway hands them, or that they send to Azure. Azure's gateway re-advertises what it learns from one BGP
 * peer to the others (https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-bgp-overview), so only the
 * remote ends can refuse the AWS <-> GCP transit.
 *
 * AWS transit gateway: the most specific route wins; for the same prefix a static route (a blackhole
 * included) wins over a propagated one (https://docs.aws.amazon.com/vpc/latest/tgw/how-transit-gateways-work.html,
 * route evaluation order); a blackhole route drops what it matches
 * (https://docs.aws.amazon.com/vpc/latest/tgw/tgw-create-static-route.html). The VPN and the VPC attachments
 * use the default association route table when defaultRouteTableAssociation is enabled. That table's ID is an
 * output of the transit gateway, so the plan ties a route to the one transit gateway of its stack.
 *
 * Google Cloud VPC firewall rules: they apply to packets through Cloud VPN tunnels
 * (https://cloud.google.com/network-connectivity/docs/vpn/how-to/configuring-firewall-rules); the lowest
 * priority number wins and, at equal priority, deny wins over allow (https://cloud.google.com/vpc/docs/firewalls).
 * The network's rules that are not in the plan are unknown here: without a matching rule the flow passes with
 * that said in its hop (the implied ingress deny needs an allow rule outside this plan).
 */
import type { FlowProtocol, PortRange } from "@plugilo/model";
import type { PlannedResource } from "@plugilo/policy";
import { type AddressRange, inside, prefixBits, toRange } from "./address.ts";
import type { Hop } from "./hops.ts";
import { portsCovered, portText } from "./ports.ts";
import type { Topology, VpnConnection, VpnGateway } from "./topology.ts";
import { advertisedBy } from "./trace.ts";

// biome-ignore lint/suspicious/noExplicitAny: plan inputs are untyped JSON
type Inputs = Record<string, any>;

export interface TransitGatewayRoute {
  name: string;
  cidr: string;
  range: AddressRange;
  blackhole: boolean;
  attachment?: string;
}

export interface TransitGatewayEnd {
  kind: "aws";
  name: string;
  asn: number;
  /** Routes of the route table the VPN attachments use; undefined when the plan cannot tell which table. */
  routes?: TransitGatewayRoute[];
  why?: string;
}

export interface GcpFirewallRule {
  name: string;
  direction: "INGRESS" | "EGRESS";
  priority: number;
  action: "allow" | "deny";
  ranges: AddressRange[];
  /** The rule targets some instances only (tags, service accounts): it does not decide for the whole range. */
  targeted: boolean;
  protocols: { protocol: string; ports: string[] }[];
}

export interface GcpNetworkEnd {
  kind: "gcp";
  network: string;
  asn: number;
  rules: GcpFirewallRule[];
}

export type RemoteEnd = TransitGatewayEnd | GcpNetworkEnd;

const networkName = (ref: unknown) =>
  String(ref ?? "")
    .split("/")
    .pop() ?? "";
const cache = new WeakMap<Topology, RemoteEnd[]>();

/** Every AWS transit gateway and GCP Cloud Router network of the plan, with their routes and firewall rules. */
export function remoteEnds(topology: Topology): RemoteEnd[] {
  const known = cache.get(topology);
  if (known) return known;
  const rs = topology.resources;
  const of = (type: string) => rs.filter((r) => r.type === type);
  const ends: RemoteEnd[] = [];
  const tgws = of("aws:ec2transitgateway/transitGateway:TransitGateway");
  const routes = of("aws:ec2transitgateway/route:Route");
  for (const tgw of tgws) {
    const i = tgw.inputs as Inputs;
    const end: TransitGatewayEnd = { kind: "aws", name: tgw.name, asn: Number(i.amazonSideAsn ?? 64512) };
    const inStack = (r: PlannedResource) => r.stack === tgw.stack;
    const tables = new Set(routes.filter(inStack).map((r) => String((r.inputs as Inputs).transitGatewayRouteTableId)));
    if (i.defaultRouteTableAssociation === "disable") end.why = "default route table association is disabled";
    else if (tgws.filter(inStack).length > 1) end.why = `several transit gateways in stack ${tgw.stack}`;
    else if (tables.size > 1) end.why = `routes of ${tables.size} route tables in stack ${tgw.stack}`;
    else
      end.routes = routes.filter(inStack).flatMap((r) => {
        const ri = r.inputs as Inputs;
        const range = toRange(String(ri.destinationCidrBlock));
        if (!range) return [];
        return [
          {
            name: r.name,
            cidr: range.text,
            range,
            blackhole: ri.blackhole === true,
            ...(ri.transitGatewayAttachmentId ? { attachment: String(ri.transitGatewayAttachmentId) } : {}),
          },
        ];
      });
    ends.push(end);
  }
  const firewalls = of("gcp:compute/firewall:Firewall");
  for (const router of of("gcp:compute/router:Router")) {
    const i = router.inputs as Inputs;
    const network = networkName(i.network);
    const rules: GcpFirewallRule[] = firewalls
      .map((f) => f.inputs as Inputs)
      .filter((f) => networkName(f.network) === network && f.disabled !== true)
      .map((f) => {
        const direction = f.direction === "EGRESS" ? "EGRESS" : "INGRESS";
        const action = f.denies?.length ? "deny" : "allow";
        const ranges = (direction === "INGRESS" ? f.sourceRanges : f.destinationRanges) ?? [];
        return {
          name: String(f.name),
          direction,
          priority: Number(f.priority ?? 1000),
          action,
          ranges: ranges.map((x: string) => toRange(x)).filter(Boolean),
          targeted: !!(f.targetTags?.length || f.targetServiceAccounts?.length || f.sourceTags?.length),
          protocols: (action === "deny" ? f.denies : (f.allows ?? [])).map((p: Inputs) => ({
            protocol: String(p.protocol).toLowerCase(),
            ports: (p.ports ?? []).map(String),
          })),
        } as GcpFirewallRule;
      })
      // Lowest number first; at equal priority deny before allow.
      .sort((a, b) => a.priority - b.priority || (a.action === b.action ? 0 : a.action === "deny" ? -1 : 1));
    ends.push({ kind: "gcp", network, asn: Number(i.bgp?.asn), rules });
  }
  cache.set(topology, ends);
  return ends;
}

/** The remote end behind an Azure connection: the one whose ASN the local network gateway's BGP settings name. */
export function remoteEndOf(topology: Topology, connection: VpnConnection): RemoteEnd | undefined {
  const lng = topology.resources.find(
    (r) => r.type === "azure-native:network:LocalNetworkGateway" && r.name === connection.remote,
  );
  const asn = Number((lng?.inputs as Inputs | undefined)?.bgpSettings?.asn);
  return remoteEnds(topology).find((e) => e.asn === asn);
}

const label = (e: RemoteEnd) => (e.kind === "aws" ? `AWS transit gateway ${e.name}` : `GCP firewall of ${e.network}`);

/** The transit gateway's choice for `dst`: its static routes against the prefixes Azure propagates to it. */
export function transitGatewayLookup(
  end: TransitGatewayEnd,
  dst: AddressRange,
  propagated: readonly string[],
): { route?: TransitGatewayRoute; prefix?: string } {
  const candidates = [
    ...(end.routes ?? []).filter((r) => inside(dst, r.range)).map((route) => ({ bits: prefixBits(route.range), route })),
    ...propagated
      .map((p) => toRange(p))
      .filter((r): r is AddressRange => !!r && inside(dst, r))
      .map((r) => ({ bits: prefixBits(r), prefix: r.text })),
  ];
  // Most specific first; at equal length the static route before the propagated one.
  candidates.sort((a, b) => b.bits - a.bits || ("route" in a ? -1 : 0) - ("route" in b ? -1 : 0));
  const best = candidates[0];
  return best ? ("route" in best ? { route: best.route } : { prefix: best.prefix }) : {};
}

function gcpDecision(
  end: GcpNetworkEnd,
  direction: "INGRESS" | "EGRESS",
  peer: AddressRange,
  protocol: FlowProtocol,
  ports: PortRange,
): GcpFirewallRule | undefined {
  return end.rules.find(
    (r) =>
      r.direction === direction &&
      !r.targeted &&
      r.ranges.some((x) => inside(peer, x)) &&
      r.protocols.some(
        (p) =>
          p.protocol === "all" || (p.protocol === protocol.toLowerCase() && (!p.ports.length || portsCovered(ports, p.ports))),
      ),
  );
}

export interface RemotePacket {
  src: AddressRange;
  dst: AddressRange;
  protocol: FlowProtocol;
  ports: PortRange;
  label: string;
}

/**
 * The source cloud's decision on a packet it sends towards Azure over `connection`: the transit gateway's
 * route for the destination, or the GCP network's egress rules. A failure reason, or undefined.
 */
export function remoteSourceCheck(
  topology: Topology,
  gw: VpnGateway,
  connection: VpnConnection,
  pkt: RemotePacket,
  hops: Hop[],
): string | undefined {
  const end = remoteEndOf(topology, connection);
  if (!end) return undefined;
  return end.kind === "aws"
    ? transitGatewayCheck(end, gw, connection, pkt.dst, pkt.label, hops, "")
    : gcpCheck(end, "EGRESS", pkt.dst, pkt, hops);
}

/**
 * The destination cloud's decision on a packet Azure delivers over `connection`: GCP's ingress rules for the
 * source; for AWS the reply, which the transit gateway routes back to the source.
 */
export function remoteDestinationCheck(
  topology: Topology,
  gw: VpnGateway,
  connection: VpnConnection,
  pkt: RemotePacket,
  hops: Hop[],
): string | undefined {
  const end = remoteEndOf(topology, connection);
  if (!end) return undefined;
  return end.kind === "aws"
    ? transitGatewayCheck(end, gw, connection, pkt.src, `reply to ${pkt.src.text}`, hops, "return: ")
    : gcpCheck(end, "INGRESS", pkt.src, pkt, hops);
}

function transitGatewayCheck(
  end: TransitGatewayEnd,
  gw: VpnGateway,
  connection: VpnConnection,
  dst: AddressRange,
  what: string,
  hops: Hop[],
  prefix: string,
): string | undefined {
  const at = `${prefix}${label(end)}`;
  const fail = (decision: string) => {
    hops.push({ at, decision });
    return `${prefix ? "return path: " : ""}${label(end)}: ${decision}`;
  };
  if (!end.routes) {
    hops.push({ at, decision: `routes not known from the plan (${end.why})` });
    return undefined;
  }
  const { route, prefix: propagated } = transitGatewayLookup(end, dst, advertisedBy(gw, connection));
  if (route?.blackhole)
    return fail(`${what} -> ${route.cidr} blackhole (static route ${route.name}, preferred to a propagated route): dropped`);
  if (route) {
    hops.push({ at, decision: `${what} -> ${route.cidr} static route to ${route.attachment ?? "an attachment"}` });
    return undefined;
  }
  if (!propagated) return fail(`no route for ${what}: dropped`);
  hops.push({ at, decision: `${what} -> ${propagated} propagated from ${gw.name} over the VPN` });
  return undefined;
}

function gcpCheck(
  end: GcpNetworkEnd,
  direction: "INGRESS" | "EGRESS",
  peer: AddressRange,
  pkt: RemotePacket,
  hops: Hop[],
): string | undefined {
  const at = `${label(end)} (${direction.toLowerCase()})`;
  const rule = gcpDecision(end, direction, peer, pkt.protocol, pkt.ports);
  const what = `${pkt.protocol} ${portText(pkt.ports)} ${direction === "INGRESS" ? "from" : "to"} ${peer.text}`;
  if (rule?.action === "deny") {
    const decision = `${what} denied by ${rule.name} (priority ${rule.priority})`;
    hops.push({ at, decision });
    return `${at}: ${decision}`;
  }
  hops.push({
    at,
    decision: rule
      ? `${what} allowed by ${rule.name} (priority ${rule.priority})`
      : `${what}: no rule of this plan matches (the network's own rules decide)`,
  });
  return undefined;
}
