/** The address plan, example by example (address-plan.property.test.ts checks it over random inputs). */
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  type AddressPlan,
  type AddressPlanInput,
  allocate,
  findSubnet,
  findVnet,
  firewallPrivateIp,
  ingressLoadBalancerIp,
  internalOverlaps,
  planAddresses,
} from "../../src/core/address-plan.ts";
import { prefixLength, within } from "../../src/core/cidr.ts";
import { SUBNETS } from "../../src/core/subnet-catalogue.ts";

const PROD: AddressPlanInput = {
  space: "10.60.0.0/16",
  primary: "germanywestcentral",
  secondary: "germanynorth",
  clusters: [
    { name: "app1", region: "germanywestcentral" },
    { name: "app2", region: "germanynorth" },
  ],
  accessMode: "avd",
  subnetPrefixes: {},
};

function planOf(input: AddressPlanInput): AddressPlan {
  const { plan, problems } = planAddresses(input);
  assert.deepEqual(problems, []);
  return plan;
}

const layout = (plan: AddressPlan) =>
  Object.fromEntries(plan.vnets.map((v) => [v.key, [v.cidr, ...v.subnets.map((s) => `${s.kind} ${s.cidr}`)]]));

test("allocate: first aligned free block, skipping taken ones", () => {
  assert.equal(allocate("10.0.0.0/24", 26, []), "10.0.0.0/26");
  assert.equal(allocate("10.0.0.0/24", 26, ["10.0.0.0/26"]), "10.0.0.64/26");
  assert.equal(allocate("10.0.0.0/24", 26, ["10.0.0.64/27"]), "10.0.0.0/26");
  assert.equal(allocate("10.0.0.0/24", 26, ["10.0.0.0/27"]), "10.0.0.64/26");
  // A gap left earlier is filled by a later, smaller block (first fit).
  assert.equal(allocate("10.0.0.0/24", 27, ["10.0.0.0/27", "10.0.0.64/26"]), "10.0.0.32/27");
  assert.equal(allocate("10.0.0.0/24", 24, []), "10.0.0.0/24");
});

test("allocate: nothing when the block is larger than the parent or the parent is full", () => {
  assert.equal(allocate("10.0.0.0/24", 23, []), undefined);
  assert.equal(allocate("10.0.0.0/24", 25, ["10.0.0.0/25", "10.0.0.128/25"]), undefined);
  assert.equal(allocate("10.0.0.0/24", 26, ["10.0.0.0/24"]), undefined);
});

test("the prod layout, range by range (a change here moves live networks: make it deliberately)", () => {
  const plan = planOf(PROD);
  assert.deepEqual(plan.regionBlocks, [
    { region: "germanywestcentral", cidr: "10.60.0.0/18", platformBlock: "10.60.0.0/20" },
    { region: "germanynorth", cidr: "10.60.64.0/18", platformBlock: "10.60.64.0/20" },
  ]);
  assert.deepEqual(layout(plan), {
    "hub-gwc": ["10.60.0.0/23", "firewall 10.60.0.0/26", "gateway 10.60.0.64/27"],
    "edge-gwc": [
      "10.60.2.0/23",
      "appgw 10.60.2.0/24",
      "appgwPrivateLink 10.60.3.0/28",
      "apim 10.60.3.32/27",
      "edgePrivateEndpoints 10.60.3.64/27",
    ],
    "data-gwc": ["10.60.4.0/23", "dataPrivateEndpoints 10.60.4.0/26", "postgresql 10.60.4.64/27"],
    "access-gwc": ["10.60.6.0/23", "avd 10.60.6.0/24"],
    "cluster-app1": [
      "10.60.16.0/21",
      "aksNodes 10.60.16.0/22",
      "aksApiServer 10.60.20.0/28",
      "clusterPrivateEndpoints 10.60.20.32/27",
    ],
    "hub-gn": ["10.60.64.0/23", "firewall 10.60.64.0/26", "gateway 10.60.64.64/27"],
    "edge-gn": ["10.60.66.0/23", "appgw 10.60.66.0/24", "appgwPrivateLink 10.60.67.0/28"],
    "data-gn": ["10.60.68.0/23", "dataPrivateEndpoints 10.60.68.0/26", "postgresql 10.60.68.64/27"],
    "cluster-app2": [
      "10.60.80.0/21",
      "aksNodes 10.60.80.0/22",
      "aksApiServer 10.60.84.0/28",
      "clusterPrivateEndpoints 10.60.84.32/27",
    ],
  });
  assert.deepEqual(internalOverlaps(plan), []);
});

test("a region keeps its slot whichever region is primary", () => {
  const swapped = planOf({ ...PROD, primary: "germanynorth", secondary: "germanywestcentral" });
  assert.equal(findVnet(swapped, "hub-gwc").cidr, "10.60.0.0/23");
  assert.equal(findVnet(swapped, "hub-gn").cidr, "10.60.64.0/23");
  // Primary-only subnets follow the primary region.
  assert.ok(findVnet(swapped, "edge-gn").subnets.some((s) => s.kind === "apim"));
  assert.ok(!findVnet(swapped, "edge-gwc").subnets.some((s) => s.kind === "apim"));
  assert.equal(findVnet(swapped, "access-gn").cidr, "10.60.70.0/23");
  assert.throws(() => findVnet(swapped, "access-gwc"), /no VNet access-gwc/);
});

