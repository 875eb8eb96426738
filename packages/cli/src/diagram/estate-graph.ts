/**
 * The estate as a graph: groups (regions, VNets, clouds), resources as nodes labelled with their names,
 * peerings, Private Link and VPN links, and the traffic flows as paths. Built from the model; the plan
 * marks each node whose resource it would create (a node the plan lacks is drawn dashed). Layout is left
 * to the layout engine (to-dot.ts, to-mermaid.ts): nothing here has a coordinate.
 */
import { containsAddress, type EnvironmentModel, type VnetModel } from "@plugilo/model";
import { designFlows } from "./design-flows.ts";
import type { FlowsResult } from "./flows-result.ts";

export type NodeKind =
  | "internet"
  | "frontdoor"
  | "appgw"
  | "apim"
  | "firewall"
  | "nat"
  | "vpngw"
  | "subnets"
  | "aks"
  | "ilb"
  | "pe"
  | "data"
  | "shared"
  | "avd"
  | "remote"
  | "external";

export interface DiagramNode {
  id: string;
  kind: NodeKind;
  /** First line: the resource name; further lines: what it is, its addresses. */
  label: string[];
  group?: string;
  /** Names and addresses flows may use to refer to this node. */
  aliases: string[];
  /** Ranges that belong to this node (a VNet's subnets): a flow endpoint inside one resolves here. */
  ranges?: string[];
  /** The plan resource type that creates it, when the plan is consulted. */
  planType?: string;
  /** False when a plan was given and has no such resource. */
  inPlan?: boolean;
}

export interface DiagramGroup {
  id: string;
  label: string;
  kind: "region" | "vnet" | "cloud" | "global" | "paas";
  parent?: string;
}

export type EdgeKind = "peering" | "privatelink" | "vpn" | "link" | "flow-allow" | "flow-deny" | "flow-design";

export interface DiagramEdge {
  from: string;
  to: string;
  kind: EdgeKind;
  label?: string;
  /** The flow a path edge belongs to. */
  flow?: string;
}

export interface EstateDiagram {
  environment: string;
  title: string;
  groups: DiagramGroup[];
  nodes: DiagramNode[];
  edges: DiagramEdge[];
  /** Where the flows came from: `plugilo flows`, or the design's paths walked through the route tables. */
  flowsSource: "flows" | "design";
  /** Resource counts per stack from the plan, when one was given. */
  planSummary?: { stacks: number; resources: number };
}

/** What the diagram reads from a plan: its resources (type and inputs). */
export interface PlanView {
  stacks: { name: string; resourceCount: number }[];
  resources: { type: string; name: string; inputs: Record<string, unknown> }[];
}

const REGION_SHORT: Record<string, string> = { germanywestcentral: "Germany West Central", germanynorth: "Germany North" };

function id(...parts: string[]): string {
  return parts.join("_").replace(/[^A-Za-z0-9_]/g, "_");
}

