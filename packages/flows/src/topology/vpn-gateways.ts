/** VPN gateways and their connections, with the ranges each connection learns (static or over BGP). */
import type { PlannedResource } from "@plugilo/policy";
import { type Inputs, list, type ResourcesOf, refOf, type SubnetByRef } from "./arm-refs.ts";
import type { VpnGateway } from "./types.ts";

export function readVpnGateways(
  resources: readonly PlannedResource[],
  of: ResourcesOf,
  subnetByRef: SubnetByRef,
  extraLearned: Record<string, string[]>,
): VpnGateway[] {
  const gateways: VpnGateway[] = [];
  const lngs = new Map(of("network:LocalNetworkGateway").map((r) => [r.name, r.inputs as Inputs]));
  const gcpRouters = resources.filter((r) => r.type === "gcp:compute/router:Router").map((r) => r.inputs as Inputs);
  for (const r of of("network:VirtualNetworkGateway")) {
    const i = r.inputs as Inputs;
    const subnet = subnetByRef((i.ipConfigurations ?? [])[0]?.subnet?.id);
    if (!subnet) continue;
    const gw: VpnGateway = {
      name: i.virtualNetworkGatewayName ?? r.name,
      vnet: subnet.vnet,
      bgp: i.enableBgp === true,
      publicIps: (i.ipConfigurations ?? []).map((c: Inputs) => refOf(c.publicIPAddress?.id)?.name).filter(Boolean),
      connections: [],
    };
    for (const c of of("network:VirtualNetworkGatewayConnection")) {
      const ci = c.inputs as Inputs;
      if (refOf(ci.virtualNetworkGateway1?.id)?.name !== gw.name) continue;
      const lngName = refOf(ci.localNetworkGateway2?.id)?.name ?? "";
      const lng = lngs.get(lngName);
      const learned = [...list(lng?.localNetworkAddressSpace?.addressPrefixes)];
      const asn = Number(lng?.bgpSettings?.asn);
      if (ci.enableBgp === true && lng?.bgpSettings) {
        // What the remote router announces: a Cloud Router's custom advertisements; for another peer (the
        // AWS transit gateway propagates its attachments, which are not in this plan) the caller supplies them.
        for (const router of gcpRouters)
          if (Number(router.bgp?.asn) === asn)
            learned.push(...(router.bgp?.advertisedIpRanges ?? []).map((x: Inputs) => x.range));
        learned.push(...(extraLearned[String(asn)] ?? []));
      }
      gw.connections.push({
        name: ci.virtualNetworkGatewayConnectionName ?? c.name,
        bgp: ci.enableBgp === true,
        learned: [...new Set(learned)],
        remote: lngName,
      });
    }
    subnet.vnet.gateway = gw;
    gateways.push(gw);
  }
  return gateways;
}