test("Tailscale access needs no access VNet", () => {
  const plan = planOf({ ...PROD, accessMode: "tailscale" });
  assert.ok(!plan.vnets.some((v) => v.kind === "access"));
});

test("a /14 space gives /16 region blocks", () => {
  const plan = planOf({ ...PROD, space: "10.64.0.0/14" });
  assert.deepEqual(
    plan.regionBlocks.map((b) => [b.cidr, b.platformBlock]),
    [
      ["10.64.0.0/16", "10.64.0.0/18"],
      ["10.65.0.0/16", "10.65.0.0/18"],
    ],
  );
});

test("a space smaller than /16 is a problem at addressSpace, and nothing is planned", () => {
  const { plan, problems } = planAddresses({ ...PROD, space: "10.60.0.0/17" });
  assert.deepEqual(
    problems.map((p) => p.path),
    ["addressSpace"],
  );
  assert.match(problems[0]?.message ?? "", /10\.60\.0\.0\/17 is too small: an environment needs at least a \/16/);
  assert.deepEqual(plan.vnets, []);
});

test("a subnet override smaller than the subnet's minimum is a problem at its subnetPrefixes field", () => {
  const { problems } = planAddresses({ ...PROD, subnetPrefixes: { firewall: 27, gateway: 28, aksNodes: 24 } });
  assert.deepEqual(
    problems.map((p) => p.path),
    ["subnetPrefixes.firewall", "subnetPrefixes.gateway"],
  );
  assert.match(problems[0]?.message ?? "", /\/27 is too small: AzureFirewallSubnet needs at least \/26/);
  assert.match(problems[1]?.message ?? "", /GatewaySubnet needs at least \/27/);
});

test("an override larger than the VNet's default grows that VNet and moves only what comes after it", () => {
  const plan = planOf({ ...PROD, subnetPrefixes: { aksNodes: 21, firewall: 25 } });
  const base = planOf(PROD);
  const app1 = findVnet(plan, "cluster-app1");
  assert.equal(app1.cidr, "10.60.16.0/20");
  assert.equal(findSubnet(app1, "aksNodes").cidr, "10.60.16.0/21");
  assert.equal(findVnet(plan, "hub-gwc").cidr, findVnet(base, "hub-gwc").cidr, "a /25 firewall subnet still fits the hub");
  assert.equal(prefixLength(findSubnet(findVnet(plan, "hub-gwc"), "firewall").cidr), 25);
  assert.deepEqual(internalOverlaps(plan), []);
});

test("clusters fill their region block in declaration order; one too many is a problem at that cluster", () => {
  const clusters = ["a", "b", "c", "d", "e", "f", "g"].map((name) => ({ name, region: "germanywestcentral" as const }));
  const { plan, problems } = planAddresses({ ...PROD, clusters });
  assert.deepEqual(
    plan.vnets.filter((v) => v.kind === "cluster").map((v) => v.cidr),
    ["10.60.16.0/21", "10.60.24.0/21", "10.60.32.0/21", "10.60.40.0/21", "10.60.48.0/21", "10.60.56.0/21"],
  );
  assert.deepEqual(problems, [
    { path: "clusters[6]", message: "no room left in 10.60.0.0/18 for the cluster-g VNet and its subnets" },
  ]);
});

test("every subnet gets its default size unless overridden, and the catalogue's defaults respect its minimums", () => {
  for (const spec of Object.values(SUBNETS)) assert.ok(spec.defaultPrefix <= spec.maxPrefix, spec.kind);
  for (const vnet of planOf(PROD).vnets) {
    for (const subnet of vnet.subnets) {
      assert.equal(prefixLength(subnet.cidr), SUBNETS[subnet.kind].defaultPrefix, `${vnet.key}/${subnet.kind}`);
      assert.ok(within(subnet.cidr, vnet.cidr));
      assert.equal(subnet.delegation, SUBNETS[subnet.kind].delegation);
    }
  }
});

test("firewall and ingress addresses", () => {
  const plan = planOf(PROD);
  assert.equal(firewallPrivateIp(findVnet(plan, "hub-gn")), "10.60.64.4");
  assert.equal(ingressLoadBalancerIp(findVnet(plan, "cluster-app1")), "10.60.19.254");
  assert.throws(() => firewallPrivateIp(findVnet(plan, "edge-gwc")), /VNet edge-gwc has no firewall subnet/);
});

test("internalOverlaps reports sibling overlaps and ranges outside their parent, not nesting", () => {
  const plan: AddressPlan = {
    space: "10.0.0.0/16",
    regionBlocks: [],
    vnets: [
      {
        key: "a",
        kind: "hub",
        region: "germanywestcentral",
        cidr: "10.0.0.0/23",
        purpose: "",
        subnets: [
          { kind: "firewall", cidr: "10.0.0.0/26", purpose: "" },
          { kind: "gateway", cidr: "10.0.0.32/27", purpose: "" },
          { kind: "apim", cidr: "10.0.4.0/27", purpose: "" },
        ],
      },
      { key: "b", kind: "edge", region: "germanywestcentral", cidr: "10.0.1.0/24", purpose: "", subnets: [] },
      { key: "c", kind: "data", region: "germanywestcentral", cidr: "10.1.0.0/24", purpose: "", subnets: [] },
    ],
  };
  assert.deepEqual(internalOverlaps(plan), [
    ["a", "b"],
    ["a/firewall", "a/gateway"],
    ["a/apim", "10.0.0.0/23"],
    ["c", "10.0.0.0/16"],
  ]);
});
