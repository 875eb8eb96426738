/**
 * The edge's settings from configuration (dev: the smallest, WAFs in Detection), the model's edge rules,
 * and the pure parts of the stack (API Management's public access decision and its global policy).
 */
import assert from "node:assert/strict";
import { before, describe, it, test } from "node:test";
import {
  APIM_TIER_SUPPORT,
  cacheDuration,
  type EnvironmentConfig,
  type EnvironmentModel,
  edgeFindings,
  loadEnvironment,
  loadModel,
  privateLinkLocation,
  resolveConfig,
  zoneOf,
} from "@plugilo/model";
import { hasErrors, type PlanResult, planEnvironment } from "@plugilo/plan";
import { globalPolicyXml } from "../src/apim-policy.ts";
import { publicNetworkAccessFor } from "../src/apim-public-access.ts";

type Inputs = Record<string, unknown>;

let dev: EnvironmentModel;
let plan: PlanResult;

before(async () => {
  dev = loadModel("dev");
  plan = await planEnvironment(dev, { only: ["edge"] });
});

const of = (type: string) => plan.resources.filter((r) => r.type === `azure-native:${type}`);

describe("edge settings (dev)", () => {
  it("plans with no error findings", () => {
    assert.equal(hasErrors(plan), false, JSON.stringify(plan.findings.filter((f) => f.severity === "error")));
  });

  it("both WAFs only detect in dev; the rate limit and autoscale bounds are dev's", () => {
    const [fd] = of("frontdoor:Policy");
    assert.ok(fd);
    assert.equal((fd.inputs.policySettings as Inputs).mode, "Detection");
    assert.equal(((fd.inputs.customRules as { rules: Inputs[] }).rules[0] as Inputs).rateLimitThreshold, 500);
    const wafs = of("network:WebApplicationFirewallPolicy");
    assert.equal(wafs.length, 2);
    for (const w of wafs) assert.equal((w.inputs.policySettings as Inputs).mode, "Detection");
    for (const g of of("network:ApplicationGateway")) {
      assert.deepEqual(g.inputs.autoscaleConfiguration, { minCapacity: 0, maxCapacity: 2 });
    }
    const [service] = of("apimanagement:ApiManagementService");
    assert.deepEqual(service?.inputs.sku, { name: "StandardV2", capacity: 1 });
  });

  it("dev's stateful edge resources are not protected (protectStatefulResources defaults to false in dev)", () => {
    for (const type of ["apimanagement:ApiManagementService", "cdn:Profile"]) {
      assert.equal(of(type)[0]?.protect, false, type);
    }
  });

  it("the custom domain lies in dev's own public zone", () => {
    assert.deepEqual(
      dev.edge.frontDoor.customDomains.map((d) => [d.host, d.zoneName, d.validationRecordName]),
      [["www.dev.plugilo.example", "dev.plugilo.example", "_dnsauth.www"]],
    );
  });
});

/** The prod configuration with `change` applied. */
function prodWith(change: (config: EnvironmentConfig) => void): EnvironmentConfig {
  const config = structuredClone(loadEnvironment("prod").config);
  change(config);
  return config;
}

test("Front Door Private Link for a germanynorth origin is made in germanywestcentral; germanywestcentral uses its own", () => {
  assert.equal(privateLinkLocation("germanynorth"), "germanywestcentral");
  assert.equal(privateLinkLocation("germanywestcentral"), "germanywestcentral");
});

test("cache durations are d.hh:mm:ss", () => {
  assert.equal(cacheDuration(168), "7.00:00:00");
  assert.equal(cacheDuration(25), "1.01:00:00");
  assert.equal(cacheDuration(1), "0.01:00:00");
});

test("a host's zone is the longest public zone it lies below", () => {
  assert.equal(zoneOf("www.dev.plugilo.example", ["plugilo.example", "dev.plugilo.example"]), "dev.plugilo.example");
  assert.equal(zoneOf("www.other.example", ["plugilo.example"]), undefined);
  assert.equal(zoneOf("plugilo.example", ["plugilo.example"]), undefined);
});

