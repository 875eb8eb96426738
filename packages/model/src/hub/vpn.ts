/**
 * The site-to-site VPN between the primary hub and AWS and GCP: every tunnel's /30, BGP addresses and ASNs
 * are decided here once, so the Azure, AWS and GCP ends (hub and multicloud stacks) agree by construction.
 *
 * Azure side: an active-active, zone-redundant VPN gateway with two public IPs (instances 0 and 1).
 * AWS side (https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-howto-aws-bgp): a customer gateway and
 * a VPN connection per Azure instance, two tunnels each; AWS takes the first address of each /30, Azure the
 * second. GCP side: an HA VPN gateway whose interface i reaches Azure instance i, one tunnel each.
 * Azure accepts custom APIPA BGP addresses only in 169.254.21.0-169.254.22.255.
 */
import { nthAddress } from "../core/cidr.ts";
import type { ConfigFinding } from "../core/findings.ts";
import { type PartsOf, resourceId, resourceName } from "../core/naming.ts";
import { REGIONS, supports } from "../core/regions.ts";
import type { LayerModel, VnetModel } from "../core/resources.ts";
import type { EnvironmentConfig } from "../core/schema.ts";
import type { HubModel, VpnGatewayInstanceModel, VpnModel, VpnTunnelModel } from "./types.ts";

const BGP_FAQ = "https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq#bgp";
/** ASNs Azure keeps for itself: no peer may use them, the gateway may use 65515 (its default) only. */
const AZURE_RESERVED_ASNS = [8074, 8075, 12076, 65515, 65517, 65518, 65519, 65520];
const IANA_RESERVED = (asn: number) => asn === 23456 || (asn >= 64496 && asn <= 64511) || (asn >= 65535 && asn <= 65551);
const privateAsn = (asn: number) => (asn >= 64512 && asn <= 65534) || (asn >= 4_200_000_000 && asn <= 4_294_967_294);

/** A /30 of Azure's APIPA range: block `n` (0-63) of 169.254.21.0/24 (`half` 0) or 169.254.22.0/24 (`half` 1). */
function apipa(half: 0 | 1, n: number): string {
  return `169.254.${21 + half}.${n * 4}/30`;
}

/** Cloud-side names (AWS Name tags, GCP resource names): lowercase, dashes, at most 63 characters. */
function cloudName(kind: string, config: EnvironmentConfig, ...rest: string[]): string {
  return [kind, config.organization, config.name, ...rest].join("-");
}

/** Google Cloud label values allow only lowercase letters, digits, dashes and underscores. */
export function gcpLabels(tags: Record<string, string>): Record<string, string> {
  const clean = (s: string) =>
    s
      .toLowerCase()
      .replace(/[^a-z0-9_-]/g, "_")
      .slice(0, 63);
  return Object.fromEntries(Object.entries(tags).map(([k, v]) => [clean(k), clean(v)]));
}

export interface VpnInputs {
  config: EnvironmentConfig;
  hubs: readonly HubModel[];
  vnets: readonly VnetModel[];
  layers: readonly LayerModel[];
  tags: Record<string, string>;
  parts: PartsOf;
}

