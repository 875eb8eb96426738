/**
 * The network of a plan, indexed from its resources' inputs (the JSON contract: every resource with its
 * resolved inputs). Resources reference each other by ARM ID; a planned resource has no ID of its own, so
 * references are matched by resource group and name.
 */
import type { PlannedResource } from "@plugilo/policy";
import { type AddressRange, toRange } from "./address.ts";

// biome-ignore lint/suspicious/noExplicitAny: plan inputs are untyped JSON
type Inputs = Record<string, any>;

export interface Subnet {
  name: string;
  vnet: Vnet;
  cidr: string;
  range: AddressRange;
  nsg?: Nsg;
  /** Referenced NSG that the plan does not hold (a broken reference). */
  missingNsg?: string;
  routeTable?: RouteTable;
  missingRouteTable?: string;
  natGateway?: string;
  defaultOutboundAccess: boolean | undefined;
  /** Subnet property privateEndpointNetworkPolicies (Azure's default: Disabled). */
  privateEndpointNetworkPolicies: string;
  privateLinkServiceNetworkPolicies: string;
}

export interface Vnet {
  name: string;
  resourceGroup: string;
  location: string;
  prefixes: string[];
  ranges: AddressRange[];
  dnsServers: string[];
  subnets: Subnet[];
  peerings: Peering[];
  gateway?: VpnGateway;
}

export interface Peering {
  name: string;
  local: Vnet;
  remoteName: string;
  remote?: Vnet;
  allowVirtualNetworkAccess: boolean;
  allowForwardedTraffic: boolean;
  allowGatewayTransit: boolean;
  useRemoteGateways: boolean;
}

export interface Route {
  name: string;
  addressPrefix: string;
  nextHopType: string;
  nextHopIpAddress?: string;
}

export interface RouteTable {
  name: string;
  disableBgpRoutePropagation: boolean;
  routes: Route[];
}

export interface SecurityRule {
  name: string;
  priority: number;
  direction: "Inbound" | "Outbound";
  access: "Allow" | "Deny";
  protocol: string;
  sources: string[];
  destinations: string[];
  ports: string[];
}

export interface Nsg {
  name: string;
  rules: SecurityRule[];
}

export interface FirewallRule {
  name: string;
  ruleType: "NetworkRule" | "ApplicationRule" | "NatRule";
  sourceAddresses: string[];
  destinationAddresses: string[];
  destinationFqdns: string[];
  destinationPorts: string[];
  ipProtocols: string[];
  targetFqdns: string[];
  fqdnTags: string[];
  protocols: { protocolType: string; port: number }[];
  translatedAddress?: string;
  translatedPort?: string;
}

export interface RuleCollection {
  group: string;
  groupPriority: number;
  name: string;
  priority: number;
  kind: "filter" | "nat";
  action: string;
  rules: FirewallRule[];
}

export interface FirewallPolicy {
  name: string;
  dnsProxy: boolean;
  dnsServers: string[];
  /** undefined: Azure's default, the IANA private ranges. */
  snatPrivateRanges?: string[];
  collections: RuleCollection[];
}

export interface Firewall {
  name: string;
  subnet: Subnet;
  /** Azure gives the firewall the first assignable address of AzureFirewallSubnet (offset 4). */
  privateIp: string;
  policy?: FirewallPolicy;
  missingPolicy?: string;
  publicIps: string[];
}

export interface PrivateEndpoint {
  name: string;
  resourceGroup: string;
  location: string;
  subnet?: Subnet;
  subnetRef: string;
  target: string;
  groupIds: string[];
  zones: string[];
}

export interface PrivateZone {
  name: string;
  /** Zones are resources of a resource group: two zones of one name (one per region) are two zones. */
  resourceGroup: string;
  linkedVnets: Set<string>;
  /** Record name (relative) -> the private endpoints that write it (zone groups) and explicit A records. */
  records: Map<string, { endpoints: PrivateEndpoint[]; addresses: string[] }>;
}

export interface VpnConnection {
  name: string;
  bgp: boolean;
  /** Prefixes learned from (or configured for) the remote site. */
  learned: string[];
  remote: string;
}

export interface VpnGateway {
  name: string;
  vnet: Vnet;
  bgp: boolean;
  publicIps: string[];
  connections: VpnConnection[];
}

export interface Topology {
  vnets: Map<string, Vnet>;
  subnets: Subnet[];
  firewalls: Firewall[];
  privateEndpoints: PrivateEndpoint[];
  /** Keyed by `{resourceGroup}/{zone name}`. */
  zones: Map<string, PrivateZone>;
  gateways: VpnGateway[];
  resources: PlannedResource[];
  byTypeName: Map<string, PlannedResource>;
}

