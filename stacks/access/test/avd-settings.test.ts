/**
 * The access section of the environment file and its resolution (packages/model/src/access/access.ts), without a
 * plan: defaults, the rules between fields, names within Azure's limits, and the token's expiry.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import {
  avdSettings,
  ConfigError,
  customRdpProperties,
  type EnvironmentConfig,
  environmentPath,
  parseEnvironment,
  resolveConfig,
} from "@plugilo/model";
import { registrationTokenExpiry } from "../src/host-pool.ts";

const prodText = readFileSync(environmentPath("prod"), "utf8");
const prod = () => structuredClone(parseEnvironment(prodText, "prod.yaml")) as EnvironmentConfig;
const errorsOf = (config: EnvironmentConfig) => {
  try {
    resolveConfig(config, "prod.yaml");
    return [];
  } catch (e) {
    if (e instanceof ConfigError) return e.findings.map((f) => `${f.path}: ${f.message}`);
    throw e;
  }
};

describe("access.avd settings", () => {
  it("falls back to the defaults when the section is absent, and warns that nobody may sign in", () => {
    const config = prod();
    delete config.access.avd;
    const settings = avdSettings(config);
    assert.equal(settings.sessionHosts.vmSize, "Standard_D4ds_v5");
    assert.equal(settings.sessionHosts.image.sku, "win11-25h2-avd-m365");
    assert.equal(settings.hostPool.loadBalancer, "BreadthFirst");
    assert.equal(settings.hostPool.clipboard, false);
    const model = resolveConfig(config, "prod.yaml");
    assert.ok(model.avd);
    assert.deepEqual(model.avd.roleAssignments, [], "no group, no role assignment");
    assert.ok(model.warnings.some((w) => w.path === "access.avd.userGroupObjectIds"));
    assert.ok(model.warnings.some((w) => w.path === "access.avd.servicePrincipalObjectId"));
  });

  it("rejects AVD settings with access.mode tailscale", () => {
    const config = prod();
    config.access.mode = "tailscale";
    assert.ok(errorsOf(config).some((e) => e.startsWith("access.avd: applies only with access.mode avd")));
  });

  it("rejects a retired session host size", () => {
    const config = prod();
    (config.access.avd as NonNullable<EnvironmentConfig["access"]["avd"]>).sessionHosts.vmSize = "Standard_DS3_v2";
    assert.ok(errorsOf(config).some((e) => e.startsWith("access.avd.sessionHosts.vmSize:") && e.includes("retire")));
  });

  it("rejects scaling phases out of order, naming the field", () => {
    const text = prodText.replace('peakStart: "09:00"', 'peakStart: "06:30"');
    assert.throws(
      () => parseEnvironment(text, "prod.yaml"),
      (e: unknown) =>
        e instanceof ConfigError &&
        e.findings.some((f) => f.path === "access.avd.scalingPlan.peakStart" && f.message.includes("after")),
    );
  });

  it("names session hosts within Windows' 15 characters, with stable role assignment names", () => {
    const config = prod();
    config.name = "sandbox8";
    const a = resolveConfig(config, "prod.yaml").avd;
    const b = resolveConfig(prod(), "prod.yaml").avd;
    assert.ok(a && b);
    for (const h of a.sessionHosts.hosts) assert.ok(h.computerName.length <= 15, h.computerName);
    assert.deepEqual(
      b.roleAssignments.map((r) => r.name),
      resolveConfig(prod(), "prod.yaml").avd?.roleAssignments.map((r) => r.name),
    );
    assert.equal(new Set(b.roleAssignments.map((r) => r.name)).size, b.roleAssignments.length);
  });

  it("switches the sign-in RDP property and the clipboard with the settings", () => {
    const settings = avdSettings(prod());
    assert.match(customRdpProperties(settings), /enablerdsaadauth:i:1;.*redirectclipboard:i:0;/);
    const legacy = { ...settings, hostPool: { ...settings.hostPool, singleSignOn: false, clipboard: true } };
    assert.match(customRdpProperties(legacy), /targetisaadjoined:i:1;.*redirectclipboard:i:1;/);
  });
});

describe("registration token expiry", () => {
  it("counts its lifetime from the start of the current hour, in UTC", () => {
    assert.equal(registrationTokenExpiry(new Date("2026-03-01T10:42:17Z"), 4), "2026-03-01T14:00:00.000Z");
    assert.equal(registrationTokenExpiry(new Date("2026-03-01T23:00:00Z"), 2), "2026-03-02T01:00:00.000Z");
  });
});
