/**
 * The hub and the spokes as the plan records them: the flows of the design, checked on the inputs sent to
 * Azure (routes, DNS servers, peerings, NAT, firewall policy), not just the presence of resources.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import {
  containsAddress,
  type EnvironmentModel,
  type HubModel,
  loadModel,
  overlaps,
  privateDnsZones,
  resolveConfig,
  type VnetModel,
  within,
} from "@plugilo/model";
import { hasErrors, type PlanResult, planEnvironment } from "@plugilo/plan";
import type { PlannedResource } from "@plugilo/policy";

interface Route {
  name: string;
  addressPrefix: string;
  nextHopType: string;
  nextHopIpAddress?: string;
}
interface Subnet {
  name: string;
  addressPrefix: string;
  routeTable?: { id: string };
  networkSecurityGroup?: { id: string };
  natGateway?: { id: string };
  delegations?: { serviceName: string }[];
}

interface Planned {
  model: EnvironmentModel;
  plan: PlanResult;
}
const envs: Record<string, Planned> = {};

before(async () => {
  for (const env of ["prod", "dev"]) {
    const model = loadModel(env);
    envs[env] = { model, plan: await planEnvironment(model) };
  }
});

const of = (p: PlanResult, type: string, stack?: string) =>
  p.resources.filter((r) => r.type === `azure-native:${type}` && (stack === undefined || r.stack === stack));
const last = (id: string) => id.split("/").pop() as string;
const hubIn = (m: EnvironmentModel, region: string) => m.hubs.find((h) => h.region === region) as HubModel;
const vnetNamed = (m: EnvironmentModel, name: unknown) => m.vnets.find((v) => v.name === name) as VnetModel;
function routeTable(p: PlanResult, id: string): PlannedResource {
  const table = of(p, "network:RouteTable").find((r) => r.inputs.routeTableName === last(id));
  assert.ok(table, `no route table ${id}`);
  return table;
}
const routesOf = (table: PlannedResource) => table.inputs.routes as Route[];
const subnetsOf = (vnet: PlannedResource) => vnet.inputs.subnets as Subnet[];
/** The subscription a resource deploys into: the subscriptionId of its provider. */
function subscriptionOf(p: PlanResult, r: PlannedResource): string | undefined {
  return p.resources.find((x) => x.urn === r.provider)?.inputs.subscriptionId as string | undefined;
}

