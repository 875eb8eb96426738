/** CAF resource names: abbreviations, region short codes and Azure's length limits. */
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  managementGroupId,
  NAME_RULES,
  type NamedKind,
  type NameParts,
  resourceGroupId,
  resourceId,
  resourceName,
} from "../../src/core/naming.ts";
import { REGIONS } from "../../src/core/regions.ts";
import { loadModel } from "../../src/core/resolve.ts";
import { ENVIRONMENTS } from "../helpers.ts";

const prod = (workload: string, region?: "germanywestcentral" | "germanynorth"): NameParts => ({
  organization: "plugilo",
  environment: "prod",
  workload,
  ...(region ? { region } : {}),
});

test("names are <abbreviation>-<organization>-<workload>-<environment>-<region short code>", () => {
  assert.equal(resourceName("resourceGroup", prod("hub", "germanywestcentral")), "rg-plugilo-hub-prod-gwc");
  assert.equal(resourceName("virtualNetwork", prod("app2", "germanynorth")), "vnet-plugilo-app2-prod-gn");
  assert.equal(resourceName("firewall", prod("hub", "germanynorth")), "afw-plugilo-hub-prod-gn");
  assert.equal(resourceName("logAnalytics", prod("platform", "germanywestcentral")), "log-plugilo-platform-prod-gwc");
  assert.equal(resourceName("aksCluster", prod("app1", "germanywestcentral")), "aks-plugilo-app1-prod-gwc");
});

test("the region short codes are gwc and gn", () => {
  assert.equal(REGIONS.germanywestcentral.shortCode, "gwc");
  assert.equal(REGIONS.germanynorth.shortCode, "gn");
});

test("global resources have no region segment; a suffix comes last", () => {
  assert.equal(resourceName("frontDoor", prod("edge")), "afd-plugilo-edge-prod");
  assert.equal(resourceName("publicIp", { ...prod("hub", "germanynorth"), suffix: "fw01" }), "pip-plugilo-hub-prod-gn-fw01");
});

test("alphanumeric-only resources drop the dashes", () => {
  assert.equal(resourceName("storageAccount", prod("data", "germanywestcentral")), "stplugilodataprodgwc");
  assert.equal(resourceName("containerRegistry", prod("app1", "germanynorth")), "crplugiloapp1prodgn");
});

test("a name longer than Azure's limit throws a RangeError naming the limit", () => {
  // kv-plugilo-<workload>-dev: 15 characters plus the workload; Key Vault allows 24.
  const kv = (workload: string) => resourceName("keyVault", { organization: "plugilo", environment: "dev", workload });
  assert.equal(kv("secrets12"), "kv-plugilo-secrets12-dev");
  assert.equal(kv("secrets12").length, 24);
  assert.throws(() => kv("secrets123"), { name: "RangeError", message: /keyVault name "kv-plugilo-secrets123-dev".*24/ });

  // st + plugilo + <workload> + dev: 12 characters plus the workload.
  const st = (workload: string) => resourceName("storageAccount", { organization: "plugilo", environment: "dev", workload });
  assert.equal(st("abcdefghijkl").length, 24);
  assert.throws(() => st("abcdefghijklm"), RangeError);

  assert.throws(
    () => resourceName("policyAssignment", prod("deny-public-endpoints", "germanywestcentral")),
    /longer than Azure's limit of 24/,
  );
  assert.throws(() => resourceName("virtualNetwork", prod("x".repeat(60), "germanynorth")), /limit of 64/);
});

