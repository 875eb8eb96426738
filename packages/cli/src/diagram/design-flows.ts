/**
 * The design's inbound and egress paths, walked through the model's route tables: what the diagram draws
 * when no `plugilo flows` result is given. Each path follows the user-defined routes hop by hop (longest
 * prefix wins, as in Azure), so a route table that skipped the firewall would show as a path without it.
 * It states the intended path only; whether the firewall and NSGs allow it is what `plugilo flows` decides.
 * https://learn.microsoft.com/azure/virtual-network/virtual-networks-udr-overview#how-azure-selects-a-route
 */
import { containsAddress, type EnvironmentModel, prefixLength, type SubnetModel, type VnetModel } from "@plugilo/model";
import type { Flow, FlowHop, FlowsResult } from "./flows-result.ts";

interface Place {
  vnet: VnetModel;
  subnet: SubnetModel;
}

function placeOf(model: EnvironmentModel, address: string): Place | undefined {
  for (const vnet of model.vnets) {
    for (const subnet of vnet.subnets) if (containsAddress(subnet.cidr, address)) return { vnet, subnet };
  }
  return undefined;
}

function firstAddress(cidr: string): string {
  return cidr.split("/")[0] as string;
}

/** An address inside a range: the fourth, the first Azure hands out. */
function hostIn(cidr: string): string {
  const [a, b, c, d] = firstAddress(cidr).split(".").map(Number) as [number, number, number, number];
  return `${a}.${b}.${c}.${d + 4}`;
}

/**
 * Hops from a subnet to a destination address: at each subnet the most specific route decides; a virtual
 * appliance hop moves to the firewall's subnet; the Internet leaves through the hub's NAT gateway; a range
 * of AWS or GCP leaves through the VPN gateway (learned over BGP, so no route table names it).
 */
function walk(model: EnvironmentModel, from: Place, destination: string): FlowHop[] {
  const hops: FlowHop[] = [];
  let at: Place = from;
  for (let step = 0; step < 8; step++) {
    // System routes: the VNet itself and every peered VNet; a user-defined route of the same length wins.
    const system = [at.vnet.cidr, ...peeredRanges(model, at.vnet)].filter((c) => containsAddress(c, destination));
    const routes = (at.subnet.routeTable?.routes ?? []).filter((r) => containsAddress(r.addressPrefix, destination));
    const route = routes.sort((a, b) => prefixLength(b.addressPrefix) - prefixLength(a.addressPrefix))[0];
    const longestSystem = Math.max(-1, ...system.map(prefixLength));
    if (longestSystem >= 0 && (!route || prefixLength(route.addressPrefix) < longestSystem)) return hops;
    const hub = model.hubs.find((h) => h.vnetKey === at.vnet.key);
    const remote = [...model.vpn.aws.ranges, ...model.vpn.gcp.ranges].some((r) => containsAddress(r, destination));
    if (hub && at.subnet.kind === "firewall" && remote && hub.hasVpnGateway) {
      hops.push({ at: model.vpn.gateway.name, decision: "to the remote cloud over the IPsec tunnels (BGP route)" });
      return hops;
    }
    if (route?.nextHopType === "VirtualAppliance" && route.nextHopIpAddress) {
      const fw = model.hubs.find((h) => h.firewallPrivateIp === route.nextHopIpAddress);
      const next = placeOf(model, route.nextHopIpAddress);
      if (!fw || !next) return hops;
      hops.push({ at: fw.firewallName, decision: `route ${route.addressPrefix} -> ${route.nextHopIpAddress}` });
      at = next;
      continue;
    }
    if (route?.nextHopType === "Internet" || (!route && at.subnet.kind === "firewall")) {
      if (hub) hops.push({ at: hub.natGatewayName, decision: "SNAT to the NAT gateway's public IPs" });
      return hops;
    }
    // No user-defined route: Azure's system routes carry it over the peering.
    return hops;
  }
  return hops;
}