export function resolveVpn({ config, hubs, vnets, layers, tags, parts }: VpnInputs): VpnModel {
  const hub = hubs.find((h) => h.hasVpnGateway) as HubModel;
  const vnet = vnets.find((v) => v.key === hub.vnetKey) as VnetModel;
  const gatewaySubnet = vnet.subnets.find((s) => s.kind === "gateway");
  if (!gatewaySubnet) throw new Error(`hub VNet ${vnet.key} has no GatewaySubnet`);
  const region = hub.region;
  const { azure, aws, gcp } = config.multicloud;
  const gatewayName = resourceName("vpnGateway", parts("hub", region));
  const gatewayId = resourceId(hub.subscriptionId, hub.resourceGroup, "Microsoft.Network/virtualNetworkGateways", gatewayName);
  const multicloudRg = layers.find((l) => l.kind === "multicloud")?.resourceGroups[region];
  if (!multicloudRg) throw new Error(`the multicloud layer has no resource group in ${region}`);

  const tunnels: Omit<VpnTunnelModel, "customBgpIpAddresses">[] = [];
  // AWS: connection c ends on Azure instance c; its tunnel t uses /30 number c of 169.254.(21+t).0/24.
  for (const c of [0, 1] as const) {
    for (const t of [0, 1] as const) {
      const insideCidr = apipa(t, c);
      const suffix = `c${c + 1}t${t + 1}`;
      tunnels.push({
        key: `aws-${suffix}`,
        cloud: "aws",
        azureInstance: c,
        remoteConnection: c,
        remoteTunnel: t + 1,
        insideCidr,
        remoteBgpIp: nthAddress(insideCidr, 1),
        azureBgpIp: nthAddress(insideCidr, 2),
        remoteAsn: aws.asn,
        localNetworkGatewayName: resourceName("localNetworkGateway", parts("aws", region, suffix)),
        connectionName: resourceName("vpnConnection", parts("aws", region, suffix)),
      });
    }
  }
  // GCP: HA VPN interface i ends on Azure instance i; /30 number 2 of 169.254.(21+i).0/24, after AWS's.
  for (const i of [0, 1] as const) {
    const insideCidr = apipa(i, 2);
    tunnels.push({
      key: `gcp-if${i}`,
      cloud: "gcp",
      azureInstance: i,
      remoteConnection: i,
      remoteTunnel: 1,
      insideCidr,
      remoteBgpIp: nthAddress(insideCidr, 1),
      azureBgpIp: nthAddress(insideCidr, 2),
      remoteAsn: gcp.asn,
      localNetworkGatewayName: resourceName("localNetworkGateway", parts("gcp", region, `if${i}`)),
      connectionName: resourceName("vpnConnection", parts("gcp", region, `if${i}`)),
      gcp: {
        tunnelName: cloudName("vpn", config, "azure", String(i)),
        routerInterfaceName: cloudName("if", config, "azure", String(i)),
        routerPeerName: cloudName("bgp", config, "azure", String(i)),
      },
    });
  }

  const instances = ([0, 1] as const).map((index): VpnGatewayInstanceModel => {
    const ipConfigurationName = `ipconfig${index + 1}`;
    return {
      index,
      publicIpName: resourceName("publicIp", parts("hub", region, `vpng${index + 1}`)),
      ipConfigurationName,
      ipConfigurationId: `${gatewayId}/ipConfigurations/${ipConfigurationName}`,
      customBgpIps: tunnels.filter((t) => t.azureInstance === index).map((t) => t.azureBgpIp),
    };
  }) as [VpnGatewayInstanceModel, VpnGatewayInstanceModel];

  return {
    gateway: {
      name: gatewayName,
      id: gatewayId,
      region,
      resourceGroup: hub.resourceGroup,
      subscriptionId: hub.subscriptionId,
      vnetKey: vnet.key,
      gatewaySubnetId: gatewaySubnet.id,
      sku: azure.gatewaySku,
      // VpnGw1AZ exists only in Generation1; the larger AZ SKUs run best as Generation2.
      generation: azure.gatewaySku === "VpnGw1AZ" ? "Generation1" : "Generation2",
      asn: azure.asn,
      // Zone-redundant public IPs where the region has zones; a zoneless primary region gets a regional gateway.
      zones: supports("vpnGateway", "zoneRedundancy", region) ? [...REGIONS[region].availabilityZones] : [],
      instances,
      logAnalyticsWorkspaceId: hub.logAnalyticsWorkspaceId,
    },
    connectionsResourceGroup: multicloudRg.name,
    aws: {
      region: aws.region,
      asn: aws.asn,
      ranges: [...aws.ranges],
      transitGatewayName: cloudName("tgw", config, "azure"),
      connections: ([0, 1] as const).map((i) => ({
        name: cloudName("vpn", config, "azure", String(i)),
        customerGatewayName: cloudName("cgw", config, "azure", String(i)),
        azureInstance: i,
      })),
      tags,
    },
    gcp: {
      region: gcp.region,
      project: gcp.project ?? `${config.organization}-${config.name}-network`,
      network: gcp.network ?? `${config.organization}-${config.name}`,
      asn: gcp.asn,
      ranges: [...gcp.ranges],
      haVpnGatewayName: cloudName("vpn", config, "azure"),
      externalVpnGatewayName: cloudName("peer", config, "azure"),
      routerName: cloudName("cr", config, "azure"),
      labels: gcpLabels(tags),
    },
    // A connection names the APIPA address of both instances; only the one of the tunnel's instance is
    // used, the other gets the instance's first address as a placeholder (Azure requires both).
    tunnels: tunnels.map((t) => ({
      ...t,
      customBgpIpAddresses: instances.map((inst) => ({
        ipConfigurationId: inst.ipConfigurationId,
        customBgpIpAddress: inst.index === t.azureInstance ? t.azureBgpIp : (inst.customBgpIps[0] as string),
      })),
    })),
  };
}

/** The ASN rules of the three clouds; every finding names its field. */
export function vpnFindings(config: EnvironmentConfig, file: string): ConfigFinding[] {
  const findings: ConfigFinding[] = [];
  const error = (path: string, message: string, source?: string) =>
    findings.push({ severity: "error", file, path, message, ...(source ? { source } : {}) });
  const { azure, aws, gcp } = config.multicloud;

  if ((AZURE_RESERVED_ASNS.includes(azure.asn) && azure.asn !== 65515) || IANA_RESERVED(azure.asn)) {
    error("multicloud.azure.asn", `ASN ${azure.asn} is reserved; use a private ASN such as 65515 (the default)`, BGP_FAQ);
  }
  for (const [cloud, peer] of [
    ["aws", aws],
    ["gcp", gcp],
  ] as const) {
    if (AZURE_RESERVED_ASNS.includes(peer.asn)) {
      error(
        `multicloud.${cloud}.asn`,
        `ASN ${peer.asn} is reserved by Azure and cannot be a BGP peer of the VPN gateway`,
        BGP_FAQ,
      );
    }
  }
  if (!privateAsn(aws.asn)) {
    error(
      "multicloud.aws.asn",
      `ASN ${aws.asn} cannot be a transit gateway's Amazon-side ASN: use 64512-65534 or 4200000000-4294967294`,
      "https://docs.aws.amazon.com/vpc/latest/tgw/tgw-transit-gateways.html",
    );
  }
  if (!privateAsn(gcp.asn) && gcp.asn !== 16550) {
    error(
      "multicloud.gcp.asn",
      `ASN ${gcp.asn} cannot be a Cloud Router's ASN: use 64512-65534, 4200000000-4294967294 or 16550`,
      "https://cloud.google.com/network-connectivity/docs/router/concepts/overview",
    );
  }
  if (aws.asn === azure.asn)
    error("multicloud.aws.asn", `must differ from multicloud.azure.asn (${azure.asn}): eBGP needs two ASNs`);
  if (gcp.asn === azure.asn)
    error("multicloud.gcp.asn", `must differ from multicloud.azure.asn (${azure.asn}): eBGP needs two ASNs`);
  if (gcp.asn === aws.asn) {
    error(
      "multicloud.gcp.asn",
      `must differ from multicloud.aws.asn (${aws.asn}): Azure would drop one cloud's routes as a loop`,
    );
  }

  return findings;
}
