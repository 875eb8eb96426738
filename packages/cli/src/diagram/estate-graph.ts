/**
 * The estate as a graph: groups (regions, VNets, clouds), resources as nodes labelled with their names,
 * peerings, Private Link and VPN links, and the traffic flows as paths. Built from the model; the plan
 * marks each node whose resource it would create (a node the plan lacks is drawn dashed). Layout is left
 * to the layout engine (to-dot.ts, to-mermaid.ts): nothing here has a coordinate.
 */
import type { EnvironmentModel, VnetModel } from "@plugilo/model";
import { designFlows } from "./design-flows.ts";
import {
  type DiagramBuilder,
  type DiagramEdge,
  type DiagramGroup,
  type DiagramNode,
  type EstateDiagram,
  diagramId as id,
  type PlanView,
} from "./diagram-types.ts";
import { flowEdges } from "./flow-edges.ts";
import type { FlowsResult } from "./flows-result.ts";
import { markPlanned } from "./in-plan.ts";
import { addPaasNodes } from "./paas-nodes.ts";

export type * from "./diagram-types.ts";

const REGION_SHORT: Record<string, string> = { germanywestcentral: "Germany West Central", germanynorth: "Germany North" };

export function buildEstateDiagram(model: EnvironmentModel, plan?: PlanView, flows?: FlowsResult): EstateDiagram {
  const groups: DiagramGroup[] = [];
  const nodes: DiagramNode[] = [];
  const edges: DiagramEdge[] = [];
  const node = (n: DiagramNode) => {
    nodes.push(n);
    return n.id;
  };
  const vnetGroup = (v: VnetModel) => id("vnet", v.key);
  const builder: DiagramBuilder = { groups, nodes, edges, node, vnetGroup };

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

  addPaasNodes(builder, model);

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
