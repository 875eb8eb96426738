/** `plugilo ipam`: the address plan as a table, with the reserved ranges it keeps clear of. */
import type { EnvironmentModel } from "@plugilo/model";
import { addressCount, REGIONS } from "@plugilo/model";

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? "").length))) ?? [];
  return rows
    .map((r) =>
      r
        .map((cell, c) => cell.padEnd(widths[c] ?? 0))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

export function renderIpamTable(model: EnvironmentModel): string {
  const rows: string[][] = [["VNET / SUBNET", "CIDR", "ADDRESSES", "REGION", "PURPOSE"]];
  for (const vnet of model.vnets) {
    rows.push([vnet.name, vnet.cidr, String(addressCount(vnet.cidr)), REGIONS[vnet.region].shortCode, vnet.kind]);
    for (const s of vnet.subnets) {
      rows.push([
        `  ${s.name}`,
        s.cidr,
        String(addressCount(s.cidr)),
        "",
        s.purpose + (s.delegation ? ` [delegated: ${s.delegation}]` : ""),
      ]);
    }
  }
  const reserved: string[][] = [["RESERVED RANGE", "CIDR", "ROUTABLE", "DECLARED AT"]];
  for (const r of model.reservations) reserved.push([r.name, r.cidr, r.routable ? "yes" : "no (overlay)", r.path]);
  const addresses = [
    ...model.hubs.map((h) => `firewall ${h.firewallName}: ${h.firewallPrivateIp}`),
    ...model.clusters.map((c) => `istio ingress ILB of ${c.name}: ${c.ingressIp}`),
  ];
  const blocks = model.addressPlan.regionBlocks.map(
    (b) => `${b.region}: ${b.cidr} (platform ${b.platformBlock}, clusters after it)`,
  );
  return [
    `Address plan of ${model.name}: ${model.addressPlan.space}`,
    ...blocks.map((b) => `  ${b}`),
    "",
    table(rows),
    "",
    "Reserved addresses:",
    ...addresses.map((a) => `  ${a}`),
    "",
    table(reserved),
  ].join("\n");
}