export function buildEstateDiagram(model: EnvironmentModel, plan?: PlanView, flows?: FlowsResult): EstateDiagram {
  const groups: DiagramGroup[] = [];
  const nodes: DiagramNode[] = [];
  const edges: DiagramEdge[] = [];
  const node = (n: DiagramNode) => {
    nodes.push(n);
    return n.id;
  };
  const vnetGroup = (v: VnetModel) => id("vnet", v.key);

  groups.push({ id: "internet", label: "Internet", kind: "global" });
  node({
    id: "internet",
    kind: "internet",
    label: ["Internet", "users and API callers"],
    group: "internet",
    aliases: ["Internet", "internet", "0.0.0.0/0"],
  });

  groups.push({ id: "azure_global", label: "Azure (global)", kind: "global" });
  const fd = model.edge.frontDoor;
  node({
    id: "frontdoor",
    kind: "frontdoor",
    label: [
      fd.profileName,
      `Front Door Premium, WAF ${fd.waf.mode}`,
      `endpoint ${fd.endpointName}`,
      ...fd.customDomains.map((d) => d.host),
    ],
    group: "azure_global",
    aliases: [fd.profileName, fd.endpointName, ...fd.customDomains.map((d) => d.host)],
    planType: "azure-native:cdn:Profile",
  });

  for (const region of model.regions.all) {
    const regionId = id("region", region);
    const role = region === model.regions.primary.name ? "primary" : "secondary";
    groups.push({ id: regionId, label: `${REGION_SHORT[region] ?? region} (${region}, ${role})`, kind: "region" });
    for (const vnet of model.vnets.filter((v) => v.region === region)) {
      groups.push({ id: vnetGroup(vnet), label: `${vnet.name}  ${vnet.cidr}`, kind: "vnet", parent: regionId });
      node({
        id: id("subnets", vnet.key),
        kind: "subnets",
        label: [`${vnet.kind} spoke`.replace("hub spoke", "hub"), ...vnet.subnets.map((s) => `${s.name}  ${s.cidr}`)],
        group: vnetGroup(vnet),
        aliases: [vnet.name],
        ranges: vnet.subnets.map((s) => s.cidr),
        planType: "azure-native:network:VirtualNetwork",
      });
    }
    const paasId = id("paas", region);
    groups.push({ id: paasId, label: `PaaS services, ${region}`, kind: "paas", parent: regionId });
  }

  for (const hub of model.hubs) {
    const g = id("vnet", hub.vnetKey);
    const fw = node({
      id: id("fw", hub.region),
      kind: "firewall",
      label: [
        hub.firewallName,
        `Azure Firewall ${model.firewallPolicy.tier}, IDPS ${model.firewallPolicy.idpsMode}`,
        `private ${hub.firewallPrivateIp}`,
      ],
      group: g,
      aliases: [hub.firewallName, hub.firewallPrivateIp, hub.firewallPolicyName],
      planType: "azure-native:network:AzureFirewall",
    });
    const nat = node({
      id: id("nat", hub.region),
      kind: "nat",
      label: [
        hub.natGatewayName,
        `NAT Gateway StandardV2, ${hub.natPublicIpNames.length} public IP(s)`,
        `${hub.snatPorts} SNAT ports`,
      ],
      group: g,
      aliases: [hub.natGatewayName, ...hub.natPublicIpNames],
      planType: "azure-native:resources:Resource",
    });
    edges.push({ from: fw, to: nat, kind: "link", label: "outbound SNAT" });
    edges.push({ from: nat, to: "internet", kind: "link" });
    if (hub.hasVpnGateway) {
      const gw = model.vpn.gateway;
      node({
        id: "vpngw",
        kind: "vpngw",
        label: [gw.name, `VPN gateway ${gw.sku}, active-active`, `ASN ${gw.asn}`],
        group: g,
        aliases: [gw.name],
        planType: "azure-native:network:VirtualNetworkGateway",
      });
    }
  }

  for (const agw of model.edge.applicationGateways) {
    const vnet = model.vnets.find((v) => v.kind === "edge" && v.region === agw.region);
    const n = node({
      id: id("agw", agw.region),
      kind: "appgw",
      label: [
        agw.name,
        `Application Gateway WAF_v2 (${agw.wafMode})`,
        `autoscale ${agw.minCapacity}-${agw.maxCapacity}`,
        `private ${agw.privateFrontendIp}`,
      ],
      group: vnet ? vnetGroup(vnet) : undefined,
      aliases: [agw.name, agw.privateFrontendIp],
      planType: "azure-native:network:ApplicationGateway",
    });
    edges.push({ from: "frontdoor", to: n, kind: "privatelink", label: "Private Link" });
  }
  const apim = model.edge.apiManagement;
  const apimVnet = model.vnets.find((v) => v.kind === "edge" && v.region === apim.region);
  const apimNode = node({
    id: "apim",
    kind: "apim",
    label: [apim.name, `API Management Standard v2 x${apim.capacity}`, `inbound ${apim.privateEndpoint.name}`],
    group: apimVnet ? vnetGroup(apimVnet) : undefined,
    aliases: [apim.name, apim.gatewayHostName, apim.privateEndpoint.name],
    planType: "azure-native:apimanagement:ApiManagementService",
  });
  edges.push({ from: "frontdoor", to: apimNode, kind: "privatelink", label: "Private Link" });

  for (const cluster of model.clusters) {
    const vnet = model.vnets.find((v) => v.key === cluster.vnetKey);
    const g = vnet ? vnetGroup(vnet) : undefined;
    const inCluster = model.data.inCluster?.instances.filter((i) => i.clusters.includes(cluster.name)) ?? [];
    const aks = node({
      id: id("aks", cluster.name),
      kind: "aks",
      label: [
        cluster.aksName,
        `AKS ${cluster.tier}, ${cluster.systemPool.count} x ${cluster.systemPool.vmSize} system`,
        `pods ${cluster.podCidr} (overlay)`,
        ...(inCluster.length ? [`in-cluster: ${inCluster.map((i) => i.engine).join(", ")}`] : []),
      ],
      group: g,
      aliases: [cluster.aksName, cluster.name],
      planType: "azure-native:containerservice:ManagedCluster",
    });
    const ilb = node({
      id: id("ilb", cluster.name),
      kind: "ilb",
      label: [`Istio ingress ILB`, cluster.ingressIp],
      group: g,
      aliases: [cluster.ingressIp],
    });
    edges.push({ from: ilb, to: aks, kind: "link", label: "Istio gateway" });
  }

  // Shared services: Key Vault and the registry, reached through private endpoints in the clusters' spoke.
  const primaryPaas = id("paas", model.regions.primary.name);
  node({
    id: "keyvault",
    kind: "shared",
    label: [model.keyVault.name, "Key Vault Premium"],
    group: primaryPaas,
    aliases: [model.keyVault.name],
    planType: "azure-native:keyvault:Vault",
  });
  node({
    id: "registry",
    kind: "shared",
    label: [
      model.containerRegistry.name,
      `Container Registry, replicas ${model.containerRegistry.replicaRegions.join(", ") || "none"}`,
    ],
    group: primaryPaas,
    aliases: [model.containerRegistry.name, model.containerRegistry.loginServer],
    planType: "azure-native:containerregistry:Registry",
  });
  const primaryCluster = model.clusters.find((c) => c.region === model.regions.primary.name) ?? model.clusters[0];
  if (primaryCluster) {
    for (const target of ["keyvault", "registry"]) {
      edges.push({ from: id("aks", primaryCluster.name), to: target, kind: "privatelink", label: "private endpoint" });
    }
  }

  // Data services, each behind its private endpoint in the data spoke of its region.
  const d = model.data;
  const services: {
    key: string;
    name: string;
    what: string;
    region: string;
    pe: { name: string; region: string; subnetCidr: string };
    planType: string;
  }[] = [];
  if (d.postgresql) {
    for (const s of [d.postgresql.primary, ...d.postgresql.replicas]) {
      services.push({
        key: s.name,
        name: s.name,
        what: `PostgreSQL ${d.postgresql.version} ${d.postgresql.sku.name} (${s.role})`,
        region: s.region,
        pe: s.privateEndpoint,
        planType: "azure-native:dbforpostgresql:Server",
      });
    }
  }
  if (d.cosmos) {
    for (const pe of d.cosmos.privateEndpoints) {
      services.push({
        key: `${d.cosmos.name}-${pe.region}`,
        name: d.cosmos.name,
        what: `Cosmos DB for MongoDB ${d.cosmos.serverVersion}`,
        region: pe.region,
        pe,
        planType: "azure-native:cosmosdb:DatabaseAccount",
      });
    }
  }
  if (d.redis) {
    for (const c of d.redis.caches) {
      services.push({
        key: c.name,
        name: c.name,
        what: `Azure Managed Redis ${d.redis.sku}`,
        region: c.region,
        pe: c.privateEndpoint,
        planType: "azure-native:redisenterprise:RedisEnterprise",
      });
    }
  }
  if (d.elastic) {
    services.push({
      key: d.elastic.deploymentName,
      name: d.elastic.deploymentName,
      what: `Elastic Cloud ${d.elastic.version} (Private Link)`,
      region: d.elastic.azureRegion,
      pe: d.elastic.privateEndpoint,
      planType: "ec:index/deployment:Deployment",
    });
  }
  services.push({
    key: d.storage.name,
    name: d.storage.name,
    what: `Storage ${d.storage.sku}`,
    region: d.storage.region,
    pe: d.storage.privateEndpoint,
    planType: "azure-native:storage:StorageAccount",
  });
  for (const s of services) {
    const vnet = model.vnets.find((v) => v.kind === "data" && v.region === s.pe.region);
    const pe = node({
      id: id("pe", s.pe.name),
      kind: "pe",
      label: [s.pe.name, `private endpoint in ${s.pe.subnetCidr}`],
      group: vnet ? vnetGroup(vnet) : undefined,
      aliases: [s.pe.name],
      planType: "azure-native:network:PrivateEndpoint",
    });
    const svc =
      nodes.find((n) => n.id === id("data", s.key))?.id ??
      node({
        id: id("data", s.key),
        kind: "data",
        label: [s.name, s.what],
        group: id("paas", s.region),
        aliases: [s.name],
        planType: s.planType,
      });
    edges.push({ from: pe, to: svc, kind: "privatelink" });
  }

  if (model.avd) {
    const vnet = model.vnets.find((v) => v.kind === "access");
    node({
      id: "avd",
      kind: "avd",
      label: [
        model.avd.hostPool.name,
        `Azure Virtual Desktop, ${model.avd.sessionHosts.hosts.length} x ${model.avd.sessionHosts.vmSize}`,
        `hosts in ${model.avd.subnetCidr}`,
      ],
      group: vnet ? vnetGroup(vnet) : undefined,
      aliases: [model.avd.hostPool.name, ...model.avd.sessionHosts.hosts.map((h) => h.vmName)],
      ranges: [model.avd.subnetCidr],
      planType: "azure-native:desktopvirtualization:HostPool",
    });
    edges.push({ from: "internet", to: "avd", kind: "link", label: "admins (Entra ID, reverse connect)" });
  } else {
    edges.push({
      from: "internet",
      to: id("aks", model.clusters[0]?.name ?? ""),
      kind: "link",
      label: `Tailscale (${model.config.access.tailscaleRange})`,
    });
  }

  // AWS and GCP, reached over the site-to-site VPN.
  const vpn = model.vpn;
  groups.push({ id: "aws", label: `AWS ${vpn.aws.region}`, kind: "cloud" });
  groups.push({ id: "gcp", label: `Google Cloud ${vpn.gcp.region}`, kind: "cloud" });
  node({
    id: "aws_tgw",
    kind: "remote",
    label: [vpn.aws.transitGatewayName, "Transit Gateway", `ASN ${vpn.aws.asn}`, ...vpn.aws.ranges],
    group: "aws",
    aliases: [vpn.aws.transitGatewayName],
    ranges: vpn.aws.ranges,
    planType: "aws:ec2transitgateway/transitGateway:TransitGateway",
  });
  node({
    id: "gcp_vpn",
    kind: "remote",
    label: [vpn.gcp.haVpnGatewayName, "HA VPN gateway", `ASN ${vpn.gcp.asn}`, ...vpn.gcp.ranges],
    group: "gcp",
    aliases: [vpn.gcp.haVpnGatewayName, vpn.gcp.routerName],
    ranges: vpn.gcp.ranges,
    planType: "gcp:compute/haVpnGateway:HaVpnGateway",
  });
  for (const [cloud, target] of [
    ["aws", "aws_tgw"],
    ["gcp", "gcp_vpn"],
  ] as const) {
    const tunnels = vpn.tunnels.filter((t) => t.cloud === cloud).length;
    edges.push({ from: "vpngw", to: target, kind: "vpn", label: `IPsec + BGP, ${tunnels} tunnels` });
  }

  // Peerings: every peering exists in both directions; one line per pair.
  const seen = new Set<string>();
  for (const p of model.peerings) {
    const key = [p.vnetKey, p.remoteVnetKey].sort().join("|");
    if (seen.has(key)) continue;
    seen.add(key);
    edges.push({ from: id("subnets", p.vnetKey), to: id("subnets", p.remoteVnetKey), kind: "peering", label: "peering" });
  }

  markPlanned(nodes, plan);
  const flowsSource = flows ? "flows" : "design";
  const drawn = flows ?? designFlows(model);
  return {
    environment: model.name,
    title: `Plugilo ${model.name}: estate (${model.file})`,
    groups,
    nodes,
    edges: [...edges, ...flowEdges(nodes, groups, drawn, flowsSource)],
    flowsSource,
    ...(plan ? { planSummary: { stacks: plan.stacks.length, resources: plan.resources.length } } : {}),
  };
}

