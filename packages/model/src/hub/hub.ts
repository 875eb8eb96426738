/**
 * The hub layer's part of the model: one hub per region (firewall, NAT egress), named and addressed here so
 * the hub stack and every spoke read the same values. The firewall policy and the private DNS zones, which
 * every layer feeds, are assembled in network/.
 */
import { cidrsWithout, firstUsableAzureAddress } from "../core/cidr.ts";
import { type PartsOf, resourceId, resourceName } from "../core/naming.ts";
import { REGIONS, type RegionName, supports } from "../core/regions.ts";
import { type LayerModel, type LogAnalyticsModel, type Reservation, routableRanges, type VnetModel } from "../core/resources.ts";
import type { EnvironmentConfig } from "../core/schema.ts";
import type { HubModel } from "./types.ts";

/** A NAT gateway public IP offers 64,512 SNAT ports. https://learn.microsoft.com/azure/nat-gateway/nat-gateway-resource */
export const SNAT_PORTS_PER_IP = 64_512;

export interface HubInputs {
  config: EnvironmentConfig;
  vnets: readonly VnetModel[];
  layers: readonly LayerModel[];
  logAnalytics: readonly LogAnalyticsModel[];
  reservations: readonly Reservation[];
  parts: PartsOf;
  /** The private endpoint subnets of the data tier and the shared services (network/private-endpoints.ts). */
  privateEndpointSubnets: readonly { region: RegionName; cidr: string }[];
}

export function resolveHubs({
  config,
  vnets,
  layers,
  logAnalytics,
  reservations,
  parts,
  privateEndpointSubnets,
}: HubInputs): HubModel[] {
  const hubLayer = layers.find((l) => l.kind === "hub") as LayerModel;
  const all = routableRanges(reservations);
  const vpnRanges = new Set(reservations.filter((r) => r.kind === "aws" || r.kind === "gcp").map((r) => r.cidr));
  return [config.regions.primary, config.regions.secondary].map((region) => {
    const vnet = vnets.find((v) => v.kind === "hub" && v.region === region);
    const rg = hubLayer.resourceGroups[region];
    const workspace = logAnalytics.find((l) => l.region === region);
    if (!vnet || !rg || !workspace) throw new Error(`no hub VNet, resource group or workspace in ${region}`);
    const name = (kind: Parameters<typeof resourceName>[0], suffix?: string) => resourceName(kind, parts("hub", region, suffix));
    const firewallName = name("firewall");
    const firewallPolicyName = name("firewallPolicy");
    const natGatewayName = name("natGateway");
    const natPublicIpNames = Array.from({ length: config.hub.natPublicIps }, (_, i) => name("publicIp", `ng${i + 1}`));
    const hasVpnGateway = region === config.regions.primary;
    const firewallSubnet = vnet.subnets.find((s) => s.kind === "firewall");
    if (!firewallSubnet) throw new Error(`hub VNet ${vnet.key} has no AzureFirewallSubnet`);
    return {
      region,
      vnetKey: vnet.key,
      firewallName,
      // Azure gives the firewall the first usable address of its subnet (address-plan.ts).
      firewallPrivateIp: firstUsableAzureAddress(firewallSubnet.cidr),
      vnetName: vnet.name,
      vnetId: vnet.id,
      resourceGroup: rg.name,
      subscriptionId: rg.subscriptionId,
      firewallId: resourceId(rg.subscriptionId, rg.name, "Microsoft.Network/azureFirewalls", firewallName),
      firewallPolicyName,
      firewallPolicyId: resourceId(rg.subscriptionId, rg.name, "Microsoft.Network/firewallPolicies", firewallPolicyName),
      firewallZones: supports("azureFirewall", "availabilityZones", region) ? [...REGIONS[region].availabilityZones] : [],
      firewallPublicIpName: name("publicIp", "afw"),
      natGatewayName,
      natGatewayId: resourceId(rg.subscriptionId, rg.name, "Microsoft.Network/natGateways", natGatewayName),
      natPublicIpNames,
      snatPorts: natPublicIpNames.length * SNAT_PORTS_PER_IP,
      // The VPN gateway advertises the hubs and the primary region's spokes, not the secondary's spokes
      // (gateway transit reaches only directly peered VNets): the secondary firewall SNATs traffic to AWS
      // and GCP to its own address, which the gateway does advertise. docs/adr/0014.
      // Traffic to the region's data private endpoints is SNATed (their return traffic ignores UDRs): those
      // subnets are cut out of the ranges kept unSNATed. docs/adr/0041.
      snatPrivateRanges: cidrsWithout(
        hasVpnGateway ? all : all.filter((c) => !vpnRanges.has(c)),
        privateEndpointSubnets.filter((s) => s.region === region).map((s) => s.cidr),
      ),
      logAnalyticsWorkspaceId: workspace.id,
      hasVpnGateway,
    };
  });
}
