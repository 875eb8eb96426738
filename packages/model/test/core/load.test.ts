/** Reading environment files: YAML, the strict schema, defaults, and findings that point into the file. */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before, test } from "node:test";
import { ConfigError, formatFinding, formatPath } from "../../src/core/findings.ts";
import { ENVIRONMENTS_DIR, environmentPath, listEnvironments, loadEnvironment, parseEnvironment } from "../../src/core/load.ts";
import { siblingEnvironments } from "../../src/core/resolve.ts";
import { badConfig } from "../bad-configs.ts";
import { edit, environmentText, findingAt, findingsOf, lineContaining } from "../helpers.ts";

const FILE = "environments/prod.yaml";

let scratch = "";
before(() => {
  scratch = mkdtempSync(join(tmpdir(), "model-load-"));
});
after(() => {
  rmSync(scratch, { recursive: true, force: true });
});

test("environmentPath: a name means environments/<name>.yaml; a .yaml or a path is taken as a file", () => {
  assert.equal(environmentPath("prod"), join(ENVIRONMENTS_DIR, "prod.yaml"));
  assert.equal(environmentPath("prod", "/elsewhere"), "/elsewhere/prod.yaml");
  assert.equal(environmentPath("x.yaml"), resolve("x.yaml"));
  assert.equal(environmentPath("some/dir/prod"), resolve("some/dir/prod"));
});

test("loadEnvironment by name reads the file and reports it relative to the working directory", () => {
  const loaded = loadEnvironment("staging");
  assert.equal(loaded.config.name, "staging");
  assert.match(loaded.file, /environments\/staging\.yaml$/);
});

test("an unknown environment is an error that lists the known ones", () => {
  const [finding, ...rest] = findingsOf(() => loadEnvironment("qa"));
  assert.equal(rest.length, 0);
  assert.match(finding?.message ?? "", /no such environment file \(known: dev, staging, prod\)/);
  assert.match(finding?.file ?? "", /environments\/qa\.yaml$/);
});

test("by name, the file's name: must match the file name; by path it need not", () => {
  writeFileSync(join(scratch, "qa.yaml"), environmentText("dev"));
  const finding = findingAt(
    findingsOf(() => loadEnvironment("qa", scratch)),
    "name",
  );
  assert.match(finding.message, /must match the file name \("qa"\)/);
  assert.equal(loadEnvironment(join(scratch, "qa.yaml")).config.name, "dev");
});

test("listEnvironments lists promotion order first, then the rest alphabetically; a missing folder lists none", () => {
  const dir = mkdtempSync(join(scratch, "list-"));
  for (const name of ["zeta", "prod", "alpha", "dev"]) writeFileSync(join(dir, `${name}.yaml`), "");
  writeFileSync(join(dir, "notes.md"), "");
  assert.deepEqual(listEnvironments(dir), ["dev", "prod", "alpha", "zeta"]);
  assert.deepEqual(listEnvironments(join(scratch, "missing")), []);
});

test("defaults fill what an environment leaves out", () => {
  let text = environmentText("dev");
  // The apiManagement and edge sections, whole.
  text = edit(text, text.slice(text.indexOf("apiManagement:\n"), text.indexOf("multicloud:\n")), "");
  text = edit(text, "logAnalytics:\n  retentionDays: 30\n", "");
  text = edit(text, "organization: plugilo\n", "");
  text = edit(text, "    tier: Free\n    systemPool: { vmSize: Standard_D2ds_v5, count: 1 }\n  - name: app2", "  - name: app2");
  const config = parseEnvironment(text, "dev.yaml");
  assert.equal(config.organization, "plugilo");
  assert.deepEqual(config.apiManagement, {
    tier: "StandardV2",
    region: "germanywestcentral",
    capacity: 1,
    publisherName: "Plugilo",
    rateLimitPerMinute: 600,
    versionSets: ["core"],
    keyVaultNamedValues: [],
  });
  assert.equal(config.edge.frontDoor.wafMode, "Prevention");
  assert.deepEqual(config.edge.frontDoor.customDomains, []);
  assert.deepEqual([config.edge.applicationGateway.minCapacity, config.edge.applicationGateway.maxCapacity], [2, 10]);
  assert.deepEqual(config.logAnalytics, { retentionDays: 30 });
  assert.equal(config.access.tailscaleRange, "100.64.0.0/10");
  assert.deepEqual(config.subnetPrefixes, {});
  assert.equal(config.data.postgresql.haMode, "ZoneRedundant");
  const [app1, app2] = config.clusters;
  assert.equal(app1?.tier, "Standard");
  assert.deepEqual(app1?.systemPool, { vmSize: "Standard_D4ds_v5", count: 3 });
  assert.equal(app1?.podCidr, "10.244.0.0/16");
  assert.equal(app1?.serviceCidr, "10.245.0.0/16");
  assert.equal(app2?.tier, "Free");
  assert.equal(config.protectStatefulResources, undefined);
});

