/**
 * Name resolution as a VNet sees it. A VNet with custom DNS servers sends queries there; the firewall's DNS
 * proxy forwards them to Azure DNS (168.63.129.16) of the firewall's VNet unless the policy names other
 * servers; Azure DNS answers from the private zones linked to the VNet it serves, and a linked zone without
 * the record answers NXDOMAIN (no fallback to public DNS). A public name of a service with a private
 * endpoint is a CNAME to its privatelink zone; where no such zone is linked, the name resolves publicly.
 * Sources: https://learn.microsoft.com/azure/firewall/dns-details, https://learn.microsoft.com/azure/dns/private-dns-virtual-network-links,
 * https://learn.microsoft.com/azure/private-link/private-endpoint-dns (zone names),
 * https://learn.microsoft.com/azure/private-link/private-endpoint-dns-integration#virtual-network-and-on-premises-workloads-using-azure-dns-private-resolver.
 */
import { toRange } from "./address.ts";
import type { Hop } from "./hops.ts";
import { selectRoute } from "./routes.ts";
import type { Firewall, PrivateEndpoint, Subnet, Topology, Vnet } from "./topology.ts";

/** Public DNS suffix -> privatelink zone (the CNAME Azure publishes once a private endpoint exists). */
const PRIVATELINK_ZONES: [string, string][] = [
  ["vault.azure.net", "privatelink.vaultcore.azure.net"],
  ["azurecr.io", "privatelink.azurecr.io"],
  ["postgres.database.azure.com", "privatelink.postgres.database.azure.com"],
  ["mongo.cosmos.azure.com", "privatelink.mongo.cosmos.azure.com"],
  ["redis.azure.net", "privatelink.redis.azure.net"],
  ["blob.core.windows.net", "privatelink.blob.core.windows.net"],
  ["azure-api.net", "privatelink.azure-api.net"],
];

export type Resolution =
  | { ok: true; kind: "endpoint"; endpoint: PrivateEndpoint; zone: string }
  | { ok: true; kind: "address"; address: string; zone?: string }
  | { ok: true; kind: "public" }
  | { ok: false; reason: string };

/** Which resolver answers for a subnet: Azure DNS of some VNet, reached directly or through a firewall's DNS proxy. */
function resolverVnet(topology: Topology, subnet: Subnet, hops: Hop[]): { vnet: Vnet } | { error: string } {
  const servers = subnet.vnet.dnsServers;
  if (!servers.length) {
    hops.push({ at: `DNS of ${subnet.vnet.name}`, decision: "Azure-provided DNS (168.63.129.16) of the VNet" });
    return { vnet: subnet.vnet };
  }
  const server = servers[0] as string;
  const fw: Firewall | undefined = topology.firewalls.find((f) => f.privateIp === server);
  if (!fw) return { error: `DNS server ${server} of ${subnet.vnet.name} is not an Azure Firewall DNS proxy in this plan` };
  if (!fw.policy?.dnsProxy) return { error: `DNS server ${server} is ${fw.name}, whose policy does not enable the DNS proxy` };
  const range = toRange(server);
  const route = range && selectRoute(topology, subnet, range);
  if (
    !route ||
    !["VnetLocal", "VNetPeering"].includes(route.nextHopType) ||
    (route.peerVnet && route.peerVnet !== fw.subnet.vnet && route.nextHopType === "VNetPeering")
  )
    return {
      error: `${subnet.vnet.name} cannot reach its DNS server ${server} (route ${route?.prefix ?? "none"} -> ${route?.nextHopType ?? "none"})`,
    };
  if (fw.policy.dnsServers.length)
    return { error: `${fw.name} forwards DNS to ${fw.policy.dnsServers.join(", ")}, which this plan does not model` };
  hops.push({
    at: `DNS of ${subnet.vnet.name}`,
    decision: `custom DNS ${server} = ${fw.name} DNS proxy, forwarding to Azure DNS of ${fw.subnet.vnet.name}`,
  });
  return { vnet: fw.subnet.vnet };
}

export function resolveName(topology: Topology, subnet: Subnet, fqdn: string, hops: Hop[]): Resolution {
  const resolver = resolverVnet(topology, subnet, hops);
  if ("error" in resolver) return { ok: false, reason: resolver.error };
  const name = fqdn.toLowerCase();
  // The zone: a privatelink CNAME target for a service's public name, or a zone the name is already in.
  let zone: string | undefined;
  let label: string | undefined;
  for (const [suffix, pl] of PRIVATELINK_ZONES) {
    if (name.endsWith(`.${suffix}`)) {
      zone = pl;
      label = name.slice(0, -(suffix.length + 1));
      break;
    }
  }
  if (!zone) {
    for (const { name: z } of topology.zones.values()) {
      if (name.endsWith(`.${z}`)) {
        zone = z;
        label = name.slice(0, -(z.length + 1));
      }
    }
  }
  const at = `DNS ${fqdn}`;
  if (!zone || label === undefined) {
    hops.push({ at, decision: "public name: resolved by public DNS" });
    return { ok: true, kind: "public" };
  }
  // Azure DNS of a VNet answers from the zone of that name linked to it; a VNet cannot link two zones of one
  // name (https://learn.microsoft.com/azure/dns/private-dns-virtual-network-links).
  const named = [...topology.zones.values()].filter((c) => c.name === zone);
  if (!named.length) {
    hops.push({ at, decision: `no private zone ${zone} in the plan: resolves to the service's public address` });
    return { ok: true, kind: "public" };
  }
  const linked = named.filter((c) => c.linkedVnets.has(resolver.vnet.name));
  if (linked.length > 1)
    return {
      ok: false,
      reason: `${linked.length} zones named ${zone} (${linked.map((c) => c.resourceGroup).join(", ")}) are linked to ${resolver.vnet.name}: Azure allows one zone of a name per VNet`,
    };
  const z = linked[0];
  if (!z) {
    hops.push({
      at,
      decision: `zone ${zone} is not linked to ${resolver.vnet.name} (the resolver's VNet): resolves to the service's public address`,
    });
    return { ok: true, kind: "public" };
  }
  const record =
    z.records.get(label) ??
    (label.includes(".") ? z.records.get(`*.${label.split(".").slice(1).join(".")}`) : undefined) ??
    z.records.get("*");
  if (!record || (!record.endpoints.length && !record.addresses.length)) {
    return { ok: false, reason: `zone ${zone} (linked to ${resolver.vnet.name}) has no record ${label}: NXDOMAIN` };
  }
  const endpoints = [...new Set(record.endpoints)];
  if (endpoints.length > 1) {
    return {
      ok: false,
      reason: `record ${label} in ${zone} is written by ${endpoints.length} private endpoints (${endpoints.map((e) => e.name).join(", ")}): the last one deployed wins`,
    };
  }
  const endpoint = endpoints[0];
  if (endpoint) {
    hops.push({
      at,
      decision: `${label}.${zone} -> private endpoint ${endpoint.name} (${endpoint.location}, ${endpoint.subnet?.vnet.name}/${endpoint.subnet?.name})`,
    });
    return { ok: true, kind: "endpoint", endpoint, zone };
  }
  const address = record.addresses[0] as string;
  hops.push({ at, decision: `${label}.${zone} -> A ${address}` });
  return { ok: true, kind: "address", address, zone };
}
