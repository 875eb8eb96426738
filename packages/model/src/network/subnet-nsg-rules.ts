/**
 * Inbound NSG rules per spoke subnet, derived from the required flows of the catalogue (docs/adr/0132): each
 * subnet allows exactly the sources, protocols and ports that the required flows into it arrive with, plus
 * what Azure itself needs in that subnet, then denies the rest at DENY_ALL_PRIORITY. The firewall filters
 * east-west traffic first; these rules segment the subnets of one VNet from each other and keep a subnet
 * closed on every port no flow needs, even if a firewall rule is too wide.
 *
 * The source a flow arrives with at the destination subnet (what the NSG sees):
 * - same VNet: the source subnet (the VNet's system route is more specific than the 0.0.0.0/0 UDR);
 * - another VNet, to a subnet the destination region's firewall SNATs (private endpoint subnets: their
 *   return traffic ignores UDRs, docs/adr/0041): that firewall's private address;
 * - another VNet otherwise: the source's range (network rules keep private sources), and for a name
 *   (application rules, which always SNAT) the firewalls on the path as well.
 *   https://learn.microsoft.com/azure/firewall/snat-private-range
 * The ingress internal load balancer keeps floating IP (cloud-provider-azure's default unless the Service sets
 * azure-disable-load-balancer-floating-ip), so its traffic reaches the nodes on the Service port, 443:
 * https://kubernetes-sigs.github.io/cloud-provider-azure/topics/loadbalancer
 * Azure Firewall's SNAT is decided by the same `snatPrivateRanges` the plan gives the firewall policy, and the
 * flows evaluator (@plugilo/flows) checks every required flow against the planned rules hop by hop.
 */
import { containsAddress, within } from "../core/cidr.ts";
import type { EnvironmentModel } from "../core/model.ts";
import type { SecurityRuleModel, SubnetModel, VnetModel } from "../core/resources.ts";
import type { FlowLeg, FlowSpec } from "../flows/types.ts";
import type { HubModel } from "../hub/types.ts";
import { sharedServiceEndpointSubnets } from "../shared/shared-services.ts";

export const DENY_ALL_PRIORITY = 4096;
/** Flow-derived rules start here, 10 apart, in protocol and first-port order. */
export const FLOW_RULES_FIRST_PRIORITY = 1000;

export function denyAllInbound(): SecurityRuleModel {
  return {
    name: "DenyAllInbound",
    priority: DENY_ALL_PRIORITY,
    direction: "Inbound",
    access: "Deny",
    protocol: "*",
    sourceAddressPrefixes: ["*"],
    destinationPortRanges: ["*"],
    description: "Everything no required flow and no Azure dependency needs",
  };
}

const allow = (r: Omit<SecurityRuleModel, "direction" | "access">): SecurityRuleModel => ({
  direction: "Inbound",
  access: "Allow",
  ...r,
});