test("schema errors carry the file, the field path and the line of the field", () => {
  const cases: { fixture: string; path: string; line: string; nth?: number }[] = [
    { fixture: "region-outside-germany.yaml", path: "clusters[1].region", line: "region: westeurope" },
    { fixture: "unknown-top-level-field.yaml", path: "owner", line: "owner: platform-team" },
    { fixture: "unknown-nested-field.yaml", path: "clusters[0].systemPool.maxCount", line: "maxCount: 5" },
    { fixture: "misaligned-address-space.yaml", path: "addressSpace", line: "addressSpace: 10.60.0.1/16" },
    { fixture: "bad-guid.yaml", path: "subscriptions.hub", line: "00000000000z" },
    { fixture: "duplicate-cluster-name.yaml", path: "clusters[1].name", line: "- name: app1", nth: 1 },
    { fixture: "count-not-a-number.yaml", path: "clusters[0].systemPool.count", line: '"three"' },
    // A missing field is reported at its parent, the nearest line that exists.
    { fixture: "missing-subscription.yaml", path: "subscriptions.app2", line: "subscriptions:" },
  ];
  for (const c of cases) {
    const text = readFileSync(badConfig(c.fixture), "utf8");
    const findings = findingsOf(() => parseEnvironment(text, c.fixture));
    const finding = findingAt(findings, c.path);
    assert.equal(finding.severity, "error");
    assert.equal(finding.file, c.fixture);
    assert.equal(finding.line, lineContaining(text, c.line, c.nth), `${c.fixture}: line of ${c.path}`);
  }
});

test("YAML syntax errors carry the file and the line", () => {
  const text = readFileSync(badConfig("duplicate-yaml-key.yaml"), "utf8");
  const [finding, ...rest] = findingsOf(() => parseEnvironment(text, "dup.yaml"));
  assert.equal(rest.length, 0);
  assert.equal(finding?.file, "dup.yaml");
  assert.equal(finding?.path, "");
  assert.match(finding?.message ?? "", /^YAML syntax: duplicate key "addressSpace"/);
  assert.equal(finding?.line, lineContaining(text, "addressSpace: 10.61.0.0/16"));

  const unclosed = readFileSync(badConfig("invalid-yaml-syntax.yaml"), "utf8");
  // One unclosed brace: one finding, at the brace's line, not one per echo of the parser.
  const syntax = findingsOf(() => parseEnvironment(unclosed, "unclosed.yaml"));
  assert.equal(syntax.length, 1, JSON.stringify(syntax));
  const line = lineContaining(unclosed, "asn: 64512");
  assert.ok(syntax[0]?.line === line || syntax[0]?.line === line + 1, JSON.stringify(syntax));
});

test("an unknown field is reported on the field itself, each one separately", () => {
  const text = edit(environmentText("prod"), "regions:\n", "regions:\n  tertiary: germanynorth\n  quaternary: germanynorth\n");
  const findings = findingsOf(() => parseEnvironment(text, FILE));
  assert.deepEqual(
    findings.map((f) => [f.path, f.message]),
    [
      ["regions.tertiary", 'unknown field "tertiary"'],
      ["regions.quaternary", 'unknown field "quaternary"'],
    ],
  );
  assert.equal(findings[0]?.line, lineContaining(text, "tertiary"));
});

test("every schema problem is reported, not just the first", () => {
  let text = environmentText("prod");
  text = edit(text, "tenantId: 00000000-0000-0000-0000-00000000c0de", "tenantId: nope");
  text = edit(text, "retentionDays: 90", "retentionDays: 7");
  text = edit(text, "    region: germanynorth\n", "    region: northeurope\n");
  const paths = findingsOf(() => parseEnvironment(text, FILE)).map((f) => f.path);
  assert.deepEqual(paths.sort(), ["clusters[1].region", "logAnalytics.retentionDays", "tenantId"]);
});

test("a document that is not a mapping is an error for the whole file", () => {
  for (const text of ["", "- a\n- b\n", "just a string\n"]) {
    const [finding] = findingsOf(() => parseEnvironment(text, "x.yaml"));
    assert.equal(finding?.path, "");
    assert.match(finding?.message ?? "", /must contain a YAML mapping/);
  }
});

test("ConfigError formats each finding as file:line: path: message (see source)", () => {
  const error = new ConfigError([
    { severity: "error", file: "e.yaml", path: "clusters[1].region", line: 29, message: "bad", source: "https://x" },
    { severity: "warning", file: "e.yaml", path: "", message: "meh" },
  ]);
  assert.equal(error.name, "ConfigError");
  assert.equal(error.message, "error: e.yaml:29: clusters[1].region: bad (see https://x)\nwarning: e.yaml: meh");
  assert.equal(formatFinding({ severity: "error", file: "f", path: "a", message: "m" }), "error: f: a: m");
  assert.equal(formatPath(["clusters", 1, "systemPool", "zones", 0]), "clusters[1].systemPool.zones[0]");
  assert.equal(formatPath([]), "");
});

test("siblingEnvironments: the other valid files of the folder, not the file itself", () => {
  const siblings = siblingEnvironments(join(ENVIRONMENTS_DIR, "prod.yaml"));
  assert.deepEqual(siblings.map((s) => [s.name, s.addressSpace]).sort(), [
    ["dev", "10.40.0.0/16"],
    ["staging", "10.50.0.0/16"],
  ]);
  const dir = mkdtempSync(join(scratch, "siblings-"));
  writeFileSync(join(dir, "a.yaml"), environmentText("dev"));
  writeFileSync(join(dir, "broken.yaml"), "name: [");
  writeFileSync(join(dir, "readme.txt"), "not yaml");
  assert.deepEqual(siblingEnvironments(join(dir, "b.yaml")), [
    { name: "dev", file: join(dir, "a.yaml"), addressSpace: "10.40.0.0/16" },
  ]);
  assert.deepEqual(siblingEnvironments(join(dir, "a.yaml")), []);
});
