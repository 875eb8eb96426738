/**
 * Bad input reads as one clear finding: a missing field is "required" at its parent's line, a duplicate key
 * names the key, an alias bomb is refused, a number out of range says whose limit it is, and a directory or
 * an unreadable file is a finding rather than a crash.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { loadEnvironment, parseEnvironment } from "../src/core/load.ts";
import { edit, environmentText, findingsOf, lineContaining } from "./helpers.ts";

let scratch = "";
before(() => {
  scratch = mkdtempSync(join(tmpdir(), "model-input-"));
});
after(() => rmSync(scratch, { recursive: true, force: true }));

test("a missing nested field is 'required' at its parent's line, not a wrong value", () => {
  const text = edit(environmentText("prod"), "aws: { ranges: [10.100.0.0/16], asn", "aws: { asn");
  const findings = findingsOf(() => parseEnvironment(text, "prod.yaml"));
  assert.equal(findings.length, 1, JSON.stringify(findings));
  assert.equal(findings[0]?.path, "multicloud.aws.ranges");
  assert.equal(findings[0]?.message, "is required (array)");
  assert.equal(findings[0]?.line, lineContaining(text, "  aws: { asn"));
});

test("a missing top-level field is 'required' and points at no unrelated line", () => {
  const text = edit(environmentText("prod"), "tenantId: 00000000-0000-0000-0000-00000000c0de\n", "");
  const [finding, ...rest] = findingsOf(() => parseEnvironment(text, "prod.yaml"));
  assert.equal(rest.length, 0);
  assert.equal(finding?.path, "tenantId");
  assert.match(finding?.message ?? "", /^is required/);
  assert.equal(finding?.line, undefined);
});

test("a duplicate key is named, at the line of its second occurrence", () => {
  const text = edit(environmentText("prod"), "organization: plugilo\n", "organization: plugilo\norganization: other\n");
  const [finding, ...rest] = findingsOf(() => parseEnvironment(text, "prod.yaml"));
  assert.equal(rest.length, 0);
  assert.match(finding?.message ?? "", /duplicate key "organization"/);
  assert.equal(finding?.line, lineContaining(text, "organization: other"));
});

test("one unclosed brace gives one message", () => {
  const text = edit(
    environmentText("prod"),
    "systemPool: { vmSize: Standard_D4ds_v5, count: 3 }",
    "systemPool: { vmSize: Standard_D4ds_v5, count: 3",
  );
  const findings = findingsOf(() => parseEnvironment(text, "prod.yaml"));
  assert.equal(findings.length, 1, JSON.stringify(findings));
  assert.match(findings[0]?.message ?? "", /^YAML syntax: /);
});

test("an alias bomb is refused with a finding instead of expanding a billion nodes", () => {
  const levels = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
  for (let i = 1; i < 9; i++) {
    const prev = String.fromCharCode(96 + i);
    levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${prev}`).join(", ")}]`);
  }
  const started = performance.now();
  const [finding, ...rest] = findingsOf(() => parseEnvironment(`${levels.join("\n")}\n`, "bomb.yaml"));
  assert.equal(rest.length, 0);
  assert.equal(finding?.file, "bomb.yaml");
  assert.match(finding?.message ?? "", /aliases expand to too many nodes/);
  // Nine levels of ten would be 10^9 nodes; refusing takes well under a second.
  assert.ok(performance.now() - started < 5000);
});

test("a number out of range names the Azure limit and its source", () => {
  const text = edit(environmentText("prod"), "natPublicIps: 2", "natPublicIps: 17");
  const [finding] = findingsOf(() => parseEnvironment(text, "prod.yaml"));
  assert.equal(finding?.path, "hub.natPublicIps");
  assert.match(finding?.message ?? "", /^must be at most 16: a NAT gateway takes 1 to 16 public IP addresses/);
  assert.equal(finding?.source, "https://learn.microsoft.com/azure/nat-gateway/nat-gateway-resource");

  const window = edit(environmentText("prod"), "durationHours: 4 }", "durationHours: 2 }");
  const [short] = findingsOf(() => parseEnvironment(window, "prod.yaml"));
  assert.equal(short?.path, "clusters[0].maintenanceWindow.durationHours");
  assert.match(short?.message ?? "", /^must be at least 4: AKS maintenance windows last 4 to 24 hours/);
  assert.equal(short?.source, "https://learn.microsoft.com/azure/aks/planned-maintenance");
});

test("a limit without an outside source says it is plugilo's own", () => {
  const text = edit(environmentText("prod"), "maxProvisionedCpu: 512", "maxProvisionedCpu: 4");
  const [finding] = findingsOf(() => parseEnvironment(text, "prod.yaml"));
  assert.equal(finding?.path, "clusters[0].maxProvisionedCpu");
  assert.match(finding?.message ?? "", /^must be at least 8: plugilo's own bound/);
});

test("a directory is a finding that says so", () => {
  const [finding, ...rest] = findingsOf(() => loadEnvironment(`${scratch}/`));
  assert.equal(rest.length, 0);
  assert.match(finding?.message ?? "", /^is a directory: give an environment name \(dev, staging, prod\)/);
});

test("an unreadable file is a finding with the reason", () => {
  // /proc/self/mem exists but cannot be read with read(2) (EIO), even by root: chmod 000 would not stop root.
  const [finding] = findingsOf(() => loadEnvironment("/proc/self/mem"));
  assert.equal(finding?.file, "/proc/self/mem");
  assert.match(finding?.message ?? "", /^cannot read the file \(EIO/);
});
