/**
 * How traffic flows between the VNets, decided once for every stack: each subnet's route table and NSG,
 * each VNet's DNS servers, and the peerings (hub and spoke: a spoke peers only with its own region's hub).
 *
 * - Workload subnets send 0.0.0.0/0 to their region's firewall (next hop VirtualAppliance) and ignore
 *   BGP-learned routes, so nothing leaves a spoke without passing the firewall.
 * - The Application Gateway subnet instead routes each cluster spoke's prefix to the firewall and has no
 *   0.0.0.0/0 route (unsupported there). https://learn.microsoft.com/azure/architecture/example-scenario/gateway/firewall-application-gateway
 * - AzureFirewallSubnet keeps 0.0.0.0/0 to the Internet (required) and routes the other region's block to
 *   the other firewall, so cross-region traffic passes both firewalls in both directions.
 * - GatewaySubnet routes the primary region's spokes to the firewall: traffic from AWS and GCP is inspected.
 * - Spokes use the firewall as DNS server (its DNS proxy resolves the private DNS zones linked to the hub).
 * - Each spoke subnet gets an NSG; its inbound rules come from the required flows (subnet-nsg-rules.ts).
 */
import type { ClusterBaseModel } from "../cluster/types.ts";
import type { AddressPlan } from "../core/address-plan.ts";
import { NAME_RULES, type PartsOf, resourceId, resourceName } from "../core/naming.ts";
import { REGIONS } from "../core/regions.ts";
import type {
  NetworkSecurityGroupModel,
  PeeringModel,
  Reservation,
  RouteModel,
  RouteTableModel,
  SubnetModel,
  VnetModel,
} from "../core/resources.ts";
import { SUBNETS } from "../core/subnet-catalogue.ts";
import type { HubModel } from "../hub/types.ts";
import { denyAllInbound } from "./subnet-nsg-rules.ts";

export const DEFAULT_ROUTE = "0.0.0.0/0";

export interface NetworkFlowInputs {
  vnets: readonly VnetModel[];
  hubs: readonly HubModel[];
  clusters: readonly ClusterBaseModel[];
  reservations: readonly Reservation[];
  addressPlan: AddressPlan;
  parts: PartsOf;
}

const workloadOf = (vnet: VnetModel) => vnet.cluster ?? vnet.kind;

function hubOf(hubs: readonly HubModel[], vnet: VnetModel): HubModel {
  const hub = hubs.find((h) => h.region === vnet.region);
  if (!hub) throw new Error(`no hub in ${vnet.region} for ${vnet.key}`);
  return hub;
}

const viaFirewall = (name: string, addressPrefix: string, hub: HubModel): RouteModel => ({
  name,
  addressPrefix,
  nextHopType: "VirtualAppliance",
  nextHopIpAddress: hub.firewallPrivateIp,
});

function spokeSubnet(subnet: SubnetModel, vnet: VnetModel, inputs: NetworkFlowInputs): SubnetModel {
  const hub = hubOf(inputs.hubs, vnet);
  const suffix = SUBNETS[subnet.kind].purposeName;
  const name = (kind: "routeTable" | "networkSecurityGroup") =>
    resourceName(kind, inputs.parts(workloadOf(vnet), vnet.region, suffix));
  const id = (type: string, n: string) => resourceId(vnet.subscriptionId, vnet.resourceGroup, type, n);
  const routes =
    subnet.kind === "appgw"
      ? inputs.vnets.filter((v) => v.kind === "cluster").map((v) => viaFirewall(`to-${v.key}-via-firewall`, v.cidr, hub))
      : [viaFirewall("default-via-firewall", DEFAULT_ROUTE, hub)];
  const routeTableName = name("routeTable");
  const nsgName = name("networkSecurityGroup");
  const routeTable: RouteTableModel = {
    name: routeTableName,
    id: id("Microsoft.Network/routeTables", routeTableName),
    disableBgpRoutePropagation: true,
    routes,
  };
  const networkSecurityGroup: NetworkSecurityGroupModel = {
    name: nsgName,
    id: id("Microsoft.Network/networkSecurityGroups", nsgName),
    // Deny-all until the flows are known: subnet-nsg-rules.ts derives the allows from the flow catalogue.
    rules: [denyAllInbound()],
  };
  return { ...subnet, networkSecurityGroup, routeTable };
}

