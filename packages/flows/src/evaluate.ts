/** Decides every flow of the catalogue from a plan's resources. */
import type { EnvironmentModel, FlowLeg, FlowSpec, FlowTarget } from "@plugilo/model";
import type { PlannedResource } from "@plugilo/policy";
import { type AddressRange, inside, PUBLIC_STAND_IN, toRange } from "./address.ts";
import { resolveName } from "./dns.ts";
import type { Hop } from "./hops.ts";
import { evaluateNsg } from "./nsg.ts";
import { portText } from "./ports.ts";
import { remoteDestinationCheck, remoteSourceCheck } from "./remote-ends.ts";
import { PUBLIC_NAME_TAGS } from "./service-tags.ts";
import { buildTopology, refOf, type Topology } from "./topology.ts";
import { advertisedBy, checkReturn, type Packet, trace } from "./trace.ts";

export interface FlowResult {
  id: string;
  kind: FlowSpec["kind"];
  source: string;
  destination: string;
  protocol: FlowSpec["protocol"];
  port: number | string;
  verdict: "allowed" | "denied";
  hops: Hop[];
  reason: string;
}

/** A required flow denied, or a forbidden flow allowed. */
export const violates = (r: FlowResult) => (r.kind === "required" ? r.verdict === "denied" : r.verdict === "allowed");

// biome-ignore lint/suspicious/noExplicitAny: plan inputs are untyped JSON
type Inputs = Record<string, any>;

type LegResult = { ok: true; summary: string } | { ok: false; reason: string };

export interface EvaluateOptions {
  /** Address spaces of other environments by VNet name (a peering to one of them lets its range in). */
  externalVnets?: Record<string, string>;
}

export function evaluateFlows(
  model: EnvironmentModel,
  resources: readonly PlannedResource[],
  flows: readonly FlowSpec[],
  options: EvaluateOptions = {},
): FlowResult[] {
  // The AWS transit gateway announces the VPCs attached to it, which live outside this plan: the model's ranges.
  const topology = buildTopology(resources, { [String(model.vpn.aws.asn)]: [...model.vpn.aws.ranges] });
  return flows.map((flow) => evaluateFlow(topology, flow, options));
}

export function evaluateFlow(topology: Topology, flow: FlowSpec, options: EvaluateOptions = {}): FlowResult {
  const hops: Hop[] = [];
  let result: LegResult = { ok: true, summary: "" };
  const summaries: string[] = [];
  for (const leg of flow.legs) {
    result = evaluateLeg(topology, flow, leg, hops, options);
    if (!result.ok) break;
    summaries.push(result.summary);
  }
  const verdict = result.ok ? "allowed" : "denied";
  return {
    id: flow.id,
    kind: flow.kind,
    source: flow.source,
    destination: flow.destination,
    protocol: flow.protocol,
    port: flow.ports.from === flow.ports.to ? flow.ports.from : portText(flow.ports),
    verdict,
    hops,
    reason: result.ok ? summaries.join("; ") : result.reason,
  };
}

function targetPacket(
  topology: Topology,
  flow: FlowSpec,
  to: FlowTarget,
  from: { subnet?: Topology["subnets"][number] },
  hops: Hop[],
): { packet: Omit<Packet, "src"> } | { error: string } {
  const base = { protocol: flow.protocol, ports: flow.ports };
  if ("address" in to) {
    const dst = toRange(to.address);
    return dst ? { packet: { ...base, dst, label: to.address } } : { error: `${to.address} is not an address` };
  }
  if ("serviceTag" in to)
    return {
      packet: {
        ...base,
        dst: toRange(PUBLIC_STAND_IN) as AddressRange,
        tags: [to.serviceTag],
        label: `service tag ${to.serviceTag}`,
      },
    };
  if ("fqdn" in to) {
    if (!from.subnet)
      return { packet: { ...base, dst: toRange(PUBLIC_STAND_IN) as AddressRange, fqdn: to.fqdn, label: to.fqdn } };
    const res = resolveName(topology, from.subnet, to.fqdn, hops);
    if (!res.ok) return { error: `DNS ${to.fqdn}: ${res.reason}` };
    if (res.kind === "public") {
      if (to.resolves === "private")
        return { error: `DNS ${to.fqdn}: resolves to a public address where a private endpoint is expected` };
      const tags = [...(to.serviceTags ?? PUBLIC_NAME_TAGS[to.fqdn.toLowerCase()] ?? [])];
      return { packet: { ...base, dst: toRange(PUBLIC_STAND_IN) as AddressRange, fqdn: to.fqdn, tags, label: to.fqdn } };
    }
    if (res.kind === "address") {
      const dst = toRange(res.address) as AddressRange;
      return { packet: { ...base, dst, fqdn: to.fqdn, label: `${to.fqdn} (${res.address})` } };
    }
    const pe = res.endpoint;
    if (to.region && pe.location !== to.region)
      return {
        error: `DNS ${to.fqdn}: resolves to private endpoint ${pe.name} in ${pe.location}, not in ${to.region} (the source's region)`,
      };
    if (!pe.subnet) return { error: `private endpoint ${pe.name}: its subnet ${pe.subnetRef} is not in the plan` };
    // Azure assigns the endpoint's address in its subnet: rules must cover the whole subnet to be sure.
    return {
      packet: {
        ...base,
        dst: { ...pe.subnet.range, text: `${pe.name} (${pe.subnet.cidr})` },
        pe,
        fqdn: to.fqdn,
        label: `${to.fqdn} (${pe.name} in ${pe.subnet.cidr})`,
      },
    };
  }
  return { error: "unsupported target" };
}

