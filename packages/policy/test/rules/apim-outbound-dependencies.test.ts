/**
 * apim-outbound-dependencies: Key Vault (AzureKeyVault, TCP 443) and the other dependencies of an integrated
 * APIM v2 subnet allowed at the firewall it egresses through
 * (learn.microsoft.com/azure/api-management/integrate-vnet-outbound, .../virtual-network-reference).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { loadModel, type SubnetModel } from "@plugilo/model";
import { apimOutboundDependencies, type PlannedResource } from "@plugilo/policy";

const model = loadModel("prod");
const apimSubnet = model.vnets.flatMap((v) => v.subnets).find((s) => s.kind === "apim") as SubnetModel;
const gwc = model.hubs.find((h) => h.region === "germanywestcentral");

const res = (type: string, name: string, inputs: Record<string, unknown>): PlannedResource => ({
  stack: "edge",
  urn: `urn:pulumi:prod::p::${type}::${name}`,
  type,
  name,
  parent: null,
  protect: false,
  inputs,
});
const apim = res("azure-native:apimanagement:ApiManagementService", "apim", {
  sku: { name: "StandardV2", capacity: 1 },
  virtualNetworkType: "External",
  virtualNetworkConfiguration: { subnetResourceId: apimSubnet.id },
});
const rule = (tag: string, ports: string[]) => ({
  ruleType: "NetworkRule",
  name: `to-${tag}`,
  ipProtocols: ["TCP"],
  sourceAddresses: [apimSubnet.cidr],
  destinationAddresses: [tag],
  destinationPorts: ports,
});
const rcg = (rules: unknown[]) =>
  res("azure-native:network:FirewallPolicyRuleCollectionGroup", "rcg", {
    firewallPolicyName: gwc?.firewallPolicyName,
    ruleCollections: [{ action: { type: "Allow" }, rules }],
  });
const all = [
  rule("AzureKeyVault", ["443"]),
  rule("Storage", ["443"]),
  rule("AzureActiveDirectory", ["443"]),
  rule("AzureMonitor", ["443", "1886"]),
];

describe("apim-outbound-dependencies", () => {
  it("the APIM subnet of prod sends 0.0.0.0/0 to the germanywestcentral firewall", () => {
    const route = apimSubnet.routeTable?.routes.find((r) => r.addressPrefix === "0.0.0.0/0");
    assert.equal(route?.nextHopIpAddress, gwc?.firewallPrivateIp);
  });

  it("accepts a policy that allows Key Vault, Storage, Entra ID and Azure Monitor", () => {
    assert.deepEqual(apimOutboundDependencies.checkPlan([apim, rcg(all)], model), []);
  });

  it("rejects a policy without AzureKeyVault TCP 443, naming the firewall", () => {
    const found = apimOutboundDependencies.checkPlan([apim, rcg(all.slice(1))], model);
    assert.equal(found.length, 1);
    assert.equal(found[0]?.urn, apim.urn);
    assert.match(found[0]?.message ?? "", /does not allow TCP 443 to AzureKeyVault/);
  });

  it("rejects Azure Monitor without port 1886, and a rule from another subnet", () => {
    const monitor443 = [...all.slice(0, 3), rule("AzureMonitor", ["443"])];
    assert.match(apimOutboundDependencies.checkPlan([apim, rcg(monitor443)], model)[0]?.message ?? "", /1886 to AzureMonitor/);
    const elsewhere = all.map((r) => ({ ...r, sourceAddresses: ["192.168.0.0/24"] }));
    assert.equal(apimOutboundDependencies.checkPlan([apim, rcg(elsewhere)], model).length, 4);
  });
});
