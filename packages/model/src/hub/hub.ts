/**
 * The hub layer's part of the model: one hub per region (firewall, its policy, NAT egress), the private and
 * public DNS zones, all named and addressed here so the hub stack and every spoke read the same values.
 */
import { avdFirewallRules } from "../access/access.ts";
import { AKS_PRIVATE_DNS_SOURCE, aksPrivateDnsZoneName } from "../core/aks-private-dns.ts";
import { firstUsableAzureAddress } from "../core/cidr.ts";
import { type NameParts, resourceId, resourceName } from "../core/naming.ts";
import { REGIONAL_PRIVATE_DNS_ZONES } from "../core/private-dns-resolution.ts";
import { REGIONS, type RegionName, supports } from "../core/regions.ts";
import type { DnsModel, LayerModel, LogAnalyticsModel, PrivateDnsZoneModel, Reservation, VnetModel } from "../core/resources.ts";
import type { EnvironmentConfig } from "../core/schema.ts";
import { cidrsWithout, dataAccessRules, dataPrivateEndpointSubnets, elasticPrivateLinkDomain } from "../data/data.ts";
import { apimDependencyRules } from "../edge/apim-dependencies.ts";
import { resolveGitopsSources } from "../gitops/gitops-sources.ts";
import type { FirewallPolicyModel } from "../network/types.ts";
import { sharedServiceAccessRules, sharedServiceEndpointSubnets } from "../shared/shared-services.ts";
import type { HubModel } from "./types.ts";

export type PartsOf = (workload: string, region?: RegionName, suffix?: string) => NameParts;

/** A NAT gateway public IP offers 64,512 SNAT ports. https://learn.microsoft.com/azure/nat-gateway/nat-gateway-resource */
export const SNAT_PORTS_PER_IP = 64_512;

const PRIVATE_LINK_DNS = "https://learn.microsoft.com/azure/private-link/private-endpoint-dns";

/**
 * Private DNS zones of every Private Link service the estate uses. AKS private API servers have one zone per
 * region. Azure Monitor Private Link needs four zones plus blob (already listed).
 */
export function privateDnsZones(regions: readonly RegionName[]): Omit<PrivateDnsZoneModel, "id">[] {
  const zone = (name: string, service: string, source = PRIVATE_LINK_DNS) => ({ name, service, source });
  return [
    zone("privatelink.vaultcore.azure.net", "Key Vault"),
    zone("privatelink.blob.core.windows.net", "Storage (blob), Azure Monitor"),
    zone("privatelink.azurecr.io", "Container Registry"),
    zone("privatelink.postgres.database.azure.com", "PostgreSQL Flexible Server"),
    zone("privatelink.mongo.cosmos.azure.com", "Cosmos DB for MongoDB"),
    zone("privatelink.redis.azure.net", "Azure Managed Redis"),
    zone("privatelink.azure-api.net", "API Management"),
    ...regions.map((r) =>
      zone(aksPrivateDnsZoneName(r), `AKS private API server with API Server VNet Integration (${r})`, AKS_PRIVATE_DNS_SOURCE),
    ),
    zone("privatelink.monitor.azure.com", "Azure Monitor"),
    zone("privatelink.oms.opinsights.azure.com", "Azure Monitor (Log Analytics)"),
    zone("privatelink.ods.opinsights.azure.com", "Azure Monitor (Log Analytics ingestion)"),
    zone("privatelink.agentsvc.azure-automation.net", "Azure Monitor (agent service)"),
    // Elastic Cloud's own Private Link zone (the data layer writes its * record): the primary region's.
    ...regions
      .slice(0, 1)
      .map((r) =>
        zone(
          elasticPrivateLinkDomain(r),
          `Elastic Cloud Private Link (${r})`,
          "https://www.elastic.co/docs/deploy-manage/security/private-connectivity-azure",
        ),
      ),
  ];
}