/** A node is in the plan when a resource of its type names it (as its name or among its inputs). */
function markPlanned(nodes: DiagramNode[], plan: PlanView | undefined): void {
  if (!plan) return;
  const byType = new Map<string, string[]>();
  for (const r of plan.resources) {
    const list = byType.get(r.type) ?? [];
    list.push(`${r.name} ${JSON.stringify(r.inputs)}`);
    byType.set(r.type, list);
  }
  for (const n of nodes) {
    if (!n.planType) continue;
    const texts = byType.get(n.planType) ?? [];
    const name = n.aliases[0] ?? "";
    n.inPlan = texts.some((t) => t.includes(`"${name}"`) || t.startsWith(`${name} `));
  }
}

/** The node a flow endpoint or hop names: by name or address, or an address inside a node's ranges. */
function resolve(nodes: DiagramNode[], text: string): DiagramNode | undefined {
  const exact = nodes.find((n) => n.aliases.includes(text));
  if (exact) return exact;
  const address = /\b(\d{1,3}(?:\.\d{1,3}){3})\b/.exec(text)?.[1];
  // A hop written as "name (address)" or "name: decision": the longest alias it contains.
  const contained = nodes
    .flatMap((n) => n.aliases.filter((a) => a.length > 3 && text.includes(a)).map((a) => ({ n, a })))
    .sort((x, y) => y.a.length - x.a.length)[0];
  if (contained) return contained.n;
  if (address) {
    const byAddress = nodes.find((n) => n.aliases.includes(address));
    if (byAddress) return byAddress;
    const inRange = nodes.filter((n) => n.kind !== "subnets" && n.ranges?.some((r) => containsAddress(r, address)))[0];
    if (inRange) return inRange;
    return nodes.find((n) => n.ranges?.some((r) => containsAddress(r, address)));
  }
  return undefined;
}