/** `{resourceGroup}/{name}` of an ARM ID's last segment, or of a child (`.../virtualNetworks/x/subnets/y`). */
export function refOf(id: string | undefined): { rg: string; name: string; child?: string } | undefined {
  if (!id || typeof id !== "string") return undefined;
  const parts = id.split("/");
  const rgIndex = parts.findIndex((p) => p.toLowerCase() === "resourcegroups");
  if (rgIndex < 0) return undefined;
  const rg = parts[rgIndex + 1] ?? "";
  const providerIndex = parts.findIndex((p) => p.toLowerCase() === "providers");
  const rest = parts.slice(providerIndex + 2);
  return { rg: rg.toLowerCase(), name: rest[1] ?? "", ...(rest.length >= 4 ? { child: rest[3] } : {}) };
}

const key = (rg: string, name: string) => `${rg.toLowerCase()}/${name}`;
const list = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x) => typeof x === "string") : typeof v === "string" ? [v] : [];

export function buildTopology(resources: readonly PlannedResource[], extraLearned: Record<string, string[]> = {}): Topology {
  const of = (type: string) => resources.filter((r) => r.type === `azure-native:${type}`);
  const byTypeName = new Map<string, PlannedResource>();
  for (const r of resources) byTypeName.set(`${r.type}|${r.inputs.resourceGroupName ?? ""}|${r.name}`.toLowerCase(), r);

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

  const policies = new Map<string, FirewallPolicy>();
  for (const r of of("network:FirewallPolicy")) {
    const i = r.inputs as Inputs;
    policies.set(key(i.resourceGroupName, i.firewallPolicyName ?? r.name), {
      name: i.firewallPolicyName ?? r.name,
      dnsProxy: i.dnsSettings?.enableProxy === true,
      dnsServers: list(i.dnsSettings?.servers),
      ...(i.snat?.privateRanges ? { snatPrivateRanges: list(i.snat.privateRanges) } : {}),
      collections: [],
    });
  }
  for (const r of of("network:FirewallPolicyRuleCollectionGroup")) {
    const i = r.inputs as Inputs;
    const policy = policies.get(key(i.resourceGroupName, i.firewallPolicyName));
    if (!policy) continue;
    for (const c of i.ruleCollections ?? []) {
      policy.collections.push({
        group: i.ruleCollectionGroupName ?? r.name,
        groupPriority: Number(i.priority),
        name: c.name,
        priority: Number(c.priority),
        kind: c.ruleCollectionType === "FirewallPolicyNatRuleCollection" ? "nat" : "filter",
        action: c.action?.type ?? "Allow",
        rules: (c.rules ?? []).map((x: Inputs) => ({
          name: x.name,
          ruleType: x.ruleType,
          sourceAddresses: list(x.sourceAddresses),
          destinationAddresses: list(x.destinationAddresses),
          destinationFqdns: list(x.destinationFqdns),
          destinationPorts: list(x.destinationPorts),
          ipProtocols: list(x.ipProtocols),
          targetFqdns: list(x.targetFqdns),
          fqdnTags: list(x.fqdnTags),
          protocols: (x.protocols ?? []).map((p: Inputs) => ({ protocolType: p.protocolType, port: Number(p.port) })),
          ...(x.translatedAddress ? { translatedAddress: x.translatedAddress } : {}),
          ...(x.translatedPort ? { translatedPort: String(x.translatedPort) } : {}),
        })),
      });
    }
  }
  const firewalls: Firewall[] = [];
  for (const r of of("network:AzureFirewall")) {
    const i = r.inputs as Inputs;
    const ipc = (i.ipConfigurations ?? []).find((c: Inputs) => c.subnet?.id);
    const subnet = subnetByRef(ipc?.subnet?.id);
    if (!subnet) continue;
    const pref = refOf(i.firewallPolicy?.id);
    const policy = pref && policies.get(key(pref.rg, pref.name));
    firewalls.push({
      name: i.azureFirewallName ?? r.name,
      subnet,
      privateIp: addressOf(subnet.range.lo + 4),
      ...(policy ? { policy } : pref ? { missingPolicy: pref.name } : {}),
      publicIps: (i.ipConfigurations ?? []).map((c: Inputs) => refOf(c.publicIPAddress?.id)?.name).filter(Boolean),
    });
  }

  const privateEndpoints: PrivateEndpoint[] = [];
  for (const r of of("network:PrivateEndpoint")) {
    const i = r.inputs as Inputs;
    const conns = [...(i.privateLinkServiceConnections ?? []), ...(i.manualPrivateLinkServiceConnections ?? [])];
    const subnet = subnetByRef(i.subnet?.id);
    privateEndpoints.push({
      name: i.privateEndpointName ?? r.name,
      resourceGroup: String(i.resourceGroupName ?? "").toLowerCase(),
      location: i.location ?? "",
      ...(subnet ? { subnet } : {}),
      subnetRef: i.subnet?.id ?? "",
      target: conns[0]?.privateLinkServiceId ?? "",
      groupIds: conns.flatMap((c: Inputs) => list(c.groupIds)),
      zones: [],
    });
  }
  const zones = new Map<string, PrivateZone>();
  for (const r of of("privatedns:PrivateZone")) {
    const i = r.inputs as Inputs;
    const name = i.privateZoneName ?? r.name;
    const resourceGroup = String(i.resourceGroupName ?? "").toLowerCase();
    zones.set(key(resourceGroup, name), { name, resourceGroup, linkedVnets: new Set(), records: new Map() });
  }
  for (const r of of("privatedns:VirtualNetworkLink")) {
    const i = r.inputs as Inputs;
    const vnet = refOf(i.virtualNetwork?.id)?.name;
    if (vnet) zones.get(key(String(i.resourceGroupName ?? ""), i.privateZoneName))?.linkedVnets.add(vnet);
  }
  const record = (zoneKey: string, name: string) => {
    const z = zones.get(zoneKey);
    if (!z) return undefined;
    let rec = z.records.get(name);
    if (!rec) {
      rec = { endpoints: [], addresses: [] };
      z.records.set(name, rec);
    }
    return rec;
  };
  for (const r of of("privatedns:PrivateRecordSet")) {
    const i = r.inputs as Inputs;
    const rec = record(key(String(i.resourceGroupName ?? ""), i.privateZoneName), i.relativeRecordSetName);
    for (const a of i.aRecords ?? []) rec?.addresses.push(a.ipv4Address);
  }
  const regionsOf = (target: string): string[] => {
    const ref = refOf(target);
    if (!ref) return [];
    const res = resources.find((x) => (x.inputs as Inputs).resourceGroupName?.toLowerCase() === ref.rg && x.name === ref.name);
    if (!res) return [];
    const i = res.inputs as Inputs;
    if (res.type === "azure-native:cosmosdb:DatabaseAccount") return (i.locations ?? []).map((l: Inputs) => l.locationName);
    if (res.type === "azure-native:containerregistry:Registry")
      return [
        i.location,
        ...of("containerregistry:Replication")
          .filter((x) => (x.inputs as Inputs).registryName === ref.name)
          .map((x) => (x.inputs as Inputs).location),
      ];
    return [i.location];
  };
  for (const r of of("network:PrivateDnsZoneGroup")) {
    const i = r.inputs as Inputs;
    const pe = privateEndpoints.find(
      (p) => p.name === i.privateEndpointName && p.resourceGroup === String(i.resourceGroupName).toLowerCase(),
    );
    if (!pe) continue;
    for (const cfg of i.privateDnsZoneConfigs ?? []) {
      const ref = refOf(cfg.privateDnsZoneId);
      const zone = ref?.name;
      if (!ref || !zone) continue;
      pe.zones.push(zone);
      for (const name of zoneGroupRecords(pe, zone, regionsOf(pe.target))) record(key(ref.rg, zone), name)?.endpoints.push(pe);
    }
  }

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
  return { vnets, subnets, firewalls, privateEndpoints, zones, gateways, resources: [...resources], byTypeName };
}

function addressOf(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join(".");
}

/**
 * The A records a DNS zone group writes for a private endpoint, per sub-resource. Source: the zone table of
 * https://learn.microsoft.com/azure/private-link/private-endpoint-dns (vault, registry with its regional data
 * endpoints, postgresqlServer, redisEnterprise `<name>.<region>`, MongoDB with its regional endpoints, blob, Gateway).
 */
function zoneGroupRecords(pe: PrivateEndpoint, zone: string, regions: string[]): string[] {
  const name = refOf(pe.target)?.name ?? "";
  const group = (pe.groupIds[0] ?? "").toLowerCase();
  if (group === "registry") return [name, ...regions.map((r) => `${name}.${r}.data`)];
  if (group === "mongodb") return [name, ...regions.map((r) => `${name}-${r}`)];
  if (group === "redisenterprise") return [`${name}.${pe.location}`];
  if (zone && name) return [name];
  return [];
}
