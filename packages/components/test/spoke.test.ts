/**
 * The Spoke component on its own: run under the mock monitor against the simulated Azure, for a cluster
 * spoke, an edge spoke and a secondary-region data spoke of prod.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { Spoke, subscriptionProviders } from "@plugilo/components";
import { type EnvironmentModel, loadModel, type VnetModel } from "@plugilo/model";
import { runStack, SimulatedAzure, type StackRun } from "@plugilo/plan";
import type { PlannedResource } from "@plugilo/policy";

const model: EnvironmentModel = loadModel("prod");
const vnet = (key: string) => model.vnets.find((v) => v.key === key) as VnetModel;
const runs: Record<string, StackRun> = {};

before(async () => {
  for (const key of ["cluster-app1", "edge-gwc", "data-gn"]) {
    const azure = new SimulatedAzure(model);
    runs[key] = await runStack(
      "components-test",
      key,
      () => {
        new Spoke(`spoke-${key}`, { model, vnet: vnet(key), providerFor: subscriptionProviders(model) });
        return {};
      },
      azure,
    );
  }
});

const run = (key: string) => {
  const r = runs[key] as StackRun;
  assert.equal(r.error, undefined, r.error);
  return r;
};
const of = (r: StackRun, type: string) => r.resources.filter((x) => x.type === `azure-native:${type}`);
interface Subnet {
  name: string;
  addressPrefix: string;
  routeTable?: { id: string };
  networkSecurityGroup?: { id: string };
  delegations?: { serviceName: string }[];
  privateEndpointNetworkPolicies?: string;
  privateLinkServiceNetworkPolicies?: string;
  defaultOutboundAccess?: boolean;
}
const subnets = (r: StackRun) => (of(r, "network:VirtualNetwork")[0]?.inputs.subnets ?? []) as Subnet[];
const subscriptionOf = (r: StackRun, res: PlannedResource) =>
  r.resources.find((x) => x.urn === res.provider)?.inputs.subscriptionId as string | undefined;
const rulesOf = (r: StackRun, nsgName: string) =>
  (of(r, "network:NetworkSecurityGroup").find((n) => n.inputs.networkSecurityGroupName === nsgName)?.inputs.securityRules ??
    []) as Record<string, unknown>[];

describe("Spoke", () => {
  it("builds the VNet from the model: its range, every subnet, the regional firewall as DNS server", () => {
    for (const key of ["cluster-app1", "edge-gwc", "data-gn"]) {
      const r = run(key);
      const planned = vnet(key);
      const [net] = of(r, "network:VirtualNetwork");
      assert.equal(of(r, "network:VirtualNetwork").length, 1);
      assert.deepEqual(net?.inputs.addressSpace, { addressPrefixes: [planned.cidr] });
      assert.deepEqual(
        subnets(r).map((s) => [s.name, s.addressPrefix]),
        planned.subnets.map((s) => [s.name, s.cidr]),
      );
      const firewall = model.hubs.find((h) => h.region === planned.region)?.firewallPrivateIp;
      assert.deepEqual(net?.inputs.dhcpOptions, { dnsServers: [firewall] });
      assert.equal(subscriptionOf(r, net as PlannedResource), planned.subscriptionId);
    }
  });

  it("gives every subnet its own NSG and route table, and no default outbound access", () => {
    for (const key of ["cluster-app1", "edge-gwc", "data-gn"]) {
      const r = run(key);
      const planned = vnet(key);
      assert.equal(of(r, "network:NetworkSecurityGroup").length, planned.subnets.length);
      assert.equal(of(r, "network:RouteTable").length, planned.subnets.length);
      for (const s of subnets(r)) {
        const model = planned.subnets.find((x) => x.name === s.name);
        assert.equal(s.networkSecurityGroup?.id.split("/").pop(), model?.networkSecurityGroup?.name);
        assert.equal(s.routeTable?.id.split("/").pop(), model?.routeTable?.name);
        assert.equal(s.defaultOutboundAccess, false);
      }
    }
  });

  it("keeps the delegations and sets the network policies private endpoints and Private Link need", () => {
    const delegation = (key: string, kind: string) => {
      const name = vnet(key).subnets.find((s) => s.kind === kind)?.name;
      return subnets(run(key)).find((s) => s.name === name);
    };
    assert.deepEqual(
      delegation("cluster-app1", "aksApiServer")?.delegations?.map((d) => d.serviceName),
      ["Microsoft.ContainerService/managedClusters"],
    );
    assert.deepEqual(
      delegation("edge-gwc", "apim")?.delegations?.map((d) => d.serviceName),
      ["Microsoft.Web/serverFarms"],
    );
    assert.deepEqual(
      delegation("data-gn", "postgresql")?.delegations?.map((d) => d.serviceName),
      ["Microsoft.DBforPostgreSQL/flexibleServers"],
    );
    assert.equal(delegation("cluster-app1", "clusterPrivateEndpoints")?.privateEndpointNetworkPolicies, "Enabled");
    assert.equal(delegation("data-gn", "dataPrivateEndpoints")?.privateEndpointNetworkPolicies, "Enabled");
    assert.equal(delegation("edge-gwc", "appgwPrivateLink")?.privateLinkServiceNetworkPolicies, "Disabled");
    assert.equal(delegation("edge-gwc", "appgw")?.delegations, undefined);
  });

  it("realizes the per-subnet rules of the model: Azure's sources, the flows' sources and ports, then deny", () => {
    const edge = vnet("edge-gwc");
    const appgwNsg = edge.subnets.find((s) => s.kind === "appgw")?.networkSecurityGroup?.name as string;
    const appgwRules = rulesOf(run("edge-gwc"), appgwNsg);
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
    const nodeRules = rulesOf(run("cluster-app1"), nodesNsg);
    assert.equal(nodeRules.find((x) => x.name === "AllowPodCidrInbound")?.sourceAddressPrefix, "10.244.0.0/16");
    const ingress = nodeRules.find((x) => x.priority === 1000);
    assert.deepEqual(
      [ingress?.sourceAddressPrefixes, ingress?.destinationPortRange],
      [["10.100.0.0/16", "10.110.0.0/16", "10.60.2.0/24", "10.60.3.32/27"], "443"],
    );
    const data = vnet("data-gn");
    const pepNsg = data.subnets.find((s) => s.kind === "dataPrivateEndpoints")?.networkSecurityGroup?.name as string;
    const pepRules = rulesOf(run("data-gn"), pepNsg);
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

  it("peers with its own region's hub, both sides, the hub's side in the Hub subscription and created first", () => {
    for (const [key, primary] of [
      ["cluster-app1", true],
      ["data-gn", false],
    ] as const) {
      const r = run(key);
      const planned = vnet(key);
      const hub = model.hubs.find((h) => h.region === planned.region);
      assert.ok(hub);
      const peerings = of(r, "network:VirtualNetworkPeering");
      assert.equal(peerings.length, 2);
      const [first, second] = peerings;
      assert.equal(first?.inputs.virtualNetworkName, hub.vnetName, "the hub side registers first");
      assert.equal(subscriptionOf(r, first as PlannedResource), model.subscriptions.hub);
      assert.equal((first?.inputs.remoteVirtualNetwork as { id: string } | undefined)?.id, planned.id);
      assert.equal(first?.inputs.allowGatewayTransit, primary);
      assert.equal(second?.inputs.virtualNetworkName, planned.name);
      assert.equal(subscriptionOf(r, second as PlannedResource), planned.subscriptionId);
      assert.equal((second?.inputs.remoteVirtualNetwork as { id: string } | undefined)?.id, hub.vnetId);
      assert.equal(second?.inputs.useRemoteGateways, primary);
    }
  });

  it("sends the VNet's and every NSG's diagnostics to the region's workspace", () => {
    const r = run("data-gn");
    const workspace = model.logAnalytics.find((l) => l.region === "germanynorth")?.id;
    const settings = of(r, "monitor:DiagnosticSetting");
    assert.equal(settings.length, 1 + vnet("data-gn").subnets.length);
    for (const s of settings) assert.equal(s.inputs.workspaceId, workspace);
    assert.ok(settings.some((s) => String(s.inputs.resourceUri).endsWith(`/virtualNetworks/${vnet("data-gn").name}`)));
  });

  it("refuses a hub VNet: hubs are the hub layer's", async () => {
    const r = await runStack(
      "components-test",
      "hub",
      () => {
        new Spoke("spoke-hub", { model, vnet: vnet("hub-gwc"), providerFor: subscriptionProviders(model) });
        return {};
      },
      new SimulatedAzure(model),
    );
    assert.match(r.error ?? "", /hub-gwc is a hub, not a spoke/);
  });
});
