/** The region capability catalogue and the rules validation derives from it. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { REGION_NAMES, REGIONS, SERVICE_CAPABILITIES, serviceCapability, supports } from "../src/core/regions.ts";
import { resolveConfig } from "../src/core/resolve.ts";
import type { EnvironmentConfig } from "../src/core/schema.ts";
import { capabilityFindings } from "../src/core/validate.ts";
import { configOf, findingAt, findingsOf } from "./helpers.ts";

const FILE = "environments/prod.yaml";

/** The prod configuration with `change` applied. */
function prodWith(change: (config: EnvironmentConfig) => void): EnvironmentConfig {
  const config = configOf("prod");
  change(config);
  return config;
}

/** Move the primary region to germanynorth (and the secondary to germanywestcentral). */
function primaryNorth(config: EnvironmentConfig): void {
  config.regions = { primary: "germanynorth", secondary: "germanywestcentral" };
}

test("the catalogue only knows the two German regions, paired with each other", () => {
  assert.deepEqual([...REGION_NAMES], ["germanywestcentral", "germanynorth"]);
  assert.equal(REGIONS.germanywestcentral.pairedWith, "germanynorth");
  assert.equal(REGIONS.germanynorth.pairedWith, "germanywestcentral");
  assert.notEqual(REGIONS.germanywestcentral.addressSlot, REGIONS.germanynorth.addressSlot);
});

test("germanywestcentral has zones 1-3; germanynorth has none and is restricted-access", () => {
  assert.deepEqual([...REGIONS.germanywestcentral.availabilityZones], ["1", "2", "3"]);
  assert.equal(REGIONS.germanywestcentral.restrictedAccess, false);
  assert.deepEqual([...REGIONS.germanynorth.availabilityZones], []);
  assert.equal(REGIONS.germanynorth.restrictedAccess, true);
});