function evaluateLeg(topology: Topology, flow: FlowSpec, leg: FlowLeg, hops: Hop[], options: EvaluateOptions): LegResult {
  const fail = (at: string, decision: string): LegResult => {
    hops.push({ at, decision });
    return { ok: false, reason: `${at}: ${decision}` };
  };
  const from = leg.from;
  if ("frontDoor" in from) return frontDoorLeg(topology, flow, from.frontDoor, leg.to, hops);
  if ("external" in from) return externalLeg(topology, flow, from.external, from.cidr, leg.to, hops, options);
  const vnet = topology.vnets.get(from.subnet.vnet);
  const subnet = vnet?.subnets.find((s) => s.name === from.subnet.subnet);
  if (!subnet) return fail(`${from.subnet.vnet}/${from.subnet.subnet}`, "source subnet is not in the plan");
  const t = targetPacket(topology, flow, leg.to, { subnet }, hops);
  if ("error" in t) {
    const [at, ...rest] = t.error.split(": ");
    return { ok: false, reason: t.error, ...(hops.push({ at: at as string, decision: rest.join(": ") }) ? {} : {}) };
  }
  const packet: Packet = { ...t.packet, src: subnet.range };
  const end = trace(topology, subnet, packet, hops, flow.bypass ? { bypass: true } : {});
  if (!end.ok) return { ok: false, reason: end.reason };
  if (flow.bypass) return { ok: true, summary: `reached ${packet.label} without crossing a firewall` };
  if (end.kind === "vpn") {
    const refused = remoteDestinationCheck(topology, end.gateway, end.connection, { ...packet, src: end.src }, hops);
    if (refused) return { ok: false, reason: refused };
  }
  const back = checkReturn(topology, end, subnet.range, packet.dst, hops, subnet);
  if (back) return { ok: false, reason: back };
  const via = end.firewalls.map((p) => p.fw.name);
  return { ok: true, summary: `reached ${packet.label}${via.length ? ` through ${via.join(", ")}` : ""}` };
}