test("edge rules: custom domains outside the public zones or at a zone apex, Specified query strings without names, tiers", () => {
  const file = "environments/prod.yaml";
  assert.deepEqual(edgeFindings(loadEnvironment("prod").config, file), []);
  const bad = prodWith((c) => {
    c.edge.frontDoor.customDomains = ["www.other.example", "plugilo.example", "www.other.example"];
    c.edge.frontDoor.caching.queryStringBehavior = "IncludeSpecifiedQueryStrings";
    c.apiManagement.tier = "BasicV2";
  });
  const findings = edgeFindings(bad, file);
  const at = (path: string) => findings.find((f) => f.path === path)?.message ?? "";
  assert.match(at("edge.frontDoor.customDomains[0]"), /not in a public DNS zone/);
  assert.match(at("edge.frontDoor.customDomains[1]"), /apex/);
  assert.match(at("edge.frontDoor.customDomains[2]"), /duplicate/);
  assert.match(at("edge.frontDoor.caching.queryParameters"), /required/);
  assert.match(at("apiManagement.tier"), /private endpoint/);
  assert.ok(findings.every((f) => f.severity === "error" && f.file === file));
  // Every tier the schema accepts has a verdict; only Standard v2 builds (Premium v2 is rejected in validate.ts).
  for (const [tier, reason] of Object.entries(APIM_TIER_SUPPORT))
    assert.equal(reason === undefined, ["StandardV2", "PremiumV2"].includes(tier));
});

test("without custom domains the gateways have one listener for any host and the routes serve the endpoint's own domain", () => {
  const model = resolveConfig(
    prodWith((c) => {
      c.edge.frontDoor.customDomains = [];
    }),
    "environments/prod.yaml",
  );
  for (const agw of model.edge.applicationGateways) {
    assert.deepEqual(
      agw.listeners.map((l) => [l.name, l.hostName]),
      [["https-any-host", undefined]],
    );
  }
  assert.deepEqual(model.edge.frontDoor.customDomains, []);
  assert.deepEqual(model.edge.apiManagement.policy.corsAllowedOrigins, []);
  assert.doesNotMatch(globalPolicyXml(model.edge.apiManagement), /<cors/);
});

test("API Management public access: Enabled at creation and until a private endpoint connection is approved, then Disabled", () => {
  assert.equal(publicNetworkAccessFor(undefined, "Disabled"), "Enabled");
  assert.equal(publicNetworkAccessFor({ privateEndpointConnections: [] }, "Disabled"), "Enabled");
  const pending = { privateEndpointConnections: [{ privateLinkServiceConnectionState: { status: "Pending" } }] };
  assert.equal(publicNetworkAccessFor(pending, "Disabled"), "Enabled");
  const approved = { privateEndpointConnections: [{ privateLinkServiceConnectionState: { status: "Approved" } }] };
  assert.equal(publicNetworkAccessFor(approved, "Disabled"), "Disabled");
  assert.equal(publicNetworkAccessFor(approved, "Enabled"), "Enabled");
});

test("the global policy escapes configured origins and keeps the C# expression intact", () => {
  const model = loadModel("prod");
  const apim = {
    ...model.edge.apiManagement,
    policy: { ...model.edge.apiManagement.policy, corsAllowedOrigins: ["https://a.example/?x=1&y=<2>"] },
  };
  const xml = globalPolicyXml(apim);
  assert.match(xml, /<origin>https:\/\/a\.example\/\?x=1&amp;y=&lt;2&gt;<\/origin>/);
  assert.match(xml, /counter-key='@\(\(\(Jwt\)context\.Variables\["jwt"\]\)\.Claims\.GetValueOrDefault\("oid", "anonymous"\)\)'/);
  // Balanced elements: every opening tag has its closing tag (self-closing ones aside).
  const open = [...xml.matchAll(/<([a-z-]+)[\s>]/g)].map((m) => m[1]);
  const selfClosing = [...xml.matchAll(/<([a-z-]+)[^<>]*\/>/g)].map((m) => m[1]);
  const close = [...xml.matchAll(/<\/([a-z-]+)>/g)].map((m) => m[1]);
  const count = (list: (string | undefined)[]) =>
    list.reduce((m, t) => m.set(t, (m.get(t) ?? 0) + 1), new Map<string | undefined, number>());
  const opened = count(open);
  for (const [tag, n] of count(selfClosing)) opened.set(tag, (opened.get(tag) ?? 0) - n);
  for (const [tag, n] of opened) if (n > 0) assert.equal(count(close).get(tag), n, `<${tag}> is not closed`);
});
