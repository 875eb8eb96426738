/** The three real environments: they resolve, and the facts the stacks rely on hold in each. */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { findSubnet, firewallPrivateIp, internalOverlaps } from "../src/core/address-plan.ts";
import { addressCount, containsAddress, nthAddress, overlaps, prefixLength, within } from "../src/core/cidr.ts";
import { listEnvironments } from "../src/core/load.ts";
import { type EnvironmentModel, REQUIRED_TAGS } from "../src/core/model.ts";
import { loadModel } from "../src/core/resolve.ts";
import { ENVIRONMENTS } from "./helpers.ts";

const models = new Map<string, EnvironmentModel>(ENVIRONMENTS.map((env) => [env, loadModel(env)]));
const model = (env: string): EnvironmentModel => {
  const m = models.get(env);
  assert.ok(m, `no model for ${env}`);
  return m;
};

test("the environments folder holds dev, staging and prod, in promotion order", () => {
  assert.deepEqual(listEnvironments(), ["dev", "staging", "prod"]);
});

test("the address spaces of the environments do not overlap each other", () => {
  for (const a of ENVIRONMENTS) {
    for (const b of ENVIRONMENTS) {
      if (a < b) assert.equal(overlaps(model(a).config.addressSpace, model(b).config.addressSpace), false, `${a} vs ${b}`);
    }
  }
});