function frontDoorLeg(
  topology: Topology,
  flow: FlowSpec,
  ref: { originGroup: string; origin: string },
  to: FlowTarget,
  hops: Hop[],
): LegResult {
  const fail = (at: string, decision: string): LegResult => {
    hops.push({ at, decision });
    return { ok: false, reason: `${at}: ${decision}` };
  };
  const at = `Front Door origin ${ref.originGroup}/${ref.origin}`;
  const origin = topology.resources.find(
    (r) =>
      r.type === "azure-native:cdn:AFDOrigin" &&
      (r.inputs as Inputs).originGroupName === ref.originGroup &&
      (r.inputs as Inputs).originName === ref.origin,
  );
  if (!origin) return fail(at, "no such origin in the plan");
  const oi = origin.inputs as Inputs;
  if (oi.enabledState === "Disabled") return fail(at, "origin is disabled");
  const pl = oi.sharedPrivateLinkResource;
  if (!pl?.privateLink?.id) return fail(at, "origin has no Private Link: Front Door would connect over the Internet");
  const target = refOf(pl.privateLink.id);
  const resource = topology.resources.find(
    (r) => (r.inputs as Inputs).resourceGroupName?.toLowerCase() === target?.rg && r.name === target?.name,
  );
  if (!resource) return fail(at, `Private Link target ${target?.name} is not in the plan`);
  hops.push({
    at,
    decision: `Private Link to ${resource.name} (group ${pl.groupId}, location ${pl.privateLinkLocation}), host ${oi.hostName}:${oi.httpsPort}`,
  });
  if (resource.type === "azure-native:apimanagement:ApiManagementService") {
    if (pl.groupId !== "Gateway") return fail(at, `API Management's Private Link group is Gateway, not ${pl.groupId}`);
    hops.push({ at: resource.name, decision: "delivered to the gateway through Front Door's managed private endpoint" });
    return { ok: true, summary: `Front Door reaches ${resource.name} through Private Link` };
  }
  if (resource.type !== "azure-native:network:ApplicationGateway")
    return fail(at, `Private Link target ${resource.name} is a ${resource.type}`);
  const ai = resource.inputs as Inputs;
  const frontend = (ai.frontendIPConfigurations ?? []).find((f: Inputs) => f.name === pl.groupId);
  if (!frontend?.privateLinkConfiguration?.id)
    return fail(resource.name, `frontend ${pl.groupId} carries no Private Link configuration`);
  const plName = refOf(frontend.privateLinkConfiguration.id)?.child ?? frontend.privateLinkConfiguration.id.split("/").pop();
  const plc = (ai.privateLinkConfigurations ?? []).find((p: Inputs) => p.name === plName);
  const plSubnetRef = refOf(plc?.ipConfigurations?.[0]?.subnet?.id);
  const plSubnet = plSubnetRef && topology.vnets.get(plSubnetRef.name)?.subnets.find((s) => s.name === plSubnetRef.child);
  if (!plSubnet) return fail(resource.name, `Private Link configuration ${plName} has no subnet in the plan`);
  if (plSubnet.privateLinkServiceNetworkPolicies !== "Disabled")
    return fail(
      `${plSubnet.vnet.name}/${plSubnet.name}`,
      "privateLinkServiceNetworkPolicies must be Disabled for a Private Link subnet",
    );
  const listeners = (ai.httpListeners ?? []).filter((l: Inputs) =>
    String(l.frontendIPConfiguration?.id ?? "").endsWith(`/frontendIPConfigurations/${frontend.name}`),
  );
  if (!listeners.length) return fail(resource.name, `no listener on frontend ${frontend.name}`);
  // Over Private Link, Front Door reaches the gateway through its managed private endpoint; the host it sends
  // (origin host header, else host name) is the Host header and SNI, so it must be a listener's host name, or
  // requests and probes match no listener. https://learn.microsoft.com/azure/frontdoor/how-to-enable-private-link-application-gateway,
  // https://learn.microsoft.com/azure/frontdoor/origin#origin-host-header
  const host = String(oi.originHostHeader ?? oi.hostName ?? "");
  const hostsOf = (l: Inputs): string[] => [...(l.hostNames ?? []), ...(l.hostName ? [l.hostName] : [])];
  const serving = listeners.filter((l: Inputs) => {
    const hosts = hostsOf(l);
    return hosts.length === 0 || hosts.includes(host);
  });
  if (!serving.length)
    return fail(
      resource.name,
      `origin host ${host} matches no listener on frontend ${frontend.name} (${listeners.flatMap(hostsOf).join(", ")})`,
    );
  hops.push({
    at: resource.name,
    decision: `listener ${listeners.map((l: Inputs) => l.name).join(", ")} on private frontend ${frontend.privateIPAddress}; Front Door traffic enters from ${plSubnet.vnet.name}/${plSubnet.name}`,
  });
  const dst = "address" in to ? toRange(to.address) : toRange(frontend.privateIPAddress);
  if (!dst) return fail(resource.name, "no destination address");
  const packet: Packet = { src: plSubnet.range, dst, protocol: flow.protocol, ports: flow.ports, label: dst.text };
  const end = trace(topology, plSubnet, packet, hops, { entering: true });
  if (!end.ok) return { ok: false, reason: end.reason };
  return { ok: true, summary: `Front Door reaches ${resource.name} (${dst.text}) through Private Link` };
}