for (const env of ["prod", "dev"]) {
  describe(`hub and spokes (${env})`, () => {
    const get = () => envs[env] as Planned;

    it("plans every stack, the hub and multicloud among them, with no error findings", () => {
      const { plan } = get();
      assert.equal(hasErrors(plan), false, JSON.stringify(plan.findings.filter((f) => f.severity === "error")));
      const stacks = plan.stacks.map((s) => s.name);
      for (const name of ["hub", "multicloud", "edge", "data"]) assert.ok(stacks.includes(name), name);
      assert.ok((plan.stacks.find((s) => s.name === "hub")?.resourceCount ?? 0) > 50);
    });

    it("routes 0.0.0.0/0 of every spoke workload subnet to its own region's firewall, BGP routes off", () => {
      const { model, plan } = get();
      let checked = 0;
      for (const vnet of of(plan, "network:VirtualNetwork").filter((r) => r.stack !== "hub")) {
        const planned = vnetNamed(model, vnet.inputs.virtualNetworkName);
        const firewall = hubIn(model, String(vnet.inputs.location)).firewallPrivateIp;
        for (const subnet of subnetsOf(vnet)) {
          const kind = planned.subnets.find((s) => s.name === subnet.name)?.kind;
          assert.ok(subnet.routeTable, `${planned.name}/${subnet.name} has no route table`);
          const table = routeTable(plan, subnet.routeTable.id);
          assert.equal(table.inputs.disableBgpRoutePropagation, true, table.name);
          assert.equal(table.inputs.location, planned.region);
          if (kind === "appgw") continue;
          const routes = routesOf(table);
          assert.deepEqual(routes, [
            {
              name: "default-via-firewall",
              addressPrefix: "0.0.0.0/0",
              nextHopType: "VirtualAppliance",
              nextHopIpAddress: firewall,
            },
          ]);
          checked++;
        }
      }
      assert.ok(checked >= (env === "prod" ? 10 : 8), `only ${checked} workload subnets checked`);
    });

    it("the firewall's private IP as Azure reports it is the next hop and DNS server the spokes use", () => {
      const { model, plan } = get();
      const hubs = plan.outputs.hub?.hubs as Record<string, { firewallPrivateIp: string }>;
      for (const hub of model.hubs) {
        assert.equal(hubs[hub.region]?.firewallPrivateIp, hub.firewallPrivateIp, hub.region);
        const subnet = model.vnets.find((v) => v.key === hub.vnetKey)?.subnets.find((s) => s.name === "AzureFirewallSubnet");
        assert.ok(subnet && containsAddress(subnet.cidr, hub.firewallPrivateIp));
      }
    });

    it("routes each cluster spoke prefix from the Application Gateway subnets to the firewall, and no 0.0.0.0/0", () => {
      const { model, plan } = get();
      const clusterPrefixes = model.vnets.filter((v) => v.kind === "cluster").map((v) => v.cidr);
      const edges = of(plan, "network:VirtualNetwork", "edge");
      assert.equal(edges.length, 2);
      for (const vnet of edges) {
        const appgw = subnetsOf(vnet).find((s) => s.name.includes("-agw-") && !s.name.includes("agw-pl"));
        assert.ok(appgw?.routeTable, `${vnet.name} has no routed Application Gateway subnet`);
        const routes = routesOf(routeTable(plan, appgw.routeTable.id));
        const firewall = hubIn(model, String(vnet.inputs.location)).firewallPrivateIp;
        assert.deepEqual(routes.map((r) => r.addressPrefix).sort(), [...clusterPrefixes].sort());
        for (const r of routes) assert.deepEqual([r.nextHopType, r.nextHopIpAddress], ["VirtualAppliance", firewall]);
        assert.ok(!routes.some((r) => r.addressPrefix === "0.0.0.0/0"));
        // A UDR must not cover the firewall's own subnet.
        for (const hub of model.vnets.filter((v) => v.kind === "hub")) {
          assert.ok(!routes.some((r) => overlaps(r.addressPrefix, hub.cidr)), `${vnet.name} routes over ${hub.name}`);
        }
      }
    });

    it("never sends AzureFirewallSubnet or GatewaySubnet to a virtual appliance by default route", () => {
      const { model, plan } = get();
      for (const vnet of of(plan, "network:VirtualNetwork", "hub")) {
        for (const subnet of subnetsOf(vnet)) {
          if (!subnet.routeTable) continue;
          const table = routeTable(plan, subnet.routeTable.id);
          assert.equal(table.inputs.disableBgpRoutePropagation, false, `${subnet.name} must keep the VPN's BGP routes`);
          const defaults = routesOf(table).filter((r) => r.addressPrefix === "0.0.0.0/0");
          if (subnet.name === "AzureFirewallSubnet")
            assert.deepEqual(
              defaults.map((r) => r.nextHopType),
              ["Internet"],
            );
          else assert.deepEqual(defaults, []);
        }
      }
      // The firewall reaches the other region's spokes through the other firewall.
      for (const hub of model.hubs) {
        const vnet = of(plan, "network:VirtualNetwork", "hub").find((v) => v.inputs.virtualNetworkName === hub.vnetName);
        const subnet = subnetsOf(vnet as PlannedResource).find((s) => s.name === "AzureFirewallSubnet") as Subnet;
        const other = model.hubs.find((h) => h !== hub) as HubModel;
        const block = model.addressPlan.regionBlocks.find((b) => b.region === other.region)?.cidr;
        const routes = routesOf(routeTable(plan, subnet.routeTable?.id ?? ""));
        assert.ok(routes.some((r) => r.addressPrefix === block && r.nextHopIpAddress === other.firewallPrivateIp));
      }
    });

    it("inspects traffic from AWS and GCP: GatewaySubnet routes the primary region's spokes to the firewall", () => {
      const { model, plan } = get();
      const primary = model.hubs.find((h) => h.hasVpnGateway) as HubModel;
      const vnet = of(plan, "network:VirtualNetwork", "hub").find((v) => v.inputs.virtualNetworkName === primary.vnetName);
      const gateway = subnetsOf(vnet as PlannedResource).find((s) => s.name === "GatewaySubnet") as Subnet;
      const routes = routesOf(routeTable(plan, gateway.routeTable?.id ?? ""));
      const spokes = model.vnets.filter((v) => v.kind !== "hub" && v.region === primary.region).map((v) => v.cidr);
      assert.deepEqual(routes.map((r) => r.addressPrefix).sort(), spokes.sort());
      for (const r of routes) assert.equal(r.nextHopIpAddress, primary.firewallPrivateIp);
    });

    it("puts a StandardV2 NAT gateway with StandardV2 public IPs on each AzureFirewallSubnet", () => {
      const { model, plan } = get();
      // StandardV2 goes through the generic ARM resource with a 2025 API version (ADR 0012).
      const arm = (resourceType: string) =>
        of(plan, "resources:Resource").filter(
          (r) => r.inputs.resourceProviderNamespace === "Microsoft.Network" && r.inputs.resourceType === resourceType,
        );
      const nats = arm("natGateways");
      assert.equal(nats.length, model.hubs.length);
      for (const hub of model.hubs) {
        const nat = nats.find((n) => n.inputs.resourceName === hub.natGatewayName);
        assert.ok(nat, hub.natGatewayName);
        assert.deepEqual(nat.inputs.sku, { name: "StandardV2" });
        assert.match(String(nat.inputs.apiVersion), /^2025-/);
        const properties = nat.inputs.properties as { publicIpAddresses: { id: string }[] };
        const ips = properties.publicIpAddresses.map((ip) => last(ip.id));
        assert.deepEqual(ips, hub.natPublicIpNames);
        assert.equal(ips.length, model.config.hub.natPublicIps);
        for (const ip of ips) {
          const pip = arm("publicIPAddresses").find((r) => r.inputs.resourceName === ip);
          assert.equal((pip?.inputs.sku as { name: string } | undefined)?.name, "StandardV2");
        }
        const vnet = of(plan, "network:VirtualNetwork", "hub").find((v) => v.inputs.virtualNetworkName === hub.vnetName);
        const firewallSubnet = subnetsOf(vnet as PlannedResource).find((s) => s.name === "AzureFirewallSubnet");
        assert.equal(firewallSubnet?.natGateway?.id, hub.natGatewayId);
        assert.ok(!subnetsOf(vnet as PlannedResource).some((s) => s.name !== "AzureFirewallSubnet" && s.natGateway));
      }
      // The summary's capacity: 64,512 SNAT ports per NAT IP.
      assert.deepEqual(
        plan.outputs.hub?.snatPortCapacity,
        Object.fromEntries(model.hubs.map((h) => [h.region, 64_512 * model.config.hub.natPublicIps])),
      );
    });

    it("runs Azure Firewall Premium with its own public IP, zones 1-3 in germanywestcentral and none in germanynorth", () => {
      const { model, plan } = get();
      for (const hub of model.hubs) {
        const fw = of(plan, "network:AzureFirewall").find((f) => f.inputs.azureFirewallName === hub.firewallName);
        assert.ok(fw, hub.firewallName);
        assert.deepEqual(fw.inputs.sku, { name: "AZFW_VNet", tier: "Premium" });
        assert.deepEqual(fw.inputs.zones, hub.region === "germanywestcentral" ? ["1", "2", "3"] : undefined);
        assert.equal(last((fw.inputs.firewallPolicy as { id: string }).id), hub.firewallPolicyName);
        const [config] = fw.inputs.ipConfigurations as { subnet: { id: string }; publicIPAddress: { id: string } }[];
        assert.equal(last(config?.subnet.id ?? ""), "AzureFirewallSubnet");
        assert.equal(last(config?.publicIPAddress.id ?? ""), hub.firewallPublicIpName);
      }
    });

    it("sets the policy: Premium, threat intel Deny, IDPS per environment, DNS proxy on, TLS inspection off", () => {
      const { model, plan } = get();
      const policies = of(plan, "network:FirewallPolicy");
      assert.equal(policies.length, 2);
      for (const p of policies) {
        assert.deepEqual(p.inputs.sku, { tier: "Premium" });
        assert.equal(p.inputs.threatIntelMode, "Deny");
        assert.equal((p.inputs.intrusionDetection as { mode: string }).mode, env === "prod" ? "Deny" : "Alert");
        assert.deepEqual(p.inputs.dnsSettings, { enableProxy: true });
        assert.equal(p.inputs.transportSecurity, undefined);
        assert.equal(p.inputs.identity, undefined);
      }
      assert.equal(model.firewallPolicy.tlsInspection.enabled, false);
    });

    it("sets the IDPS private ranges explicitly, covering every range of the environment (AppGW included)", () => {
      const { model, plan } = get();
      const routable = model.reservations.filter((r) => r.routable).map((r) => r.cidr);
      const appgw = model.vnets.flatMap((v) => v.subnets.filter((s) => s.kind === "appgw").map((s) => s.cidr));
      for (const p of of(plan, "network:FirewallPolicy")) {
        const ranges = (p.inputs.intrusionDetection as { configuration: { privateRanges: string[] } }).configuration
          .privateRanges;
        for (const cidr of [...routable, ...appgw, ...model.vnets.map((v) => v.cidr)]) {
          assert.ok(
            ranges.some((r) => within(cidr, r)),
            `${p.name}: ${cidr} is not an IDPS private range`,
          );
        }
      }
    });

    it("allows the inbound path: Application Gateway subnets to every cluster's ingress ILB on 443", () => {
      const { model, plan } = get();
      const appgw = model.vnets.flatMap((v) => v.subnets.filter((s) => s.kind === "appgw").map((s) => s.cidr)).sort();
      for (const group of of(plan, "network:FirewallPolicyRuleCollectionGroup").filter(
        (g) => g.inputs.ruleCollectionGroupName === "rcg-inbound",
      )) {
        const rules = (group.inputs.ruleCollections as { rules: Record<string, unknown>[] }[]).flatMap((c) => c.rules);
        const rule = rules.find((r) => r.name === "appgw-to-cluster-ingress");
        assert.ok(rule, group.name);
        assert.deepEqual([...(rule.sourceAddresses as string[])].sort(), appgw);
        assert.deepEqual(
          rule.destinationAddresses,
          model.clusters.map((c) => `${c.ingressIp}/32`),
        );
        assert.deepEqual(rule.destinationPorts, ["443"]);
        assert.deepEqual(rule.ipProtocols, ["TCP"]);
      }
    });

    it("allows AKS egress from each region's node subnets: the FQDN tag and the required network rules", () => {
      const { model, plan } = get();
      for (const hub of model.hubs) {
        const group = of(plan, "network:FirewallPolicyRuleCollectionGroup").find(
          (g) => g.inputs.ruleCollectionGroupName === "rcg-aks-egress" && g.name.startsWith(hub.firewallPolicyName),
        );
        assert.ok(group, `${hub.region} has no AKS egress rules`);
        const nodes = model.vnets
          .filter((v) => v.kind === "cluster" && v.region === hub.region)
          .flatMap((v) => v.subnets.filter((s) => s.kind === "aksNodes").map((s) => s.cidr));
        const rules = (group.inputs.ruleCollections as { rules: Record<string, unknown>[] }[]).flatMap((c) => c.rules);
        const tag = rules.find((r) => (r.fqdnTags as string[] | undefined)?.includes("AzureKubernetesService"));
        assert.deepEqual(tag?.sourceAddresses, nodes);
        for (const [port, protocol] of [
          ["1194", "UDP"],
          ["9000", "TCP"],
        ]) {
          const rule = rules.find((r) => (r.destinationPorts as string[] | undefined)?.includes(port as string));
          assert.deepEqual(rule?.destinationAddresses, [`AzureCloud.${hub.region}`]);
          assert.deepEqual(rule?.ipProtocols, [protocol]);
        }
      }
    });

    it("gives every spoke VNet the firewall of its region as DNS server (DNS proxy)", () => {
      const { model, plan } = get();
      for (const vnet of of(plan, "network:VirtualNetwork").filter((r) => r.stack !== "hub")) {
        const firewall = hubIn(model, String(vnet.inputs.location)).firewallPrivateIp;
        assert.deepEqual(vnet.inputs.dhcpOptions, { dnsServers: [firewall] }, vnet.name);
      }
    });

    it("peers the hubs with each other, both directions, the secondary using the primary's VPN gateway", () => {
      const { model, plan } = get();
      const [primary, secondary] = [
        model.hubs.find((h) => h.hasVpnGateway),
        model.hubs.find((h) => !h.hasVpnGateway),
      ] as HubModel[];
      const hubPeerings = of(plan, "network:VirtualNetworkPeering", "hub");
      assert.equal(hubPeerings.length, 2);
      const from = (h: HubModel) => hubPeerings.find((p) => p.inputs.virtualNetworkName === h.vnetName);
      const to = (p: PlannedResource | undefined) => (p?.inputs.remoteVirtualNetwork as { id: string } | undefined)?.id;
      assert.equal(to(from(primary as HubModel)), secondary?.vnetId);
      assert.equal(to(from(secondary as HubModel)), primary?.vnetId);
      assert.equal(from(primary as HubModel)?.inputs.allowGatewayTransit, true);
      assert.equal(from(secondary as HubModel)?.inputs.useRemoteGateways, true);
    });

    it("peers every spoke with its own region's hub only, both directions; no spoke-to-spoke peering", () => {
      const { model, plan } = get();
      const peerings = of(plan, "network:VirtualNetworkPeering");
      for (const p of peerings) {
        const local = vnetNamed(model, p.inputs.virtualNetworkName);
        const remote = model.vnets.find((v) => v.id === (p.inputs.remoteVirtualNetwork as { id: string }).id);
        assert.ok(local && remote, p.name);
        assert.ok(local.kind === "hub" || remote.kind === "hub", `${p.name} peers two spokes`);
        if (local.kind !== "hub" || remote.kind !== "hub") assert.equal(local.region, remote.region, `${p.name} crosses regions`);
        // Each side is created in its own subscription: the hub's side with the Hub subscription's provider.
        assert.equal(subscriptionOf(plan, p), local.subscriptionId, p.name);
        assert.equal(p.inputs.allowForwardedTraffic, true);
      }
      for (const spoke of model.vnets.filter((v) => v.kind !== "hub")) {
        const hub = hubIn(model, spoke.region);
        const out = peerings.filter((p) => p.inputs.virtualNetworkName === spoke.name);
        const back = peerings.filter(
          (p) =>
            p.inputs.virtualNetworkName === hub.vnetName && (p.inputs.remoteVirtualNetwork as { id: string }).id === spoke.id,
        );
        assert.deepEqual(
          out.map((p) => (p.inputs.remoteVirtualNetwork as { id: string }).id),
          [hub.vnetId],
          spoke.name,
        );
        assert.equal(back.length, 1, `${hub.vnetName} has no peering back to ${spoke.name}`);
        // The primary region's spokes use the VPN gateway so it advertises them to AWS and GCP.
        assert.equal(out[0]?.inputs.useRemoteGateways, hub.hasVpnGateway);
        assert.equal(back[0]?.inputs.allowGatewayTransit, hub.hasVpnGateway);
      }
      assert.equal(peerings.length, 2 * model.vnets.filter((v) => v.kind !== "hub").length + 2);
    });

    it("creates a private DNS zone for every Private Link service, linked to both hub VNets (regional copies to their own hub)", () => {
      const { model, plan } = get();
      const zones = of(plan, "privatedns:PrivateZone").map((z) => z.inputs.privateZoneName);
      const regional = ["privatelink.vaultcore.azure.net", "privatelink.azurecr.io", "privatelink.mongo.cosmos.azure.com"];
      const expected = privateDnsZones(model.regions.all).map((z) => z.name);
      // Key Vault, registry and Cosmos DB have an endpoint in each region: one zone per region (ADR 0102).
      assert.deepEqual([...zones].sort(), [...expected, ...regional].sort());
      for (const name of [
        "private.germanywestcentral.azmk8s.io",
        "private.germanynorth.azmk8s.io",
        "privatelink.redis.azure.net",
      ]) {
        assert.ok(zones.includes(name), name);
      }
      const links = of(plan, "privatedns:VirtualNetworkLink");
      for (const zone of expected.filter((z) => !regional.includes(z))) {
        const linked = links
          .filter((l) => l.inputs.privateZoneName === zone)
          .map((l) => (l.inputs.virtualNetwork as { id: string }).id)
          .sort();
        assert.deepEqual(linked, model.hubs.map((h) => h.vnetId).sort(), zone);
      }
      for (const zone of regional) {
        for (const hub of model.hubs) {
          const linked = links
            .filter((l) => l.inputs.privateZoneName === zone && l.inputs.resourceGroupName === hub.resourceGroup)
            .map((l) => (l.inputs.virtualNetwork as { id: string }).id);
          assert.deepEqual(linked, [hub.vnetId], `${zone} in ${hub.region}`);
        }
      }
    });

    it("hosts the public zones and exports their name servers for the registrar", () => {
      const { model, plan } = get();
      const zones = of(plan, "dns:Zone");
      // Each domain and its delegated ACME challenge child zone (acme-challenge-zone.test.ts).
      assert.deepEqual(
        zones.map((z) => z.inputs.zoneName),
        model.config.hub.publicDnsZones.flatMap((z) => [z, `acme.${z}`]),
      );
      // The program wires the DNS resource group and protection in (the literal values: acme-challenge-zone.test.ts).
      for (const z of zones)
        assert.deepEqual([z.inputs.resourceGroupName, z.protect], [model.dns.resourceGroup, model.protectStateful]);
      if (model.name === "prod") assert.equal(model.dns.resourceGroup, "rg-plugilo-hub-prod-gwc");

      const ns = plan.outputs.hub?.publicDnsNameServers as Record<string, string[]>;
      for (const zone of model.config.hub.publicDnsZones) assert.equal(ns[zone]?.length, 4, zone);
    });

    it("runs an active-active, zone-redundant VPN gateway with BGP in the primary hub's GatewaySubnet", () => {
      const { model, plan } = get();
      const [gateway] = of(plan, "network:VirtualNetworkGateway");
      assert.ok(gateway);
      assert.equal(gateway.inputs.activeActive, true);
      assert.equal(gateway.inputs.enableBgp, true);
      assert.match(String((gateway.inputs.sku as { name: string }).name), /^VpnGw[1-5]AZ$/);
      assert.equal(gateway.inputs.location, model.regions.primary.name);
      const configs = gateway.inputs.ipConfigurations as { subnet: { id: string }; publicIPAddress: { id: string } }[];
      assert.equal(configs.length, 2);
      for (const c of configs) assert.equal(c.subnet.id, model.vpn.gateway.gatewaySubnetId);
      for (const id of configs.map((c) => last(c.publicIPAddress.id))) {
        const pip = of(plan, "network:PublicIPAddress").find((r) => r.inputs.publicIpAddressName === id);
        assert.deepEqual(pip?.inputs.zones, ["1", "2", "3"]);
      }
    });

    it("sends the firewall's, the NAT gateway's and every VNet's diagnostics to its region's workspace", () => {
      const { model, plan } = get();
      const settings = of(plan, "monitor:DiagnosticSetting");
      const workspaceOf = (region: string) => model.logAnalytics.find((l) => l.region === region)?.id;
      const check = (type: string, idOf: (r: PlannedResource) => string, which: (r: PlannedResource) => boolean = () => true) => {
        const resources = of(plan, type).filter(which);
        assert.ok(resources.length > 0, type);
        for (const r of resources) {
          const setting = settings.find((s) => String(s.inputs.resourceUri).toLowerCase() === idOf(r).toLowerCase());
          assert.ok(setting, `${r.name} has no diagnostic setting`);
          assert.equal(setting.inputs.workspaceId, workspaceOf(String(r.inputs.location)), r.name);
        }
      };
      const id = (r: PlannedResource, type: string, nameInput: string) =>
        `/subscriptions/${subscriptionOf(plan, r)}/resourceGroups/${r.inputs.resourceGroupName}/providers/Microsoft.Network/${type}/${r.inputs[nameInput]}`;
      check("network:AzureFirewall", (r) => id(r, "azureFirewalls", "azureFirewallName"));
      const natGateways = (r: PlannedResource) => r.inputs.resourceType === "natGateways";
      check("resources:Resource", (r) => id(r, String(r.inputs.resourceType), "resourceName"), natGateways);
      check("network:VirtualNetwork", (r) => id(r, "virtualNetworks", "virtualNetworkName"));
      const firewallSetting = settings.find((s) => String(s.inputs.resourceUri).includes("/azureFirewalls/"));
      assert.equal(firewallSetting?.inputs.logAnalyticsDestinationType, "Dedicated");
    });
  });
}