/** What Azure itself needs in a subnet, whatever the flows say. Each rule cites its page. */
function platformRules(subnet: SubnetModel, vnet: VnetModel, model: EnvironmentModel): SecurityRuleModel[] {
  const probes = (why: string) =>
    allow({
      name: "AllowAzureLoadBalancerInbound",
      priority: 110,
      protocol: "*",
      sourceAddressPrefixes: ["AzureLoadBalancer"],
      destinationPortRanges: ["*"],
      description: why,
    });
  if (subnet.kind === "appgw")
    // v2 needs GatewayManager on 65200-65535 and the AzureLoadBalancer tag allowed inbound:
    // https://learn.microsoft.com/azure/application-gateway/configuration-infrastructure#network-security-groups
    return [
      allow({
        name: "AllowGatewayManagerInbound",
        priority: 100,
        protocol: "Tcp",
        sourceAddressPrefixes: ["GatewayManager"],
        destinationPortRanges: ["65200-65535"],
        description: "Application Gateway v2 infrastructure ports (required by Azure)",
      }),
      probes("Application Gateway v2 requires the AzureLoadBalancer tag inbound"),
    ];
  const cluster = vnet.cluster ? model.clusters.find((c) => c.name === vnet.cluster) : undefined;
  const api = vnet.subnets.find((s) => s.kind === "aksApiServer");
  if (subnet.kind === "aksNodes" && cluster) {
    const rules = [
      // Probes of the Istio ingress internal load balancer come from the AzureLoadBalancer tag:
      // https://learn.microsoft.com/azure/load-balancer/load-balancer-custom-probe-overview
      probes("Health probes of the ingress internal load balancer"),
      // Pods keep their overlay addresses between nodes: https://learn.microsoft.com/azure/aks/azure-cni-overlay
      allow({
        name: "AllowPodCidrInbound",
        priority: 200,
        protocol: "*",
        sourceAddressPrefixes: [cluster.podCidr],
        destinationPortRanges: ["*"],
        description: "Azure CNI Overlay: pod to pod between nodes",
      }),
      allow({
        name: "AllowNodesInbound",
        priority: 210,
        protocol: "*",
        sourceAddressPrefixes: [subnet.cidr],
        destinationPortRanges: ["*"],
        description: "Node to node inside the cluster (kubelet, kube-proxy, services)",
      }),
    ];
    // The API server reaches nodes and pods (kubelet, webhooks) from its delegated subnet:
    // https://learn.microsoft.com/azure/aks/api-server-vnet-integration
    if (api)
      rules.push(
        allow({
          name: "AllowApiServerInbound",
          priority: 220,
          protocol: "Tcp",
          sourceAddressPrefixes: [api.cidr],
          destinationPortRanges: ["*"],
          description: "The API server to kubelets and admission webhooks",
        }),
      );
    return rules;
  }
  if (subnet.kind === "aksApiServer") {
    // The page's "NSG security rules" table: the cluster subnet to the API server subnet on TCP 443 and 4443,
    // the AzureLoadBalancer tag on TCP 9988 (or everything, as here):
    // https://learn.microsoft.com/azure/aks/api-server-vnet-integration#nsg-security-rules
    const nodes = vnet.subnets.find((s) => s.kind === "aksNodes");
    const rules = [
      probes("Health probes of the API server's internal load balancer (TCP 9988 at least)"),
      allow({
        name: "AllowApiServerSubnetInbound",
        priority: 210,
        protocol: "*",
        sourceAddressPrefixes: [subnet.cidr],
        destinationPortRanges: ["*"],
        description: "The API server's instances in its delegated subnet",
      }),
    ];
    if (nodes)
      rules.push(
        allow({
          name: "AllowClusterNodesToApiServerInbound",
          priority: 220,
          protocol: "Tcp",
          sourceAddressPrefixes: [nodes.cidr],
          destinationPortRanges: ["443", "4443"],
          description: "Nodes to the API server (required by API Server VNet Integration)",
        }),
      );
    return rules;
  }
  return [];
}

interface Located {
  vnet: VnetModel;
  subnet: SubnetModel;
}

function locateAddress(model: EnvironmentModel, address: string): Located | undefined {
  for (const vnet of model.vnets)
    for (const subnet of vnet.subnets) if (containsAddress(subnet.cidr, address)) return { vnet, subnet };
  return undefined;
}

function locateCidr(model: EnvironmentModel, cidr: string): Located | undefined {
  for (const vnet of model.vnets) for (const subnet of vnet.subnets) if (subnet.cidr === cidr) return { vnet, subnet };
  return undefined;
}

function locateId(model: EnvironmentModel, id: string): Located | undefined {
  for (const vnet of model.vnets) for (const subnet of vnet.subnets) if (subnet.id === id) return { vnet, subnet };
  return undefined;
}

const hostOf = (uri: string) => new URL(uri).host.toLowerCase();

