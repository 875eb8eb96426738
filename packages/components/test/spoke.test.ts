/**
 * The Spoke component, planned on its own offline (@plugilo/testing): first with a spoke built by hand from
 * literal values, so every expected value is visible here; then with spokes of prod's resolved model, for
 * what the model and the component decide together (Azure's required NSG sources, gateway transit in the
 * primary region only, the delegations the subnet catalogue asks for).
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { Spoke, subscriptionProviders, workspaceIn } from "@plugilo/components";
import { type EnvironmentModel, loadModel, type PeeringModel, type SecurityRuleModel, type VnetModel } from "@plugilo/model";

import type { PlannedResource } from "@plugilo/policy";
import { type ComponentPlan, planComponent, planFailure, TEST_SUBSCRIPTIONS } from "@plugilo/testing";

const APP1 = TEST_SUBSCRIPTIONS.app1;
const HUB = TEST_SUBSCRIPTIONS.hub;
const WORKSPACE = `/subscriptions/${TEST_SUBSCRIPTIONS.management}/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/log-gwc`;
const SPOKE_ID = `/subscriptions/${APP1}/resourceGroups/rg-net-app1/providers/Microsoft.Network/virtualNetworks/vnet-app1`;
const HUB_ID = `/subscriptions/${HUB}/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/vnet-hub-gwc`;
const subnetId = (name: string) => `${SPOKE_ID}/subnets/${name}`;

const deny: SecurityRuleModel = {
  name: "DenyAllInbound",
  priority: 4096,
  direction: "Inbound",
  access: "Deny",
  protocol: "*",
  sourceAddressPrefixes: ["*"],
  destinationPortRanges: ["*"],
  description: "nothing else",
};

const spoke: VnetModel = {
  key: "cluster-app1",
  kind: "cluster",
  name: "vnet-app1",
  id: SPOKE_ID,
  region: "germanywestcentral",
  cidr: "10.20.0.0/22",
  layer: "app1",
  resourceGroup: "rg-net-app1",
  subscription: "app1",
  subscriptionId: APP1,
  cluster: "app1",
  dnsServers: ["10.0.0.68"],
  subnets: [
    {
      kind: "aksNodes",
      name: "snet-nodes",
      id: subnetId("snet-nodes"),
      cidr: "10.20.0.0/24",
      purpose: "nodes",
      networkSecurityGroup: {
        name: "nsg-nodes",
        id: `${SPOKE_ID}/nsg-nodes`,
        rules: [
          {
            name: "AllowPodCidrInbound",
            priority: 100,
            direction: "Inbound",
            access: "Allow",
            protocol: "*",
            sourceAddressPrefixes: ["10.244.0.0/16"],
            destinationPortRanges: ["*"],
            description: "pods",
          },
          {
            name: "AllowPlatformInbound",
            priority: 200,
            direction: "Inbound",
            access: "Allow",
            protocol: "Tcp",
            sourceAddressPrefixes: ["10.0.0.0/12", "10.100.0.0/16"],
            destinationPortRanges: ["443", "8443"],
            description: "platform",
          },
          deny,
        ],
      },
      routeTable: {
        name: "rt-nodes",
        id: `${SPOKE_ID}/rt-nodes`,
        disableBgpRoutePropagation: true,
        routes: [{ name: "default", addressPrefix: "0.0.0.0/0", nextHopType: "VirtualAppliance", nextHopIpAddress: "10.0.0.68" }],
      },
    },
    {
      kind: "aksApiServer",
      name: "snet-api",
      id: subnetId("snet-api"),
      cidr: "10.20.1.0/28",
      purpose: "API server",
      delegation: "Microsoft.ContainerService/managedClusters",
      networkSecurityGroup: { name: "nsg-api", id: `${SPOKE_ID}/nsg-api`, rules: [deny] },
    },
    {
      kind: "clusterPrivateEndpoints",
      name: "snet-pe",
      id: subnetId("snet-pe"),
      cidr: "10.20.1.16/28",
      purpose: "private endpoints",
      networkSecurityGroup: { name: "nsg-pe", id: `${SPOKE_ID}/nsg-pe`, rules: [deny] },
    },
    { kind: "appgwPrivateLink", name: "snet-pls", id: subnetId("snet-pls"), cidr: "10.20.1.32/28", purpose: "Private Link" },
  ],
};
const hubVnet = {
  key: "hub-gwc",
  id: HUB_ID,
  name: "vnet-hub-gwc",
  resourceGroup: "rg-hub",
  subscription: "hub",
} as const;
const peering = (vnetKey: string, remoteVnetKey: string, hubSide: boolean): PeeringModel => ({
  name: `${vnetKey}-to-${remoteVnetKey}`,
  layer: "app1",
  vnetKey,
  remoteVnetKey,
  allowForwardedTraffic: true,
  allowGatewayTransit: hubSide,
  useRemoteGateways: !hubSide,
});
// The spoke's own side listed first, and a peering of another spoke that this one must not create.
const peerings = [
  peering("cluster-app1", "hub-gwc", false),
  peering("edge-gwc", "hub-gwc", false),
  peering("hub-gwc", "cluster-app1", true),
];

interface Subnet {
  name: string;
  addressPrefix: string;
  routeTable?: { id: string };
  networkSecurityGroup?: { id: string };
  delegations?: { name: string; serviceName: string }[];
  privateEndpointNetworkPolicies?: string;
  privateLinkServiceNetworkPolicies?: string;
  defaultOutboundAccess?: boolean;
}
const VNET = "azure-native:network:VirtualNetwork";
const NSG = "azure-native:network:NetworkSecurityGroup";
const subnetsOf = (plan: ComponentPlan) => (plan.ofType(VNET)[0]?.inputs.subnets ?? []) as Subnet[];

describe("Spoke, built by hand", () => {
  let plan: ComponentPlan;
  before(async () => {
    plan = await planComponent(({ providerFor }) => {
      new Spoke("spoke", {
        vnet: spoke,
        peerings,
        vnets: [spoke, hubVnet],
        tags: { owner: "platform" },
        workspaceId: WORKSPACE,
        providerFor,
      });
    });
  });

  it("creates the VNet in its own subscription: range, firewall as DNS server, tags with the layer", () => {
    const [vnet] = plan.ofType(VNET);
    assert.equal(plan.ofType(VNET).length, 1);
    assert.deepEqual(vnet?.inputs.addressSpace, { addressPrefixes: ["10.20.0.0/22"] });
    assert.deepEqual(vnet?.inputs.dhcpOptions, { dnsServers: ["10.0.0.68"] });
    assert.equal(vnet?.inputs.virtualNetworkName, "vnet-app1");
    assert.equal(vnet?.inputs.resourceGroupName, "rg-net-app1");
    assert.equal(vnet?.inputs.location, "germanywestcentral");
    assert.deepEqual(vnet?.inputs.tags, { owner: "platform", layer: "app1" });
    assert.equal(plan.subscriptionOf(vnet as PlannedResource), APP1);
  });

  it("puts every subnet inline with its NSG and route table, and no default outbound access", () => {
    assert.deepEqual(
      subnetsOf(plan).map((s) => [
        s.name,
        s.addressPrefix,
        s.networkSecurityGroup?.id.split("/").pop(),
        s.routeTable?.id.split("/").pop(),
      ]),
      [
        ["snet-nodes", "10.20.0.0/24", "nsg-nodes", "rt-nodes"],
        ["snet-api", "10.20.1.0/28", "nsg-api", undefined],
        ["snet-pe", "10.20.1.16/28", "nsg-pe", undefined],
        ["snet-pls", "10.20.1.32/28", undefined, undefined],
      ],
    );
    for (const s of subnetsOf(plan)) assert.equal(s.defaultOutboundAccess, false, s.name);
    assert.equal(plan.ofType(NSG).length, 3);
    const rt = plan.named("azure-native:network:RouteTable", "rt-nodes");
    assert.equal(rt.inputs.disableBgpRoutePropagation, true);
    assert.deepEqual(rt.inputs.routes, [
      { name: "default", addressPrefix: "0.0.0.0/0", nextHopType: "VirtualAppliance", nextHopIpAddress: "10.0.0.68" },
    ]);
  });

  it("sets the delegation, and the network policies private endpoints and Private Link need", () => {
    const subnet = (name: string) => subnetsOf(plan).find((s) => s.name === name);
    assert.deepEqual(subnet("snet-api")?.delegations, [
      { name: "delegation", serviceName: "Microsoft.ContainerService/managedClusters" },
    ]);
    assert.equal(subnet("snet-nodes")?.delegations, undefined);
    assert.equal(subnet("snet-pe")?.privateEndpointNetworkPolicies, "Enabled");
    assert.equal(subnet("snet-nodes")?.privateEndpointNetworkPolicies, undefined);
    assert.equal(subnet("snet-pls")?.privateLinkServiceNetworkPolicies, "Disabled");
    assert.equal(subnet("snet-pe")?.privateLinkServiceNetworkPolicies, undefined);
  });

  it("writes NSG rules as Azure takes them: one prefix or port singular, several plural", () => {
    assert.deepEqual(plan.named(NSG, "nsg-nodes").inputs.securityRules, [
      {
        name: "AllowPodCidrInbound",
        priority: 100,
        direction: "Inbound",
        access: "Allow",
        protocol: "*",
        sourceAddressPrefix: "10.244.0.0/16",
        sourcePortRange: "*",
        destinationAddressPrefix: "*",
        destinationPortRange: "*",
        description: "pods",
      },
      {
        name: "AllowPlatformInbound",
        priority: 200,
        direction: "Inbound",
        access: "Allow",
        protocol: "Tcp",
        sourceAddressPrefixes: ["10.0.0.0/12", "10.100.0.0/16"],
        sourcePortRange: "*",
        destinationAddressPrefix: "*",
        destinationPortRanges: ["443", "8443"],
        description: "platform",
      },
      {
        name: "DenyAllInbound",
        priority: 4096,
        direction: "Inbound",
        access: "Deny",
        protocol: "*",
        sourceAddressPrefix: "*",
        sourcePortRange: "*",
        destinationAddressPrefix: "*",
        destinationPortRange: "*",
        description: "nothing else",
      },
    ]);
  });

  it("creates only its own peering, the hub's side first with the Hub subscription's provider", () => {
    const peers = plan.ofType("azure-native:network:VirtualNetworkPeering");
    assert.deepEqual(
      peers.map((p) => [p.inputs.virtualNetworkName, p.inputs.virtualNetworkPeeringName, plan.subscriptionOf(p)]),
      [
        ["vnet-hub-gwc", "hub-gwc-to-cluster-app1", HUB],
        ["vnet-app1", "cluster-app1-to-hub-gwc", APP1],
      ],
    );
    const [hubSide, spokeSide] = peers;
    assert.equal(hubSide?.inputs.resourceGroupName, "rg-hub");
    assert.deepEqual(hubSide?.inputs.remoteVirtualNetwork, { id: SPOKE_ID });
    assert.deepEqual([hubSide?.inputs.allowGatewayTransit, hubSide?.inputs.useRemoteGateways], [true, false]);
    assert.deepEqual(spokeSide?.inputs.remoteVirtualNetwork, { id: HUB_ID });
    assert.deepEqual([spokeSide?.inputs.allowGatewayTransit, spokeSide?.inputs.useRemoteGateways], [false, true]);
    for (const p of peers) assert.deepEqual([p.inputs.allowVirtualNetworkAccess, p.inputs.allowForwardedTraffic], [true, true]);
  });

  it("sends the VNet's logs and metrics, and each NSG's logs, to the workspace it is given", () => {
    const settings = plan.ofType("azure-native:monitor:DiagnosticSetting");
    assert.equal(settings.length, 4);
    for (const s of settings) assert.equal(s.inputs.workspaceId, WORKSPACE);
    const vnetSetting = settings.find((s) => s.inputs.resourceUri === SPOKE_ID);
    assert.deepEqual(vnetSetting?.inputs.metrics, [{ category: "AllMetrics", enabled: true }]);
    const nsgSettings = settings.filter((s) => s !== vnetSetting);
    for (const s of nsgSettings) {
      assert.deepEqual(s.inputs.logs, [{ categoryGroup: "allLogs", enabled: true }]);
      assert.equal(s.inputs.metrics, undefined);
    }
  });

  it("refuses a hub VNet: hubs are the hub layer's", async () => {
    const error = await planFailure(({ providerFor }) => {
      new Spoke("spoke-hub", {
        vnet: { ...spoke, key: "hub-gwc", kind: "hub" },
        peerings: [],
        vnets: [],
        tags: {},
        workspaceId: WORKSPACE,
        providerFor,
      });
    });
    assert.match(error, /hub-gwc is a hub, not a spoke/);
  });
});

describe("Spoke, with prod's model", () => {
  const model: EnvironmentModel = loadModel("prod");
  const vnet = (key: string) => model.vnets.find((v) => v.key === key) as VnetModel;
  const plans: Record<string, ComponentPlan> = {};
  before(async () => {
    for (const key of ["cluster-app1", "edge-gwc", "data-gn"]) {
      const planned = vnet(key);
      plans[key] = await planComponent(
        () => {
          new Spoke(`spoke-${key}`, {
            vnet: planned,
            peerings: model.peerings,
            vnets: model.vnets,
            tags: model.tags,
            workspaceId: workspaceIn(model.logAnalytics, planned.region),
            providerFor: subscriptionProviders(model),
          });
        },
        { environment: model },
      );
    }
  });
  const plan = (key: string) => plans[key] as ComponentPlan;
  const rulesOf = (p: ComponentPlan, nsgName: string) =>
    (p.named(NSG, nsgName).inputs.securityRules ?? []) as Record<string, unknown>[];

  it("builds each VNet from the model: range, subnets, its region's firewall as DNS server, its subscription", () => {
    for (const key of ["cluster-app1", "edge-gwc", "data-gn"]) {
      const planned = vnet(key);
      const [net] = plan(key).ofType(VNET);
      assert.deepEqual(net?.inputs.addressSpace, { addressPrefixes: [planned.cidr] });
      assert.deepEqual(
        subnetsOf(plan(key)).map((s) => [s.name, s.addressPrefix]),
        planned.subnets.map((s) => [s.name, s.cidr]),
      );
      const firewall = model.hubs.find((h) => h.region === planned.region)?.firewallPrivateIp;
      assert.deepEqual(net?.inputs.dhcpOptions, { dnsServers: [firewall] });
      assert.equal(plan(key).subscriptionOf(net as PlannedResource), planned.subscriptionId);
      assert.equal(plan(key).ofType(NSG).length, planned.subnets.length);
      assert.equal(plan(key).ofType("azure-native:network:RouteTable").length, planned.subnets.length);
    }
  });

  it("delegates the subnets the catalogue says, with the network policies endpoints and Private Link need", () => {
    const subnet = (key: string, kind: string) => {
      const name = vnet(key).subnets.find((s) => s.kind === kind)?.name;
      return subnetsOf(plan(key)).find((s) => s.name === name);
    };
    assert.deepEqual(
      subnet("cluster-app1", "aksApiServer")?.delegations?.map((d) => d.serviceName),
      ["Microsoft.ContainerService/managedClusters"],
    );
    assert.deepEqual(
      subnet("edge-gwc", "apim")?.delegations?.map((d) => d.serviceName),
      ["Microsoft.Web/serverFarms"],
    );
    assert.deepEqual(
      subnet("data-gn", "postgresql")?.delegations?.map((d) => d.serviceName),
      ["Microsoft.DBforPostgreSQL/flexibleServers"],
    );
    assert.equal(subnet("cluster-app1", "clusterPrivateEndpoints")?.privateEndpointNetworkPolicies, "Enabled");
    assert.equal(subnet("data-gn", "dataPrivateEndpoints")?.privateEndpointNetworkPolicies, "Enabled");
    assert.equal(subnet("edge-gwc", "appgwPrivateLink")?.privateLinkServiceNetworkPolicies, "Disabled");
    assert.equal(subnet("edge-gwc", "appgw")?.delegations, undefined);
  });

  it("realizes the per-subnet rules of the model: Azure's sources, the flows' sources and ports, then deny", () => {
    const edge = vnet("edge-gwc");
    const appgwNsg = edge.subnets.find((s) => s.kind === "appgw")?.networkSecurityGroup?.name as string;
    const appgwRules = rulesOf(plan("edge-gwc"), appgwNsg);
    const gm = appgwRules.find((x) => x.name === "AllowGatewayManagerInbound");
    assert.deepEqual([gm?.sourceAddressPrefix, gm?.destinationPortRange, gm?.access], ["GatewayManager", "65200-65535", "Allow"]);
    // Front Door arrives from the Private Link subnet (prod: 10.60.3.0/28) on 443.
    const fromPl = appgwRules.find((x) => x.priority === 1000);
    assert.deepEqual(
      [fromPl?.sourceAddressPrefix, fromPl?.destinationPortRange, fromPl?.protocol],
      ["10.60.3.0/28", "443", "Tcp"],
    );
    const cluster = vnet("cluster-app1");
    const nodesNsg = cluster.subnets.find((s) => s.kind === "aksNodes")?.networkSecurityGroup?.name as string;
    const nodeRules = rulesOf(plan("cluster-app1"), nodesNsg);
    assert.equal(nodeRules.find((x) => x.name === "AllowPodCidrInbound")?.sourceAddressPrefix, "10.244.0.0/16");
    const ingress = nodeRules.find((x) => x.priority === 1000);
    assert.deepEqual(
      [ingress?.sourceAddressPrefixes, ingress?.destinationPortRange],
      [["10.100.0.0/16", "10.110.0.0/16", "10.60.2.0/24", "10.60.3.32/27"], "443"],
    );
    const data = vnet("data-gn");
    const pepNsg = data.subnets.find((s) => s.kind === "dataPrivateEndpoints")?.networkSecurityGroup?.name as string;
    const pepRules = rulesOf(plan("data-gn"), pepNsg);
    assert.deepEqual(
      pepRules.map((x) => [x.priority, x.sourceAddressPrefix, x.destinationPortRanges ?? x.destinationPortRange]),
      [
        [1000, "10.60.64.4", ["443", "5432", "6432", "8500-8599", "10000", "10255"]],
        [4096, "*", "*"],
      ],
    );
    for (const rules of [appgwRules, nodeRules, pepRules]) {
      const deny = rules.find((x) => x.name === "DenyAllInbound");
      assert.deepEqual([deny?.priority, deny?.access, deny?.sourceAddressPrefix], [4096, "Deny", "*"]);
      // Nothing from the environment's range on every port (the old AllowPlatformInbound).
      for (const r of rules.filter((x) => x.access === "Allow" && x.destinationPortRange === "*"))
        assert.ok(
          ![r.sourceAddressPrefix, ...((r.sourceAddressPrefixes as string[]) ?? [])].includes("10.60.0.0/16"),
          String(r.name),
        );
      assert.ok(rules.every((x) => x.direction === "Inbound"));
    }
  });

  it("peers with its own region's hub; only the primary region uses the hub's gateway", () => {
    for (const [key, primary] of [
      ["cluster-app1", true],
      ["data-gn", false],
    ] as const) {
      const planned = vnet(key);
      const hub = model.hubs.find((h) => h.region === planned.region);
      assert.ok(hub);
      const [first, second, ...rest] = plan(key).ofType("azure-native:network:VirtualNetworkPeering");
      assert.equal(rest.length, 0);
      assert.equal(first?.inputs.virtualNetworkName, hub.vnetName, "the hub side registers first");
      assert.equal(plan(key).subscriptionOf(first as PlannedResource), model.subscriptions.hub);
      assert.equal((first?.inputs.remoteVirtualNetwork as { id: string } | undefined)?.id, planned.id);
      assert.equal(first?.inputs.allowGatewayTransit, primary);
      assert.equal(second?.inputs.virtualNetworkName, planned.name);
      assert.equal(plan(key).subscriptionOf(second as PlannedResource), planned.subscriptionId);
      assert.equal((second?.inputs.remoteVirtualNetwork as { id: string } | undefined)?.id, hub.vnetId);
      assert.equal(second?.inputs.useRemoteGateways, primary);
    }
  });

  it("sends the diagnostics of a secondary-region spoke to that region's workspace", () => {
    const workspace = model.logAnalytics.find((l) => l.region === "germanynorth")?.id;
    const settings = plan("data-gn").ofType("azure-native:monitor:DiagnosticSetting");
    assert.equal(settings.length, 1 + vnet("data-gn").subnets.length);
    for (const s of settings) assert.equal(s.inputs.workspaceId, workspace);
  });
});