describe("TLS inspection, when the configuration turns it on", () => {
  let plan: PlanResult;
  const vault =
    "/subscriptions/00000000-0000-0000-0003-000000000006/resourceGroups/rg-plugilo-data-prod-gwc/providers/Microsoft.KeyVault/vaults/kv-plugilo-data-prod";
  const secret = "https://kv-plugilo-data-prod.vault.azure.net/secrets/tls-ca";

  before(async () => {
    const base = loadModel("prod");
    const config = structuredClone(base.config);
    config.hub.tlsInspection = { enabled: true, keyVaultId: vault, caCertificateSecretId: secret };
    plan = await planEnvironment(resolveConfig(config, base.file), { only: ["hub"] });
  });

  it("gives both policies the CA from Key Vault through an identity that may read it", () => {
    assert.equal(hasErrors(plan), false);
    const [identity] = of(plan, "managedidentity:UserAssignedIdentity");
    assert.equal(identity?.inputs.resourceName, "id-plugilo-hub-prod-gwc-afwp");
    const [grant] = of(plan, "authorization:RoleAssignment");
    assert.equal(grant?.inputs.scope, vault);
    assert.match(String(grant?.inputs.roleDefinitionId), /4633458b-17de-408a-b874-0445c86b69e6$/);
    for (const p of of(plan, "network:FirewallPolicy")) {
      assert.deepEqual(p.inputs.transportSecurity, {
        certificateAuthority: { name: "tls-inspection-ca", keyVaultSecretId: secret },
      });
      assert.equal((p.inputs.identity as { type: string }).type, "UserAssigned");
    }
  });

  it("inspects the third-party hosts only, never Microsoft's endpoints", () => {
    const rules = of(plan, "network:FirewallPolicyRuleCollectionGroup").flatMap((g) =>
      (g.inputs.ruleCollections as { rules: Record<string, unknown>[] }[]).flatMap((c) => c.rules),
    );
    const inspected = new Set(rules.filter((r) => r.terminateTLS === true).map((r) => r.name));
    assert.deepEqual([...inspected].sort(), ["allowed-fqdns", "package-registries"]);
  });
});