/** The subnets a private name's endpoint lives in (every region's, unless the flow names its region). */
function privateEndpointSubnets(model: EnvironmentModel, fqdn: string, region: string | undefined): Located[] {
  const name = fqdn.toLowerCase();
  const inRegion = (l: Located | undefined): l is Located => !!l && (!region || l.vnet.region === region);
  const registry = model.containerRegistry;
  const shared =
    name === hostOf(model.keyVault.uri) ||
    name === registry.loginServer.toLowerCase() ||
    (name.startsWith(`${registry.name.toLowerCase()}.`) && name.endsWith(".data.azurecr.io"));
  if (shared)
    return sharedServiceEndpointSubnets(model.config, model.vnets)
      .map((s) => locateCidr(model, s.cidr))
      .filter(inRegion);
  for (const c of model.clusters) {
    const kms = c.aks.kms;
    if (kms && hostOf(kms.vault.uri) === name) return [locateId(model, kms.vault.subnetId)].filter(inRegion);
  }
  const data = model.data;
  const exact = [
    ...(data.postgresql ? [data.postgresql.primary, ...data.postgresql.replicas] : []).map(
      (s) => [s.fqdn, s.privateEndpoint] as const,
    ),
    ...(data.redis?.caches ?? []).map((c) => [c.hostName, c.privateEndpoint] as const),
  ].find(([host]) => host.toLowerCase() === name);
  if (exact) return [locateId(model, exact[1].subnetId)].filter(inRegion);
  // Cosmos DB's regional names, Elastic, storage: the data spokes' endpoint subnets.
  const cidrs = [...new Set(data.privateEndpoints.map((p) => p.subnetCidr))];
  return cidrs.map((c) => locateCidr(model, c)).filter(inRegion);
}

function destinations(model: EnvironmentModel, leg: FlowLeg): Located[] {
  const to = leg.to;
  if ("address" in to) {
    const at = locateAddress(model, to.address);
    return at ? [at] : [];
  }
  if ("fqdn" in to && to.resolves === "private") return privateEndpointSubnets(model, to.fqdn, to.region);
  return []; // public names, service tags, public IPs and endpoints: no NSG of a spoke on the way
}

const hubIn = (model: EnvironmentModel, region: string): HubModel | undefined => model.hubs.find((h) => h.region === region);

/** Whether the destination region's firewall SNATs traffic into this subnet (it is outside the unSNATed ranges). */
function snatedInto(model: EnvironmentModel, dest: Located): boolean {
  const hub = hubIn(model, dest.vnet.region);
  return !!hub && !hub.snatPrivateRanges.some((r) => within(dest.subnet.cidr, r));
}

interface Arrival {
  dest: Located;
  sources: string[];
}

function arrivals(model: EnvironmentModel, leg: FlowLeg): Arrival[] {
  const from = leg.from;
  let origin: { cidr: string; vnet?: VnetModel; region: string } | undefined;
  if ("subnet" in from) {
    const vnet = model.vnets.find((v) => v.name === from.subnet.vnet);
    const subnet = vnet?.subnets.find((s) => s.name === from.subnet.subnet);
    if (vnet && subnet) origin = { cidr: subnet.cidr, vnet, region: vnet.region };
  } else if ("external" in from && (from.external === "aws" || from.external === "gcp")) {
    // The peers enter through the primary hub's VPN gateway, then its firewall.
    origin = { cidr: from.cidr, region: model.regions.primary.name };
  } else if ("frontDoor" in from && "address" in leg.to) {
    // Over Private Link, Front Door's traffic enters the gateway from its Private Link subnet (same VNet).
    const dest = locateAddress(model, leg.to.address);
    const pl = dest?.vnet.subnets.find((s) => s.kind === "appgwPrivateLink");
    return dest && pl ? [{ dest, sources: [pl.cidr] }] : [];
  }
  if (!origin) return [];
  const o = origin;
  return destinations(model, leg).map((dest) => {
    if (o.vnet === dest.vnet) return { dest, sources: [o.cidr] };
    const destFirewall = hubIn(model, dest.vnet.region)?.firewallPrivateIp;
    if (snatedInto(model, dest) && destFirewall) return { dest, sources: [destFirewall] };
    const firewalls = "fqdn" in leg.to ? [hubIn(model, o.region)?.firewallPrivateIp, destFirewall] : [];
    return { dest, sources: [o.cidr, ...firewalls.filter((f): f is string => !!f)] };
  });
}