function peeredRanges(model: EnvironmentModel, vnet: VnetModel): string[] {
  return model.peerings
    .filter((p) => p.vnetKey === vnet.key)
    .flatMap((p) => model.vnets.filter((v) => v.key === p.remoteVnetKey).map((v) => v.cidr));
}

function subnetOf(model: EnvironmentModel, vnetKey: string, kind: string): Place | undefined {
  const vnet = model.vnets.find((v) => v.key === vnetKey);
  const subnet = vnet?.subnets.find((s) => s.kind === kind);
  return vnet && subnet ? { vnet, subnet } : undefined;
}

function flow(
  id: string,
  kind: string,
  source: string,
  destination: string,
  port: number,
  hops: FlowHop[],
  reason: string,
): Flow {
  return { id, kind, source, destination, protocol: "TCP", port, verdict: "design", hops, reason };
}

export function designFlows(model: EnvironmentModel): FlowsResult {
  const flows: Flow[] = [];
  const fd = model.edge.frontDoor;
  for (const agw of model.edge.applicationGateways) {
    const from = placeOf(model, agw.privateFrontendIp);
    for (const backend of agw.backendAddresses) {
      const hops = from ? walk(model, from, backend.ipAddress) : [];
      flows.push(
        flow(
          `inbound-web-${agw.region}`,
          "inbound",
          "Internet",
          backend.ipAddress,
          443,
          [{ at: fd.endpointName, decision: "WAF, TLS, route /*" }, { at: agw.name, decision: "WAF_v2, TLS to Istio" }, ...hops],
          "users reach the web through Front Door, the region's Application Gateway and the firewall",
        ),
      );
    }
  }
  const apim = model.edge.apiManagement;
  const apimFrom = model.vnets
    .filter((v) => v.kind === "edge" && v.region === apim.region)
    .map((v) => subnetOf(model, v.key, "apim"))[0];
  for (const cluster of model.clusters) {
    const hops = apimFrom ? walk(model, apimFrom, cluster.ingressIp) : [];
    flows.push(
      flow(
        `inbound-api-${cluster.name}`,
        "inbound",
        "Internet",
        cluster.ingressIp,
        443,
        [{ at: fd.endpointName, decision: "WAF, route /api/*" }, { at: apim.name, decision: "token, rate limit" }, ...hops],
        "API callers reach the services through Front Door, API Management and the firewall",
      ),
    );
  }
  for (const cluster of model.clusters) {
    const nodes = subnetOf(model, cluster.vnetKey, "aksNodes");
    if (!nodes) continue;
    flows.push(
      flow(
        `egress-internet-${cluster.name}`,
        "egress",
        cluster.aksName,
        "Internet",
        443,
        walk(model, nodes, "203.0.113.10"),
        "package and image downloads leave through the firewall (FQDN rules) and the NAT gateway",
      ),
    );
    const pg = model.data.postgresql?.primary.privateEndpoint;
    if (pg) {
      flows.push(
        flow(
          `data-postgresql-${cluster.name}`,
          "data",
          cluster.aksName,
          pg.name,
          5432,
          walk(model, nodes, hostIn(pg.subnetCidr)),
          "services reach PostgreSQL's private endpoint through the firewall",
        ),
      );
    }
  }
  const primary = model.clusters.find((c) => c.region === model.vpn.gateway.region);
  const nodes = primary && subnetOf(model, primary.vnetKey, "aksNodes");
  if (primary && nodes) {
    for (const cloud of ["aws", "gcp"] as const) {
      const range = model.vpn[cloud].ranges[0];
      if (!range) continue;
      flows.push(
        flow(
          `multicloud-${cloud}`,
          "multicloud",
          primary.aksName,
          cloud === "aws" ? model.vpn.aws.transitGatewayName : model.vpn.gcp.haVpnGatewayName,
          443,
          walk(model, nodes, hostIn(range)),
          `the clusters reach ${cloud.toUpperCase()} through the firewall and the site-to-site VPN`,
        ),
      );
    }
  }
  return { environment: model.name, flows };
}