function externalLeg(
  topology: Topology,
  flow: FlowSpec,
  network: string,
  cidr: string,
  to: FlowTarget,
  hops: Hop[],
  options: EvaluateOptions,
): LegResult {
  const fail = (at: string, decision: string): LegResult => {
    hops.push({ at, decision });
    return { ok: false, reason: `${at}: ${decision}` };
  };
  const srcRange = toRange(cidr) as AddressRange;
  if (network === "Internet") {
    if ("publicIp" in to) return internetToPublicIp(topology, flow, to.publicIp, hops);
    if ("publicEndpoint" in to) {
      const r = topology.resources.find((x) => x.type === to.publicEndpoint.type && x.name === to.publicEndpoint.name);
      if (!r) return fail(to.publicEndpoint.name, "not in the plan");
      const i = r.inputs as Inputs;
      if (i.enabledState === "Disabled") return fail(r.name, "enabledState Disabled");
      const access = i.publicNetworkAccess ?? i.properties?.publicNetworkAccess ?? i.network?.publicNetworkAccess;
      if (access === "Disabled") return fail(r.name, "publicNetworkAccess Disabled: the public endpoint refuses connections");
      const acl = i.networkAcls?.defaultAction ?? i.properties?.networkAcls?.defaultAction ?? i.networkRuleSet?.defaultAction;
      if (acl === "Deny") return fail(r.name, "service firewall default action Deny");
      hops.push({ at: r.name, decision: `public endpoint open (publicNetworkAccess ${access ?? "unset, Enabled by default"})` });
      return { ok: true, summary: `the Internet reaches ${r.name}'s public endpoint` };
    }
    return fail("Internet", "reaches the estate only through public IPs and public endpoints");
  }
  if (network === "aws" || network === "gcp") {
    for (const gw of topology.gateways) {
      const conn = gw.connections.find((c) => c.learned.some((p) => inside(srcRange, toRange(p) as AddressRange)));
      if (!conn) continue;
      const t = targetPacket(topology, flow, to, {}, hops);
      if ("error" in t) return fail(String(network), t.error);
      const adv = advertisedBy(gw, conn);
      if (!adv.some((p) => inside(t.packet.dst, toRange(p) as AddressRange)))
        return fail(`${network} (${conn.remote})`, `no route to ${t.packet.label}: ${gw.name} announces ${adv.join(", ")}`);
      const refused = remoteSourceCheck(topology, gw, conn, { ...t.packet, src: srcRange }, hops);
      if (refused) return { ok: false, reason: refused };
      hops.push({
        at: `${network} (${conn.remote})`,
        decision: `${t.packet.label} is announced by ${gw.name}; enters over ${conn.name}`,
      });
      const gwSubnet = gw.vnet.subnets.find((s) => s.name === "GatewaySubnet");
      if (!gwSubnet) return fail(gw.name, "no GatewaySubnet");
      const packet: Packet = { ...t.packet, src: srcRange };
      const end = trace(topology, gwSubnet, packet, hops, { entering: true });
      if (!end.ok) return { ok: false, reason: end.reason };
      if (end.kind === "vpn") {
        hops.push({ at: gw.name, decision: `transit between BGP peers: ${conn.remote} -> ${end.connection.remote}` });
        const refused = remoteDestinationCheck(topology, end.gateway, end.connection, { ...packet, src: end.src }, hops);
        if (refused) return { ok: false, reason: refused };
      }
      const back = checkReturn(topology, end, srcRange, packet.dst, hops, gwSubnet);
      if (back) return { ok: false, reason: back };
      return {
        ok: true,
        summary: `reached ${packet.label}${end.firewalls.length ? ` through ${end.firewalls.map((p) => p.fw.name).join(", ")}` : " without a firewall"}`,
      };
    }
    return fail(network, `no VPN connection of this plan learns ${cidr}: the range has no way in`);
  }
  // Another environment or the tailnet: only a peering to a VNet outside this plan lets its range in.
  for (const vnet of topology.vnets.values()) {
    for (const p of vnet.peerings) {
      const remoteCidr = options.externalVnets?.[p.remoteName];
      if (p.remote || !remoteCidr || !inside(srcRange, toRange(remoteCidr) as AddressRange)) continue;
      const t = targetPacket(topology, flow, to, {}, hops);
      if ("error" in t) return fail(network, t.error);
      const subnet = vnet.subnets.find((s) => inside(t.packet.dst, s.range));
      if (!subnet) return fail(`peering ${p.name}`, `${t.packet.label} is not in ${vnet.name}: peering does not transit`);
      hops.push({ at: `peering ${p.name}`, decision: `${p.remoteName} (${remoteCidr}) is peered with ${vnet.name}` });
      const d = evaluateNsg(subnet, "Inbound", { range: srcRange }, { range: t.packet.dst }, flow.protocol, flow.ports);
      if (d && !d.allowed) return fail(`NSG ${d.nsg} (inbound)`, `denied by ${d.rule} (priority ${d.priority})`);
      return { ok: true, summary: `${cidr} reaches ${t.packet.label} over peering ${p.name}` };
    }
  }
  return fail(`${network} ${cidr}`, "no peering, VPN connection or public frontend carries this range into the estate");
}