test("every catalogue row names known regions and cites an https source", () => {
  for (const row of SERVICE_CAPABILITIES) {
    assert.match(row.source, /^https:\/\//, `${row.service}/${row.feature}`);
    for (const region of row.regions) assert.ok(REGION_NAMES.includes(region), `${row.service}/${row.feature}: ${region}`);
  }
  const keys = SERVICE_CAPABILITIES.map((r) => `${r.service}/${r.feature}`);
  assert.equal(new Set(keys).size, keys.length, "a service feature is listed twice");
});

test("supports() reads the catalogue; an unknown feature is unsupported", () => {
  assert.equal(supports("apiManagement", "StandardV2", "germanywestcentral"), true);
  assert.equal(supports("apiManagement", "StandardV2", "germanynorth"), false);
  assert.equal(supports("postgresqlFlexible", "ZoneRedundant", "germanynorth"), false);
  assert.equal(supports("postgresqlFlexible", "SameZone", "germanynorth"), true);
  assert.equal(supports("apiManagement", "NoSuchTier", "germanywestcentral"), false);
  assert.equal(serviceCapability("apiManagement", "NoSuchTier"), undefined);
});

test("zones in germanynorth are an error at the cluster's zones field", () => {
  const config = prodWith((c) => {
    const app2 = c.clusters[1];
    assert.equal(app2?.region, "germanynorth");
    app2.systemPool.zones = ["1"];
  });
  const finding = findingAt(
    findingsOf(() => resolveConfig(config, FILE)),
    "clusters[1].systemPool.zones",
  );
  assert.equal(finding.severity, "error");
  assert.equal(finding.file, FILE);
  assert.match(finding.message, /germanynorth has no availability zones/);
  assert.equal(finding.source, REGIONS.germanynorth.source);
});

test("explicit zones in germanywestcentral are kept; without them a cluster gets its region's zones", () => {
  const model = resolveConfig(
    prodWith((c) => {
      const app1 = c.clusters[0];
      assert.ok(app1);
      app1.systemPool.zones = ["1", "2"];
    }),
    FILE,
  );
  assert.deepEqual(
    model.clusters.map((c) => c.systemPool.zones),
    [["1", "2"], []],
  );
});

test("API Management StandardV2 (and BasicV2) in germanynorth is an error", () => {
  for (const tier of ["StandardV2", "BasicV2"] as const) {
    const config = prodWith((c) => {
      c.apiManagement = { ...c.apiManagement, tier, region: "germanynorth" };
    });
    const finding = findingAt(
      findingsOf(() => resolveConfig(config, FILE)),
      "apiManagement.region",
    );
    assert.match(finding.message, new RegExp(`${tier} is not offered in germanynorth \\(only germanywestcentral\\)`));
    assert.match(finding.source ?? "", /api-management-region-availability/);
  }
});

test("API Management PremiumV2 is rejected, even where it is offered", () => {
  const config = prodWith((c) => {
    c.apiManagement = { ...c.apiManagement, tier: "PremiumV2", region: "germanywestcentral" };
  });
  const findings = findingsOf(() => resolveConfig(config, FILE));
  assert.deepEqual(
    findings.map((f) => f.path),
    ["apiManagement.tier"],
  );
  assert.match(findings[0]?.message ?? "", /Premium v2 over Private Link/);
});

test("ZoneRedundant PostgreSQL HA in germanywestcentral warns: new deployments temporarily blocked, with the live check", () => {
  const [finding] = capabilityFindings(configOf("prod"), FILE).filter((f) => f.path === "data.postgresql.haMode");
  assert.equal(finding?.severity, "warning");
  assert.equal(finding?.file, FILE);
  assert.equal(finding?.source, "https://learn.microsoft.com/azure/postgresql/flexible-server/overview");
  assert.match(finding?.message ?? "", /temporarily blocked/);
  assert.match(finding?.message ?? "", /zoneRedundantHaSupported/);
});

test("germanynorth gives a restricted-access warning on the field that names it", () => {
  const secondary = capabilityFindings(configOf("prod"), FILE).filter((f) => f.path !== "data.postgresql.haMode");
  assert.deepEqual(
    secondary.map((f) => [f.severity, f.path]),
    [["warning", "regions.secondary"]],
  );
  assert.match(secondary[0]?.message ?? "", /restricted-access region: request access for every subscription/);

  const config = prodWith((c) => {
    primaryNorth(c);
    c.data.postgresql.haMode = "SameZone";
  });
  const model = resolveConfig(config, FILE);
  assert.deepEqual(
    model.warnings.map((f) => [f.severity, f.path, f.file]),
    [["warning", "regions.primary", FILE]],
  );
});

test("PostgreSQL ZoneRedundant HA with primary region germanynorth is an error", () => {
  const config = prodWith(primaryNorth);
  const finding = findingAt(
    findingsOf(() => resolveConfig(config, FILE)),
    "data.postgresql.haMode",
  );
  assert.match(finding.message, /ZoneRedundant HA is not available in germanynorth/);
});

test("PostgreSQL SameZone or Disabled in germanynorth is fine, and so is anything when data runs in-cluster", () => {
  for (const haMode of ["SameZone", "Disabled"] as const) {
    resolveConfig(
      prodWith((c) => {
        primaryNorth(c);
        c.data.postgresql.haMode = haMode;
      }),
      FILE,
    );
  }
  resolveConfig(
    prodWith((c) => {
      primaryNorth(c);
      c.data.mode = "in-cluster";
    }),
    FILE,
  );
});

test("every error is reported at once, not just the first", () => {
  const config = prodWith((c) => {
    const app2 = c.clusters[1];
    assert.ok(app2);
    app2.systemPool.zones = ["2"];
    c.apiManagement = { ...c.apiManagement, tier: "PremiumV2", region: "germanynorth" };
    c.addressSpace = "10.60.0.0/20";
  });
  const paths = findingsOf(() => resolveConfig(config, FILE)).map((f) => f.path);
  assert.deepEqual(paths.sort(), ["addressSpace", "apiManagement.region", "apiManagement.tier", "clusters[1].systemPool.zones"]);
});
