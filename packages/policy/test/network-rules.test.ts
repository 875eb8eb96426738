/** The hub-and-spoke and EU-region rules: each with passing and violating fixtures. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { loadModel, type VnetModel } from "@plugilo/model";
import { evaluate, hubAndSpokePeering, multicloudEuRegions, type PlannedResource } from "@plugilo/policy";

const model = loadModel("prod");
const vnet = (key: string) => model.vnets.find((v) => v.key === key) as VnetModel;

function resource(type: string, inputs: Record<string, unknown>): PlannedResource {
  return { stack: "test", urn: `urn:pulumi:prod::test::${type}::r`, type, name: "r", parent: null, protect: false, inputs };
}
const peering = (from: VnetModel, to: { id: string }) =>
  resource("azure-native:network:VirtualNetworkPeering", {
    resourceGroupName: from.resourceGroup,
    virtualNetworkName: from.name,
    remoteVirtualNetwork: { id: to.id },
  });

describe("hub-and-spoke-peering", () => {
  it("accepts a spoke peered with its own region's hub, both directions, and the hubs with each other", () => {
    for (const [a, b] of [
      ["cluster-app1", "hub-gwc"],
      ["hub-gwc", "cluster-app1"],
      ["data-gn", "hub-gn"],
      ["hub-gwc", "hub-gn"],
      ["hub-gn", "hub-gwc"],
    ] as const) {
      assert.deepEqual(hubAndSpokePeering.check(peering(vnet(a), vnet(b)), model), [], `${a} -> ${b}`);
    }
  });

  it("rejects a spoke-to-spoke peering", () => {
    const messages = hubAndSpokePeering.check(peering(vnet("cluster-app1"), vnet("data-gwc")), model);
    assert.equal(messages.length, 1);
    assert.match(messages[0] ?? "", /directly with spoke vnet-plugilo-data-prod-gwc/);
  });

  it("rejects a spoke peered with the other region's hub", () => {
    const messages = hubAndSpokePeering.check(peering(vnet("hub-gwc"), vnet("cluster-app2")), model);
    assert.match(messages[0] ?? "", /vnet-plugilo-app2-prod-gn \(germanynorth\) with the hub of germanywestcentral/);
  });

  it("rejects a peering with a VNet outside the address plan", () => {
    const foreign = { id: "/subscriptions/x/resourceGroups/y/providers/Microsoft.Network/virtualNetworks/shadow-it" };
    assert.match(hubAndSpokePeering.check(peering(vnet("hub-gwc"), foreign), model)[0] ?? "", /does not know/);
  });

  it("ignores other resource types", () => {
    assert.deepEqual(hubAndSpokePeering.check(resource("azure-native:network:VirtualNetwork", {}), model), []);
  });
});

describe("multicloud-eu-regions", () => {
  it("accepts AWS and Google Cloud resources and providers in EU regions", () => {
    for (const r of [
      resource("aws:ec2/vpnConnection:VpnConnection", { region: "eu-central-1" }),
      resource("pulumi:providers:aws", { region: "eu-west-1" }),
      resource("gcp:compute/router:Router", { region: "europe-west3" }),
      resource("pulumi:providers:gcp", { region: "europe-north1", project: "p" }),
      // A global Google Cloud resource names no region and inherits none.
      resource("gcp:compute/externalVpnGateway:ExternalVpnGateway", {}),
    ]) {
      assert.deepEqual(multicloudEuRegions.check(r, model), [], r.type);
    }
  });

  it("rejects a region outside the EU", () => {
    const aws = multicloudEuRegions.check(resource("aws:ec2/customerGateway:CustomerGateway", { region: "us-east-1" }), model);
    assert.match(aws[0] ?? "", /"us-east-1" is outside the EU: use an EU region such as eu-central-1/);
    const gcp = multicloudEuRegions.check(resource("gcp:compute/haVpnGateway:HaVpnGateway", { region: "us-central1" }), model);
    assert.match(gcp[0] ?? "", /"us-central1" is outside the EU/);
  });

  it("rejects a provider that leaves the region to the shell", () => {
    assert.match(multicloudEuRegions.check(resource("pulumi:providers:aws", {}), model)[0] ?? "", /has no region/);
  });

  it("ignores Azure (allowed-locations guards it) and other providers", () => {
    assert.deepEqual(
      multicloudEuRegions.check(resource("azure-native:network:VirtualNetwork", { location: "westeurope" }), model),
      [],
    );
    assert.deepEqual(multicloudEuRegions.check(resource("pulumi:providers:azure-native", {}), model), []);
  });

  it("is applied by evaluate", () => {
    const findings = evaluate([resource("aws:ec2/vpnConnection:VpnConnection", { region: "ap-south-1" })], model);
    assert.deepEqual(
      findings.map((f) => [f.rule, f.severity]),
      [["multicloud-eu-regions", "error"]],
    );
  });
});