for (const env of ENVIRONMENTS) {
  describe(env, () => {
    test("resolves without errors; warns of germanynorth's restricted access (and prod's zone-redundant PostgreSQL HA)", () => {
      const m = model(env);
      assert.equal(m.name, env);
      assert.match(m.file, new RegExp(`environments/${env}\\.yaml$`));
      assert.deepEqual(
        m.warnings.map((w) => [w.severity, w.path]),
        env === "prod"
          ? [
              ["warning", "data.postgresql.haMode"],
              ["warning", "regions.secondary"],
            ]
          : [["warning", "regions.secondary"]],
      );
      assert.match(m.warnings.at(-1)?.message ?? "", /germanynorth is a restricted-access region/);
    });

    test("the address plan has no overlaps and stays inside the address space", () => {
      const m = model(env);
      assert.deepEqual(internalOverlaps(m.addressPlan), []);
      for (const vnet of m.vnets) {
        assert.ok(within(vnet.cidr, m.config.addressSpace), `${vnet.key} ${vnet.cidr}`);
        for (const subnet of vnet.subnets) assert.ok(within(subnet.cidr, vnet.cidr), `${vnet.key}/${subnet.kind}`);
      }
    });

    test("there is a hub in each region, with AzureFirewallSubnet /26 and GatewaySubnet /27", () => {
      const m = model(env);
      const hubs = m.vnets.filter((v) => v.kind === "hub");
      assert.deepEqual(hubs.map((h) => h.region).sort(), ["germanynorth", "germanywestcentral"]);
      for (const hub of hubs) {
        const firewall = hub.subnets.find((s) => s.name === "AzureFirewallSubnet");
        const gateway = hub.subnets.find((s) => s.name === "GatewaySubnet");
        assert.ok(firewall && gateway, `${hub.key} lacks a fixed-name subnet`);
        assert.equal(prefixLength(firewall.cidr), 26, `${hub.key} AzureFirewallSubnet`);
        assert.equal(prefixLength(gateway.cidr), 27, `${hub.key} GatewaySubnet`);
        assert.equal(firewall.kind, "firewall");
        assert.equal(gateway.kind, "gateway");
      }
    });

    test("the firewall's private IP is the fifth address (offset 4) of AzureFirewallSubnet", () => {
      const m = model(env);
      assert.equal(m.hubs.length, 2);
      for (const hub of m.hubs) {
        const vnet = m.addressPlan.vnets.find((v) => v.key === hub.vnetKey);
        assert.ok(vnet, hub.vnetKey);
        assert.equal(vnet.region, hub.region);
        const subnet = findSubnet(vnet, "firewall").cidr;
        assert.equal(hub.firewallPrivateIp, nthAddress(subnet, 4));
        assert.equal(hub.firewallPrivateIp, firewallPrivateIp(vnet));
        // Spelled out: network + 4 in the last octet (the subnet is /26, so the octet cannot wrap).
        const [a, b, c, d] = subnet.split("/")[0]?.split(".").map(Number) ?? [];
        assert.equal(hub.firewallPrivateIp, `${a}.${b}.${c}.${(d ?? 0) + 4}`);
      }
    });

    test("each cluster's ingress IP lies inside its aksNodes subnet, clear of Azure's reserved addresses", () => {
      const m = model(env);
      for (const cluster of m.clusters) {
        const vnet = m.vnets.find((v) => v.key === cluster.vnetKey);
        assert.ok(vnet, cluster.vnetKey);
        assert.equal(vnet.cluster, cluster.name);
        assert.equal(vnet.region, cluster.region);
        const nodes = vnet.subnets.find((s) => s.kind === "aksNodes");
        assert.ok(nodes, `${cluster.name} has no aksNodes subnet`);
        assert.ok(containsAddress(nodes.cidr, cluster.ingressIp), `${cluster.ingressIp} outside ${nodes.cidr}`);
        const reserved = [0, 1, 2, 3].map((n) => nthAddress(nodes.cidr, n));
        reserved.push(nthAddress(nodes.cidr, -1));
        assert.ok(!reserved.includes(cluster.ingressIp), `${cluster.ingressIp} is reserved by Azure`);
        // The DNS service address comes from the (non-routable) service range.
        assert.ok(containsAddress(cluster.serviceCidr, cluster.dnsServiceIp));
      }
    });

    test("app1 runs in germanywestcentral (subscription app1), app2 in germanynorth (subscription app2)", () => {
      const m = model(env);
      assert.deepEqual(
        m.clusters.map((c) => [c.name, c.region, c.subscription, c.subscriptionId]),
        [
          ["app1", "germanywestcentral", "app1", m.subscriptions.app1],
          ["app2", "germanynorth", "app2", m.subscriptions.app2],
        ],
      );
      for (const c of m.clusters) {
        assert.equal(c.resourceGroup.location, c.region);
        assert.equal(c.gitopsPath, `deploy/${env}/${c.name}`);
      }
    });

    test("every layer's resource groups sit in the layer's subscription, in the environment's regions", () => {
      const m = model(env);
      assert.deepEqual(
        m.layers.map((l) => l.name),
        ["foundation", "hub", "shared", "edge", "app1", "app2", "data", "access", "multicloud"],
      );
      for (const layer of m.layers) {
        assert.equal(layer.subscriptionId, m.subscriptions[layer.subscription]);
        for (const [region, rg] of Object.entries(layer.resourceGroups)) {
          assert.equal(rg.location, region);
          assert.equal(rg.subscriptionId, layer.subscriptionId);
          assert.equal(rg.id, `/subscriptions/${rg.subscriptionId}/resourceGroups/${rg.name}`);
        }
      }
      for (const vnet of m.vnets) {
        const layer = m.layers.find((l) => l.name === vnet.layer);
        assert.ok(layer, vnet.layer);
        assert.equal(layer.resourceGroups[vnet.region]?.name, vnet.resourceGroup);
      }
    });

    test("subnets of the primary region only (APIM, edge private endpoints, AVD) are absent from the secondary", () => {
      const m = model(env);
      const secondary = m.vnets.filter((v) => v.region === "germanynorth").flatMap((v) => v.subnets.map((s) => s.kind));
      for (const kind of ["apim", "edgePrivateEndpoints", "avd"] as const) assert.ok(!secondary.includes(kind), kind);
      const edge = m.vnets.find((v) => v.key === "edge-gwc");
      const apim = edge?.subnets.find((s) => s.kind === "apim");
      assert.equal(apim?.delegation, "Microsoft.Web/serverFarms");
    });

    test("carries the required tags", () => {
      const m = model(env);
      for (const tag of REQUIRED_TAGS) assert.ok(m.tags[tag], `missing tag ${tag}`);
      assert.equal(m.tags.environment, env);
    });

    test("the AKS node subnets leave room for the node pools (at least a /24)", () => {
      for (const cluster of model(env).vnets.filter((v) => v.kind === "cluster")) {
        const nodes = cluster.subnets.find((s) => s.kind === "aksNodes");
        assert.ok(nodes && addressCount(nodes.cidr) >= 256n, cluster.key);
      }
    });
  });
}

test("prod: AVD access VNet, managed data with zone-redundant PostgreSQL, protected stateful resources", () => {
  const prod = model("prod");
  assert.ok(prod.vnets.some((v) => v.kind === "access" && v.region === "germanywestcentral"));
  assert.equal(prod.config.data.mode, "managed");
  assert.equal(prod.config.data.postgresql.haMode, "ZoneRedundant");
  assert.equal(prod.protectStateful, true);
  assert.deepEqual(
    prod.clusters.map((c) => c.systemPool.zones),
    [["1", "2", "3"], []],
  );
});

test("dev and staging use Tailscale (no access VNet); only dev leaves stateful resources unprotected", () => {
  for (const env of ["dev", "staging"]) {
    assert.equal(model(env).config.access.mode, "tailscale");
    assert.ok(!model(env).vnets.some((v) => v.kind === "access"), env);
    assert.deepEqual(model(env).layers.find((l) => l.name === "access")?.resourceGroups, {});
  }
  assert.equal(model("dev").protectStateful, false);
  assert.equal(model("staging").protectStateful, true);
});
