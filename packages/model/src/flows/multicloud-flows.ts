/**
 * The flows across the VPN to AWS and Google Cloud, from the same declaration the hub firewall's rules come from
 * (`multicloud.<cloud>.flows`, docs/adr/0128): the peer's ranges -> each cluster's ingress load balancer on the
 * inbound ports; each cluster's nodes -> the outbound flows' destinations on their ports. What the declaration
 * leaves out must be denied: the peer -> a cluster's nodes, the peer -> the admin desktops, the desktops -> the
 * peer (forbidden flows, so narrowing the rules is proved, not assumed).
 * https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-bgp-overview
 */
import { addressCount, nthAddress } from "../core/cidr.ts";
import type { EnvironmentModel } from "../core/model.ts";
import type { VnetModel } from "../core/resources.ts";
import type { AddFlow as Add } from "./flow-helpers.ts";
import type { PortRange } from "./types.ts";

const ADR = "docs/adr/0128; https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-bgp-overview";
const port = (p: number): PortRange => ({ from: p, to: p });

export function addMulticloudFlows(model: EnvironmentModel, add: Add): void {
  if (!model.hubs.some((h) => h.hasVpnGateway)) return;
  const vnetByKey = new Map(model.vnets.map((v) => [v.key, v]));
  const origin = (v: VnetModel, subnet: string) => ({ subnet: { vnet: v.name, subnet } });
  // The VPN gateway announces only the spokes that use it (gateway transit over their peering): the peer can
  // open connections to those; the other region's clusters reach the peer through their own hub's firewall.
  const gatewayUsers = new Set(model.peerings.filter((p) => p.useRemoteGateways).map((p) => p.vnetKey));
  for (const cloud of ["aws", "gcp"] as const) {
    const peer = model.config.multicloud[cloud];
    const range = model.vpn[cloud].ranges[0];
    if (!range) continue;
    const from = { external: cloud, cidr: range };
    const CLOUD = cloud.toUpperCase();
    for (const c of model.clusters) {
      const v = vnetByKey.get(c.vnetKey);
      const nodes = v?.subnets.find((s) => s.kind === "aksNodes");
      if (!v || !nodes) continue;
      for (const p of gatewayUsers.has(v.key) ? peer.flows.inbound : [])
        add(
          `multicloud:${cloud}-to-${c.name}-ingress`,
          "required",
          `${CLOUD} ${range}`,
          `${c.name} ingress ${c.ingressIp}`,
          "TCP",
          port(p),
          ADR,
          [{ from, to: { address: c.ingressIp } }],
        );
      for (const f of peer.flows.outbound) {
        const destination = f.destinations?.[0] ?? range;
        const first = f.ports[0];
        if (first === undefined) continue;
        add(
          `multicloud:${c.name}-to-${cloud}-${f.name}`,
          "required",
          `${c.name} nodes`,
          `${CLOUD} ${destination}`,
          f.protocol,
          port(first),
          ADR,
          [{ from: origin(v, nodes.name), to: { address: nthAddress(destination, addressCount(destination) > 10n ? 10 : 0) } }],
        );
      }
      add(
        `forbidden:${cloud}-to-${c.name}-nodes`,
        "forbidden",
        `${CLOUD} ${range}`,
        `${v.name}/${nodes.name}`,
        "TCP",
        port(22),
        ADR,
        [{ from, to: { address: nthAddress(nodes.cidr, 4) } }],
      );
    }
    for (const v of model.vnets) {
      const avd = v.subnets.find((s) => s.kind === "avd");
      if (!avd) continue;
      add(
        `forbidden:${cloud}-to-${v.key}-desktops`,
        "forbidden",
        `${CLOUD} ${range}`,
        `${v.name}/${avd.name}`,
        "TCP",
        port(3389),
        ADR,
        [{ from, to: { address: nthAddress(avd.cidr, 4) } }],
      );
      add(
        `forbidden:${v.key}-desktops-to-${cloud}`,
        "forbidden",
        `${v.name}/${avd.name}`,
        `${CLOUD} ${range}`,
        "TCP",
        port(22),
        ADR,
        [{ from: origin(v, avd.name), to: { address: nthAddress(range, 10) } }],
      );
    }
    // The peers reach no data service directly (PostgreSQL as the probe).
    for (const v of model.vnets.filter((x) => x.kind === "data")) {
      const peps = v.subnets.find((s) => s.kind === "dataPrivateEndpoints");
      if (!peps) continue;
      add(
        `forbidden:${cloud}-to-${v.key}-private-endpoints`,
        "forbidden",
        `${CLOUD} ${range}`,
        `${v.name}/${peps.name}`,
        "TCP",
        port(5432),
        ADR,
        [{ from, to: { address: nthAddress(peps.cidr, 4) } }],
      );
    }
  }
}