function flowEdges(nodes: DiagramNode[], groups: DiagramGroup[], flows: FlowsResult, source: "flows" | "design"): DiagramEdge[] {
  const out: DiagramEdge[] = [];
  const external = (text: string): DiagramNode => {
    const existing = nodes.find((n) => n.kind === "external" && n.aliases.includes(text));
    if (existing) return existing;
    if (!groups.some((g) => g.id === "external")) groups.push({ id: "external", label: "Outside the estate", kind: "global" });
    const n: DiagramNode = {
      id: id("ext", String(nodes.length)),
      kind: "external",
      label: [text],
      group: "external",
      aliases: [text],
    };
    nodes.push(n);
    return n;
  };
  for (const f of flows.flows) {
    const points = [f.source, ...f.hops.map((h) => h.at), f.destination].map((t) => resolve(nodes, t) ?? external(t));
    const kind: EdgeKind = source === "design" ? "flow-design" : f.verdict === "deny" ? "flow-deny" : "flow-allow";
    for (let i = 0; i + 1 < points.length; i++) {
      const [a, b] = [points[i] as DiagramNode, points[i + 1] as DiagramNode];
      if (a.id === b.id) continue;
      // Flows that share a segment share one line, labelled with every flow that starts on it.
      const label = i === 0 ? `${f.id} ${f.protocol}/${f.port}` : undefined;
      const same = out.find((e) => e.from === a.id && e.to === b.id && e.kind === kind);
      if (same) {
        same.flow = `${same.flow} ${f.id}`;
        if (label) same.label = same.label ? `${same.label}\n${label}` : label;
      } else out.push({ from: a.id, to: b.id, kind, flow: f.id, ...(label ? { label } : {}) });
    }
  }
  return out;
}