function internetToPublicIp(topology: Topology, flow: FlowSpec, name: string, hops: Hop[]): LegResult {
  const fail = (at: string, decision: string): LegResult => {
    hops.push({ at, decision });
    return { ok: false, reason: `${at}: ${decision}` };
  };
  const fw = topology.firewalls.find((f) => f.publicIps.includes(name));
  if (fw) {
    hops.push({ at: `public IP ${name}`, decision: `frontend of ${fw.name}` });
    const policy = fw.policy;
    const dnat = policy?.collections
      .filter((c) => c.kind === "nat")
      .flatMap((c) =>
        c.rules.filter((r) => r.destinationPorts.includes(String(flow.ports.from))).map((r) => `${c.name}/${r.name}`),
      );
    if (!dnat?.length) return fail(fw.name, `no DNAT rule for ${flow.protocol} ${portText(flow.ports)}: denied by default`);
    hops.push({ at: fw.name, decision: `DNAT by ${dnat.join(", ")}` });
    return { ok: true, summary: `the Internet reaches ${fw.name} through DNAT` };
  }
  const gw = topology.gateways.find((g) => g.publicIps.includes(name));
  if (gw) return fail(gw.name, "a VPN gateway's public IP answers IKE and IPsec only");
  const agw = topology.resources.find(
    (r) =>
      r.type === "azure-native:network:ApplicationGateway" &&
      ((r.inputs as Inputs).frontendIPConfigurations ?? []).some((f: Inputs) => refOf(f.publicIPAddress?.id)?.name === name),
  );
  if (agw) {
    const ai = agw.inputs as Inputs;
    const frontend = ai.frontendIPConfigurations.find((f: Inputs) => refOf(f.publicIPAddress?.id)?.name === name);
    hops.push({ at: `public IP ${name}`, decision: `public frontend ${frontend.name} of ${agw.name}` });
    const subnetRef = refOf(ai.gatewayIPConfigurations?.[0]?.subnet?.id);
    const subnet = subnetRef && topology.vnets.get(subnetRef.name)?.subnets.find((s) => s.name === subnetRef.child);
    if (subnet) {
      const d = evaluateNsg(
        subnet,
        "Inbound",
        { range: toRange("0.0.0.0/0") as AddressRange, internet: true },
        { range: subnet.range },
        flow.protocol,
        flow.ports,
      );
      if (d && !d.allowed)
        return fail(
          `NSG ${d.nsg} (inbound)`,
          `denied by ${d.rule} (priority ${d.priority}) for Internet ${flow.protocol} ${portText(flow.ports)}`,
        );
      if (d) hops.push({ at: `NSG ${d.nsg} (inbound)`, decision: `allowed by ${d.rule} (priority ${d.priority})` });
    }
    const listeners = (ai.httpListeners ?? []).filter((l: Inputs) =>
      String(l.frontendIPConfiguration?.id ?? "").endsWith(`/frontendIPConfigurations/${frontend.name}`),
    );
    if (!listeners.length) return fail(agw.name, `no listener on the public frontend ${frontend.name}`);
    hops.push({ at: agw.name, decision: `listener ${listeners.map((l: Inputs) => l.name).join(", ")} on the public frontend` });
    return { ok: true, summary: `the Internet reaches ${agw.name}` };
  }
  return fail(`public IP ${name}`, "not attached to any frontend of this plan");
}
