/**
 * Layer hub (Hub subscription): per region a hub VNet, Azure Firewall Premium with its policy and a
 * StandardV2 NAT gateway on AzureFirewallSubnet; the hubs peered globally; private DNS zones for every
 * Private Link service, linked to both hubs; the public DNS zones; the VPN gateway to AWS and GCP in the
 * primary hub. Spokes peer with their hub from their own layers (the Spoke component).
 */
import { MetricAlerts, subscriptionProviders } from "@plugilo/components";
import { alertActionGroup, type EnvironmentModel, type HubModel, metricAlerts, type VnetModel } from "@plugilo/model";
import type * as pulumi from "@pulumi/pulumi";
import { RegionalFirewallPolicy } from "./firewall-policy.ts";
import { ruleCollectionGroups } from "./firewall-rules.ts";

import { HubNetwork } from "./hub-network.ts";
import { HubPeering } from "./hub-peering.ts";
import { NatEgress } from "./nat-egress.ts";
import { PrivateDnsZones } from "./private-dns-zones.ts";
import { PublicDnsZones } from "./public-dns-zones.ts";
import { RegionalFirewall } from "./regional-firewall.ts";
import { TlsInspectionIdentity } from "./tls-inspection-identity.ts";
import { VpnGateway } from "./vpn-gateway.ts";

export function hub(model: EnvironmentModel) {
  const hubProvider = subscriptionProviders(model)("hub");
  // Every resource of this layer lives in the Hub subscription: children inherit the provider.
  const inHub = { providers: [hubProvider] };
  const tags = { ...model.tags, layer: "hub" };
  const vnetOf = (h: HubModel) => model.vnets.find((v) => v.key === h.vnetKey) as VnetModel;
  const primary = model.hubs.find((h) => h.hasVpnGateway) as HubModel;

  const tls = model.firewallPolicy.tlsInspection;
  const tlsIdentity = tls.enabled
    ? new TlsInspectionIdentity(
        "tls-inspection",
        {
          hub: primary,
          keyVaultId: tls.keyVaultId,
          identityName: tls.identityName,
          hubSubscriptionId: model.subscriptions.hub,
          tags,
        },
        inHub,
      )
    : undefined;

  const hubVnets: Record<string, pulumi.CustomResource> = {};
  const regions = model.hubs.map((h) => {
    const vnet = vnetOf(h);
    const nat = new NatEgress(`nat-${h.region}`, { hub: h, tags }, inHub);
    const network = new HubNetwork(`hub-${h.region}`, { hub: h, vnet, natGatewayId: nat.natGateway.id, tags }, inHub);
    hubVnets[h.vnetKey] = network.virtualNetwork;
    const policy = new RegionalFirewallPolicy(
      `policy-${h.region}`,
      {
        settings: model.firewallPolicy,
        hub: h,
        ruleCollectionGroups: ruleCollectionGroups(model, h),
        tags,
        ...(tlsIdentity ? { tlsIdentityId: tlsIdentity.identity.id } : {}),
      },
      inHub,
    );
    const firewall = new RegionalFirewall(
      `firewall-${h.region}`,
      {
        hub: h,
        vnet,
        firewallPolicyId: policy.policy.id,
        tags,
        dependsOn: [network.virtualNetwork, ...policy.ruleCollectionGroups],
      },
      inHub,
    );
    return { hub: h, nat, firewall };
  });

  // Firewall health, SNAT port use, NAT gateway SNAT exhaustion (packages/model/src/foundation/metric-alerts.ts).
  new MetricAlerts(
    "alerts",
    {
      alerts: metricAlerts(model).filter((a) => a.layer === "hub"),
      actionGroupId: alertActionGroup(model).id,
      tags,
      dependsOn: regions.flatMap((r) => [r.firewall.firewall, r.nat.natGateway]),
    },
    inHub,
  );

  const vpn = new VpnGateway("vpn", { vpn: model.vpn, tags, hubVnet: hubVnets[primary.vnetKey] as pulumi.Resource }, inHub);
  new HubPeering("hub-peering", { peerings: model.peerings, vnets: model.vnets, hubVnets, vpnGateway: vpn.gateway }, inHub);
  new PrivateDnsZones("private-dns", { dns: model.dns, vnets: model.vnets, tags, hubVnets }, inHub);
  const publicDns = new PublicDnsZones(
    "public-dns",
    { zones: model.dns.publicZones, resourceGroup: model.dns.resourceGroup, protect: model.protectStateful, tags },
    inHub,
  );

  return {
    hubs: Object.fromEntries(
      regions.map(({ hub: h, firewall }) => [
        h.region,
        {
          vnetId: h.vnetId,
          firewallId: firewall.firewall.id,
          // As Azure reports it: the spokes' routes and DNS use the model's value, which must equal this.
          firewallPrivateIp: firewall.firewall.ipConfigurations.apply((c) => c?.[0]?.privateIPAddress),
        },
      ]),
    ),
    // Outbound capacity of each hub's NAT gateway: 64,512 SNAT ports per public IP.
    snatPortCapacity: Object.fromEntries(model.hubs.map((h) => [h.region, h.snatPorts])),
    natPublicIps: Object.fromEntries(
      regions.map(({ hub: h, nat }) => [
        h.region,
        nat.publicIps.map((ip) => ip.properties.apply((p) => p?.ipAddress as string | undefined)),
      ]),
    ),
    // Enter these at the registrar to delegate each public zone to Azure DNS.
    publicDnsNameServers: publicDns.nameServers,
    vpnGatewayPublicIps: vpn.publicIps.map((ip) => ip.ipAddress),
  };
}