test("the schema's length limits keep every name the model builds within Azure's limits", () => {
  // organization: 10, environment: 8, cluster names: 12 (the schema's maxima); workloads used by resolveConfig.
  const longest = { organization: "o".repeat(10), environment: "e".repeat(8) };
  const kinds: NamedKind[] = [
    "resourceGroup",
    "virtualNetwork",
    "subnet",
    "firewall",
    "logAnalytics",
    "aksCluster",
    "networkManager",
  ];
  for (const kind of kinds) {
    for (const workload of ["foundation", "platform", "w".repeat(12)]) {
      for (const region of ["germanywestcentral", "germanynorth"] as const) {
        const name = resourceName(kind, { ...longest, workload, region });
        assert.ok(name.length <= NAME_RULES[kind].maxLength, name);
      }
    }
  }
});

test("resource IDs are built from names", () => {
  const sub = "00000000-0000-0000-0000-000000000001";
  assert.equal(resourceGroupId(sub, "rg-a"), `/subscriptions/${sub}/resourceGroups/rg-a`);
  assert.equal(
    resourceId(sub, "rg-a", "Microsoft.Network/virtualNetworks", "vnet-a"),
    `/subscriptions/${sub}/resourceGroups/rg-a/providers/Microsoft.Network/virtualNetworks/vnet-a`,
  );
  assert.equal(
    resourceId(sub, "rg-a", "Microsoft.Network/virtualNetworks/subnets", "vnet-a", "snet-b"),
    `/subscriptions/${sub}/resourceGroups/rg-a/providers/Microsoft.Network/virtualNetworks/vnet-a/subnets/snet-b`,
  );
  assert.throws(() => resourceId(sub, "rg-a", "Microsoft.Network/virtualNetworks/subnets", "vnet-a"), /needs 2 name/);
  assert.equal(managementGroupId("mg-plugilo"), "/providers/Microsoft.Management/managementGroups/mg-plugilo");
});

for (const env of ENVIRONMENTS) {
  test(`${env}: every resolved name follows the CAF convention and ends in its region's short code`, () => {
    const m = loadModel(env);
    const pattern = (abbr: string, region: string) =>
      new RegExp(`^${abbr}-plugilo-[a-z0-9-]+-${env}-${REGIONS[region as keyof typeof REGIONS].shortCode}$`);
    for (const layer of m.layers) {
      for (const [region, rg] of Object.entries(layer.resourceGroups)) {
        assert.match(rg.name, pattern("rg", region));
        assert.equal(rg.name, `rg-plugilo-${layer.name}-${env}-${REGIONS[region as keyof typeof REGIONS].shortCode}`);
      }
    }
    for (const vnet of m.vnets) {
      assert.match(vnet.name, pattern("vnet", vnet.region));
      assert.match(vnet.id, new RegExp(`/providers/Microsoft\\.Network/virtualNetworks/${vnet.name}$`));
      for (const subnet of vnet.subnets) {
        if (subnet.kind === "firewall") assert.equal(subnet.name, "AzureFirewallSubnet");
        else if (subnet.kind === "gateway") assert.equal(subnet.name, "GatewaySubnet");
        else assert.match(subnet.name, pattern("snet", vnet.region));
        assert.equal(subnet.id, `${vnet.id}/subnets/${subnet.name}`);
      }
      assert.equal(new Set(vnet.subnets.map((s) => s.name)).size, vnet.subnets.length, `${vnet.key}: subnet names repeat`);
    }
    for (const hub of m.hubs) assert.equal(hub.firewallName, `afw-plugilo-hub-${env}-${REGIONS[hub.region].shortCode}`);
    for (const log of m.logAnalytics) {
      assert.equal(log.name, `log-plugilo-platform-${env}-${REGIONS[log.region].shortCode}`);
    }
    for (const c of m.clusters) assert.equal(c.aksName, `aks-plugilo-${c.name}-${env}-${REGIONS[c.region].shortCode}`);
    assert.equal(m.networkManager.name, `vnm-plugilo-platform-${env}-gwc`);
    // Names are unique within their kind.
    const names = [...m.vnets.map((v) => v.name), ...m.layers.flatMap((l) => Object.values(l.resourceGroups).map((r) => r.name))];
    assert.equal(new Set(names).size, names.length);
  });
}