const portText = (f: FlowSpec) => (f.ports.from === f.ports.to ? String(f.ports.from) : `${f.ports.from}-${f.ports.to}`);

/** Azure caps a rule's description at 140 characters. */
const describe = (ids: string[]) => {
  const text = `Required flows: ${ids[0]}${ids.length > 1 ? ` and ${ids.length - 1} more` : ""}`;
  return text.length > 140 ? `${text.slice(0, 139)}…` : text;
};

/** Subnet id -> the inbound rules the required flows into it need; ports reached from the same sources share a rule. */
export function flowInboundRules(model: EnvironmentModel, flows: readonly FlowSpec[]): Map<string, SecurityRuleModel[]> {
  type Group = { protocol: "Tcp" | "Udp"; ports: string; from: number; sources: Set<string>; ids: string[] };
  const bySubnet = new Map<string, Map<string, Group>>();
  for (const flow of flows.filter((f) => f.kind === "required")) {
    for (const leg of flow.legs) {
      for (const { dest, sources } of arrivals(model, leg)) {
        if (!dest.subnet.networkSecurityGroup) continue;
        const protocol = flow.protocol === "TCP" ? "Tcp" : "Udp";
        const ports = portText(flow);
        const key = `${protocol}/${ports}`;
        const groups = bySubnet.get(dest.subnet.id) ?? new Map<string, Group>();
        bySubnet.set(dest.subnet.id, groups);
        const g = groups.get(key) ?? { protocol, ports, from: flow.ports.from, sources: new Set<string>(), ids: [] };
        groups.set(key, g);
        for (const s of sources) g.sources.add(s);
        if (!g.ids.includes(flow.id)) g.ids.push(flow.id);
      }
    }
  }
  // Ports reached from the same sources share one rule (Redis's 10000 and its shard ports stay together).
  const out = new Map<string, SecurityRuleModel[]>();
  for (const [id, groups] of bySubnet) {
    const ordered = [...groups.values()].sort((a, b) => a.protocol.localeCompare(b.protocol) || a.from - b.from);
    const merged: { protocol: Group["protocol"]; sources: string[]; ports: string[]; ids: string[] }[] = [];
    for (const g of ordered) {
      const sources = [...g.sources].sort();
      const same = merged.find((m) => m.protocol === g.protocol && m.sources.join() === sources.join());
      if (same) {
        same.ports.push(g.ports);
        same.ids.push(...g.ids.filter((x) => !same.ids.includes(x)));
      } else merged.push({ protocol: g.protocol, sources, ports: [g.ports], ids: [...g.ids] });
    }
    out.set(
      id,
      merged.map((m, i) =>
        allow({
          name: `AllowFlows${m.protocol}${i + 1}`,
          priority: FLOW_RULES_FIRST_PRIORITY + 10 * i,
          protocol: m.protocol,
          sourceAddressPrefixes: m.sources,
          destinationPortRanges: m.ports,
          description: describe(m.ids),
        }),
      ),
    );
  }
  return out;
}

/** The model with every spoke NSG's inbound rules derived from the flows (Azure's needs, the flows, deny). */
export function withSubnetNsgRules(model: EnvironmentModel, flows: readonly FlowSpec[]): EnvironmentModel {
  const fromFlows = flowInboundRules(model, flows);
  const vnets = model.vnets.map((vnet) => ({
    ...vnet,
    subnets: vnet.subnets.map((subnet) => {
      const nsg = subnet.networkSecurityGroup;
      if (!nsg) return subnet;
      const rules = [...platformRules(subnet, vnet, model), ...(fromFlows.get(subnet.id) ?? []), denyAllInbound()];
      return { ...subnet, networkSecurityGroup: { ...nsg, rules } };
    }),
  }));
  return { ...model, vnets };
}
