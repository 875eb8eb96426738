/** VNets and their subnets, with each subnet's NSG and route table, and the peerings between VNets. */
import { type AddressRange, toRange } from "../address.ts";
import { type Inputs, key, list, type ResourcesOf, refOf, type SubnetByRef } from "./arm-refs.ts";
import type { Nsg, RouteTable, Subnet, Vnet } from "./types.ts";

export function readNetwork(of: ResourcesOf): { vnets: Map<string, Vnet>; subnets: Subnet[]; subnetByRef: SubnetByRef } {
  const routeTables = new Map<string, RouteTable>();
  for (const r of of("network:RouteTable")) {
    const i = r.inputs as Inputs;
    routeTables.set(key(i.resourceGroupName, i.routeTableName ?? r.name), {
      name: i.routeTableName ?? r.name,
      disableBgpRoutePropagation: i.disableBgpRoutePropagation === true,
      routes: (i.routes ?? []).map((x: Inputs) => ({
        name: x.name,
        addressPrefix: x.addressPrefix,
        nextHopType: x.nextHopType,
        ...(x.nextHopIpAddress ? { nextHopIpAddress: x.nextHopIpAddress } : {}),
      })),
    });
  }
  const nsgs = new Map<string, Nsg>();
  for (const r of of("network:NetworkSecurityGroup")) {
    const i = r.inputs as Inputs;
    nsgs.set(key(i.resourceGroupName, i.networkSecurityGroupName ?? r.name), {
      name: i.networkSecurityGroupName ?? r.name,
      rules: (i.securityRules ?? []).map((s: Inputs) => ({
        name: s.name,
        priority: Number(s.priority),
        direction: s.direction,
        access: s.access,
        protocol: s.protocol ?? "*",
        sources: [...list(s.sourceAddressPrefix), ...list(s.sourceAddressPrefixes)],
        destinations: [...list(s.destinationAddressPrefix), ...list(s.destinationAddressPrefixes)],
        ports: [...list(s.destinationPortRange), ...list(s.destinationPortRanges)],
      })),
    });
  }

  const vnets = new Map<string, Vnet>();
  const subnets: Subnet[] = [];
  for (const r of of("network:VirtualNetwork")) {
    const i = r.inputs as Inputs;
    const prefixes = list(i.addressSpace?.addressPrefixes);
    const vnet: Vnet = {
      name: i.virtualNetworkName ?? r.name,
      resourceGroup: String(i.resourceGroupName ?? "").toLowerCase(),
      location: i.location ?? "",
      prefixes,
      ranges: prefixes.map(toRange).filter((x): x is AddressRange => !!x),
      dnsServers: list(i.dhcpOptions?.dnsServers),
      subnets: [],
      peerings: [],
    };
    for (const s of i.subnets ?? []) {
      const range = toRange(s.addressPrefix);
      if (!range) continue;
      const nsgRef = refOf(s.networkSecurityGroup?.id);
      const rtRef = refOf(s.routeTable?.id);
      const nsg = nsgRef && nsgs.get(key(nsgRef.rg, nsgRef.name));
      const rt = rtRef && routeTables.get(key(rtRef.rg, rtRef.name));
      const subnet: Subnet = {
        name: s.name,
        vnet,
        cidr: s.addressPrefix,
        range,
        ...(nsg ? { nsg } : nsgRef ? { missingNsg: nsgRef.name } : {}),
        ...(rt ? { routeTable: rt } : rtRef ? { missingRouteTable: rtRef.name } : {}),
        ...(s.natGateway?.id ? { natGateway: refOf(s.natGateway.id)?.name ?? s.natGateway.id } : {}),
        defaultOutboundAccess: s.defaultOutboundAccess,
        privateEndpointNetworkPolicies: s.privateEndpointNetworkPolicies ?? "Disabled",
        privateLinkServiceNetworkPolicies: s.privateLinkServiceNetworkPolicies ?? "Enabled",
      };
      vnet.subnets.push(subnet);
      subnets.push(subnet);
    }
    vnets.set(vnet.name, vnet);
  }
  for (const r of of("network:VirtualNetworkPeering")) {
    const i = r.inputs as Inputs;
    const local = vnets.get(i.virtualNetworkName);
    const remoteName = refOf(i.remoteVirtualNetwork?.id)?.name ?? "";
    if (!local) continue;
    const remote = vnets.get(remoteName);
    local.peerings.push({
      name: i.virtualNetworkPeeringName ?? r.name,
      local,
      remoteName,
      ...(remote ? { remote } : {}),
      allowVirtualNetworkAccess: i.allowVirtualNetworkAccess !== false,
      allowForwardedTraffic: i.allowForwardedTraffic === true,
      allowGatewayTransit: i.allowGatewayTransit === true,
      useRemoteGateways: i.useRemoteGateways === true,
    });
  }
  const subnetByRef = (id: string | undefined) => {
    const ref = refOf(id);
    if (!ref?.child) return undefined;
    return vnets.get(ref.name)?.subnets.find((s) => s.name === ref.child);
  };
  return { vnets, subnets, subnetByRef };
}