/** Every routable range of the environment: its address space, the VPN ranges and the tailnet. */
export function routableRanges(reservations: readonly Reservation[]): string[] {
  return reservations.filter((r) => r.routable).map((r) => r.cidr);
}

export interface HubInputs {
  config: EnvironmentConfig;
  vnets: readonly VnetModel[];
  layers: readonly LayerModel[];
  logAnalytics: readonly LogAnalyticsModel[];
  reservations: readonly Reservation[];
  parts: PartsOf;
}

export function resolveHubs({ config, vnets, layers, logAnalytics, reservations, parts }: HubInputs): HubModel[] {
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
        [...dataPrivateEndpointSubnets(vnets), ...sharedServiceEndpointSubnets(config, vnets)]
          .filter((s) => s.region === region)
          .map((s) => s.cidr),
      ),
      logAnalyticsWorkspaceId: workspace.id,
      hasVpnGateway,
    };
  });
}

export function resolveFirewallPolicy(
  config: EnvironmentConfig,
  reservations: readonly Reservation[],
  parts: PartsOf,
  vnets: readonly VnetModel[] = [],
): FirewallPolicyModel {
  const tls = config.hub.tlsInspection;
  return {
    tier: "Premium",
    threatIntelMode: "Deny",
    dnsProxy: true,
    idpsMode: config.hub.idpsMode,
    // IDPS classifies traffic as internal or external by these ranges; the defaults (RFC 1918 only) miss
    // the tailnet and would misjudge the Application Gateway path. AZURE-FACTS, docs/adr/0013.
    idpsPrivateRanges: routableRanges(reservations),
    tlsInspection:
      tls.enabled && tls.keyVaultId && tls.caCertificateSecretId
        ? {
            enabled: true,
            keyVaultId: tls.keyVaultId,
            caCertificateSecretId: tls.caCertificateSecretId,
            identityName: resourceName("managedIdentity", parts("hub", config.regions.primary, "afwp")),
          }
        : { enabled: false },
    packageSources: [...config.hub.packageSources],
    outboundFqdns: [...config.hub.outboundFqdns],
    // East-west: the clusters to the data private endpoints (data.ts).
    dataAccess: dataAccessRules(config, vnets),
    // East-west: clusters and edge to the Key Vault and registry private endpoints (shared-services.ts).
    sharedServicesAccess: sharedServiceAccessRules(config, vnets),
    apimDependencies: apimDependencyRules(vnets),
    // Azure Virtual Desktop: the session hosts' egress and the admins' reach (access.ts).
    avd: avdFirewallRules(config, vnets),
    // GitOps: chart repositories, image registries and this repository, from the add-on flags (gitops-sources.ts).
    gitopsSources: resolveGitopsSources(config, vnets),
  };
}

export function resolveDns(config: EnvironmentConfig, hubs: readonly HubModel[], parts: PartsOf): DnsModel {
  const primary = hubs.find((h) => h.region === config.regions.primary) as HubModel;
  const id = (type: string, name: string) => resourceId(primary.subscriptionId, primary.resourceGroup, type, name);
  return {
    resourceGroup: primary.resourceGroup,
    subscriptionId: primary.subscriptionId,
    location: primary.region,
    privateZones: privateDnsZones([config.regions.primary, config.regions.secondary]).flatMap((z) =>
      REGIONAL_PRIVATE_DNS_ZONES.has(z.name)
        ? hubs.map((h) => ({
            ...z,
            id: resourceId(h.subscriptionId, h.resourceGroup, "Microsoft.Network/privateDnsZones", z.name),
            region: h.region,
            resourceGroup: h.resourceGroup,
          }))
        : [{ ...z, id: id("Microsoft.Network/privateDnsZones", z.name) }],
    ),
    links: hubs.map((h) => ({ vnetKey: h.vnetKey, name: resourceName("privateDnsZoneLink", parts("hub", h.region)) })),
    publicZones: config.hub.publicDnsZones.map((name) => ({ name, id: id("Microsoft.Network/dnsZones", name) })),
  };
}
