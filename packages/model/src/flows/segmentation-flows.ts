/**
 * Forbidden flows that prove the subnets are segmented (docs/adr/0132): inside one VNet no firewall is on the
 * path, so only the destination subnet's NSG decides; an NSG that allowed the platform ranges on every port
 * would let each of these through. Across VNets (the peers, the desktops, the clusters to a data spoke on a
 * port no flow needs) the firewall and the NSG must both refuse.
 */
import { nthAddress } from "../core/cidr.ts";
import type { EnvironmentModel } from "../core/model.ts";
import type { SubnetModel, VnetModel } from "../core/resources.ts";
import type { AddFlow as Add } from "./flow-helpers.ts";
import type { PortRange } from "./types.ts";

const WHY = "docs/adr/0132 (per-subnet NSG rules from the required flows)";
const SSH = 22;
const KUBELET = 10250;
const port = (p: number): PortRange => ({ from: p, to: p });
const subnetOf = (v: VnetModel, kind: SubnetModel["kind"]) => v.subnets.find((s) => s.kind === kind);

export function addSegmentationFlows(model: EnvironmentModel, add: Add): void {
  const probe = (id: string, v: VnetModel, from: SubnetModel, to: SubnetModel, p: number, why = WHY) =>
    add(`forbidden:segment:${id}`, "forbidden", `${v.name}/${from.name}`, `${to.name} (${to.cidr})`, "TCP", port(p), why, [
      { from: { subnet: { vnet: v.name, subnet: from.name } }, to: { address: nthAddress(to.cidr, 4) } },
    ]);
  const dataEndpoints = model.vnets.flatMap((v) => {
    const pep = v.kind === "data" ? subnetOf(v, "dataPrivateEndpoints") : undefined;
    return pep ? [{ vnet: v, pep }] : [];
  });

  for (const v of model.vnets.filter((x) => x.kind === "cluster")) {
    const nodes = subnetOf(v, "aksNodes");
    const api = subnetOf(v, "aksApiServer");
    const pep = subnetOf(v, "clusterPrivateEndpoints");
    if (!nodes) continue;
    // The same VNet: the nodes reach their endpoints on 443 and the API server on 443, nothing else.
    if (pep) probe(`${v.key}-nodes-to-pep-ssh`, v, nodes, pep, SSH);
    if (api) probe(`${v.key}-nodes-to-api-server-ssh`, v, nodes, api, SSH);
    if (pep) probe(`${v.key}-pep-to-nodes-kubelet`, v, pep, nodes, KUBELET);
    // Another VNet: a data spoke's endpoints on a port no flow needs.
    for (const d of dataEndpoints) probe(`${v.key}-nodes-to-${d.vnet.key}-pep-ssh`, v, nodes, d.pep, SSH);
  }
  for (const v of model.vnets.filter((x) => x.kind === "edge")) {
    const appgw = subnetOf(v, "appgw");
    const apim = subnetOf(v, "apim");
    const pep = subnetOf(v, "edgePrivateEndpoints");
    // The gateway takes 443 from its Private Link subnet only; API Management's subnet is outbound only.
    if (appgw && apim) probe(`${v.key}-apim-to-appgw`, v, apim, appgw, 443);
    if (appgw && apim) probe(`${v.key}-appgw-to-apim`, v, appgw, apim, 443);
    if (appgw && pep) probe(`${v.key}-appgw-to-pep`, v, appgw, pep, 443);
  }
  for (const { vnet, pep } of dataEndpoints) {
    const psql = subnetOf(vnet, "postgresql");
    // A neighbour subnet of the data endpoints reaches no database.
    if (psql) probe(`${vnet.key}-psql-subnet-to-pep`, vnet, psql, pep, 5432);
  }
  for (const v of model.vnets.filter((x) => x.kind === "access")) {
    const avd = subnetOf(v, "avd");
    // Admins reach PostgreSQL on 5432 (design 3.3.3), never a shell on the endpoints.
    if (avd) for (const d of dataEndpoints) probe(`${v.key}-desktops-to-${d.vnet.key}-pep-ssh`, v, avd, d.pep, SSH);
  }
  // The peers over the VPN: no shell or desktop on a data endpoint.
  if (!model.hubs.some((h) => h.hasVpnGateway)) return;
  for (const cloud of ["aws", "gcp"] as const) {
    const range = model.vpn[cloud].ranges[0];
    if (!range) continue;
    for (const d of dataEndpoints)
      for (const [name, p] of [
        ["ssh", SSH],
        ["rdp", 3389],
      ] as const)
        add(
          `forbidden:segment:${cloud}-to-${d.vnet.key}-pep-${name}`,
          "forbidden",
          `${cloud.toUpperCase()} ${range}`,
          `${d.vnet.name}/${d.pep.name}`,
          "TCP",
          port(p),
          WHY,
          [{ from: { external: cloud, cidr: range }, to: { address: nthAddress(d.pep.cidr, 4) } }],
        );
  }
}