function hubSubnet(subnet: SubnetModel, vnet: VnetModel, inputs: NetworkFlowInputs): SubnetModel {
  const hub = hubOf(inputs.hubs, vnet);
  const table = (suffix: string, routes: RouteModel[]): RouteTableModel => {
    const name = resourceName("routeTable", inputs.parts("hub", vnet.region, suffix));
    return {
      name,
      id: resourceId(vnet.subscriptionId, vnet.resourceGroup, "Microsoft.Network/routeTables", name),
      // The firewall and the gateway must keep the routes the VPN gateway learns over BGP.
      disableBgpRoutePropagation: false,
      routes,
    };
  };
  if (subnet.kind === "firewall") {
    const others = inputs.hubs.filter((h) => h.region !== vnet.region);
    const routes: RouteModel[] = [
      { name: "internet", addressPrefix: DEFAULT_ROUTE, nextHopType: "Internet" },
      ...others.map((other) => {
        const block = inputs.addressPlan.regionBlocks.find((b) => b.region === other.region);
        if (!block) throw new Error(`no region block for ${other.region}`);
        return viaFirewall(`to-${REGIONS[other.region].shortCode}-via-${other.firewallName}`, block.cidr, other);
      }),
    ];
    return { ...subnet, routeTable: table("afw", routes) };
  }
  if (subnet.kind === "gateway" && hub.hasVpnGateway) {
    const spokes = inputs.vnets.filter((v) => v.kind !== "hub" && v.region === vnet.region);
    return {
      ...subnet,
      routeTable: table(
        "vpng",
        spokes.map((s) => viaFirewall(`to-${s.key}-via-firewall`, s.cidr, hub)),
      ),
    };
  }
  return subnet;
}

/** The VNets with DNS servers, route tables and NSGs filled in. */
export function withNetworkFlows(inputs: NetworkFlowInputs): VnetModel[] {
  return inputs.vnets.map((vnet) => {
    if (vnet.kind === "hub") return { ...vnet, dnsServers: [], subnets: vnet.subnets.map((s) => hubSubnet(s, vnet, inputs)) };
    return {
      ...vnet,
      dnsServers: [hubOf(inputs.hubs, vnet).firewallPrivateIp],
      subnets: vnet.subnets.map((s) => spokeSubnet(s, vnet, inputs)),
    };
  });
}

const peeringName = (local: VnetModel, remote: VnetModel) =>
  `${NAME_RULES.virtualNetworkPeering.abbreviation}-${local.key}-to-${remote.key}`;

/**
 * Every peering, both directions: each spoke with its own region's hub only (never spoke to spoke), and the
 * hubs with each other. The primary hub holds the VPN gateway: its spokes use it (gateway transit) so the
 * gateway advertises their prefixes to AWS and GCP; the secondary hub uses it too, for the VPN routes.
 */
export function resolvePeerings(vnets: readonly VnetModel[], hubs: readonly HubModel[]): PeeringModel[] {
  const byKey = (key: string) => vnets.find((v) => v.key === key) as VnetModel;
  const out: PeeringModel[] = [];
  for (const spoke of vnets.filter((v) => v.kind !== "hub")) {
    const hub = hubOf(hubs, spoke);
    const hubVnet = byKey(hub.vnetKey);
    out.push(
      {
        name: peeringName(spoke, hubVnet),
        layer: spoke.layer,
        vnetKey: spoke.key,
        remoteVnetKey: hubVnet.key,
        allowForwardedTraffic: true,
        allowGatewayTransit: false,
        useRemoteGateways: hub.hasVpnGateway,
      },
      {
        name: peeringName(hubVnet, spoke),
        layer: spoke.layer,
        vnetKey: hubVnet.key,
        remoteVnetKey: spoke.key,
        allowForwardedTraffic: true,
        allowGatewayTransit: hub.hasVpnGateway,
        useRemoteGateways: false,
      },
    );
  }
  for (const hub of hubs) {
    for (const other of hubs.filter((h) => h !== hub)) {
      out.push({
        name: peeringName(byKey(hub.vnetKey), byKey(other.vnetKey)),
        layer: "hub",
        vnetKey: hub.vnetKey,
        remoteVnetKey: other.vnetKey,
        allowForwardedTraffic: true,
        allowGatewayTransit: hub.hasVpnGateway,
        useRemoteGateways: other.hasVpnGateway,
      });
    }
  }
  return out;
}
