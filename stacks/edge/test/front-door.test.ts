/**
 * FrontDoor planned alone with a profile built by hand:
 * - Premium_AzureFrontDoor (Private Link origins need Premium): https://learn.microsoft.com/azure/frontdoor/private-link
 * - a WAF policy (Default Rule Set 2.1 with action Block, Bot Manager 1.1, a per-client rate limit grouped by
 *   SocketAddr) bound by a security policy to the endpoint and every custom domain:
 *   https://learn.microsoft.com/azure/web-application-firewall/afds/waf-front-door-drs,
 *   https://learn.microsoft.com/azure/web-application-firewall/afds/waf-front-door-rate-limit
 * - custom domains with managed certificates and TLS 1.2: https://learn.microsoft.com/azure/frontdoor/standard-premium/how-to-add-custom-domain
 * - origins reached over Private Link (the Application Gateway's private frontend configuration as group ID),
 *   HTTPS only on 443 with the certificate name checked; routes that redirect HTTP to HTTPS, /api/* never
 *   cached, /* cached and compressed: https://learn.microsoft.com/azure/frontdoor/front-door-caching
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import type { FrontDoorModel } from "@plugilo/model";
import { type ComponentPlan, planComponent, TEST_SUBSCRIPTIONS } from "@plugilo/testing";
import { FrontDoor } from "../src/front-door.ts";

const CONN = TEST_SUBSCRIPTIONS.connectivity;
const RG = `/subscriptions/${CONN}/resourceGroups/rg-edge-gwc`;
const AGW = `${RG}/providers/Microsoft.Network/applicationGateways/agw-acme-test-gwc`;
const APIM = `${RG}/providers/Microsoft.ApiManagement/service/apim-acme-test`;
const ZONE = `/subscriptions/${CONN}/resourceGroups/rg-dns/providers/Microsoft.Network/dnszones/example.org`;
const probe = { path: "/healthz", protocol: "Https" as const, requestType: "HEAD" as const, intervalSeconds: 60 };
const loadBalancing = { sampleSize: 4, successfulSamplesRequired: 3, additionalLatencyInMilliseconds: 50 };
const frontDoor: FrontDoorModel = {
  profileName: "afd-acme-test",
  profileId: "p",
  sku: "Premium_AzureFrontDoor",
  resourceGroup: "rg-edge-gwc",
  endpointName: "fde-acme-test",
  endpointId: "e",
  waf: {
    policyName: "wafafdacmetest",
    policyId: "w",
    mode: "Prevention",
    managedRuleSets: [
      { ruleSetType: "Microsoft_DefaultRuleSet", ruleSetVersion: "2.1", ruleSetAction: "Block" },
      { ruleSetType: "Microsoft_BotManagerRuleSet", ruleSetVersion: "1.1" },
    ],
    rateLimit: { ruleName: "ratelimitperclient", requests: 1000, windowMinutes: 1 },
  },
  securityPolicyName: "waf",
  customDomains: [
    {
      host: "app.example.org",
      name: "app-example-org",
      id: "d",
      zoneName: "example.org",
      zoneId: ZONE,
      relativeName: "app",
      validationRecordName: "_dnsauth.app",
    },
  ],
  originGroups: [
    {
      name: "web",
      id: "g",
      probe,
      loadBalancing,
      origins: [
        {
          name: "agw-gwc",
          region: "germanywestcentral",
          hostName: "10.10.0.10",
          privateLink: {
            resourceId: AGW,
            groupId: "private",
            location: "germanywestcentral",
            requestMessage: "Front Door afd-acme-test",
          },
          priority: 1,
          weight: 1000,
          enabled: true,
        },
      ],
    },
    {
      name: "api",
      id: "g",
      probe,
      loadBalancing,
      origins: [
        {
          name: "apim",
          region: "germanywestcentral",
          hostName: "apim-acme-test.azure-api.net",
          originHostHeader: "apim-acme-test.azure-api.net",
          privateLink: {
            resourceId: APIM,
            groupId: "Gateway",
            location: "germanywestcentral",
            requestMessage: "Front Door afd-acme-test",
          },
          priority: 1,
          weight: 1000,
          enabled: true,
        },
      ],
    },
  ],
  routes: [
    { name: "api", patterns: ["/api/*"], originGroup: "api", caching: false },
    { name: "web", patterns: ["/*"], originGroup: "web", caching: true },
  ],
  caching: {
    queryStringBehavior: "UseQueryString",
    queryParameters: "",
    staticAssetExtensions: ["css", "js", "png"],
    staticAssetCacheDuration: "1.00:00:00",
    compressedContentTypes: ["text/html", "application/json"],
    ruleSetName: "caching",
  },
  logAnalyticsWorkspaceId: "/subscriptions/m/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/log-gwc",
};

describe("FrontDoor", () => {
  let plan: ComponentPlan;
  before(async () => {
    plan = await planComponent(({ providerFor }) => {
      new FrontDoor(
        "front-door",
        { frontDoor, protect: true, tags: { layer: "edge" }, originTargets: [] },
        { providers: [providerFor("connectivity")] },
      );
    });
  });

  it("is a protected global Premium profile whose WAF policy blocks with DRS 2.1, bots and a rate limit", () => {
    const profile = plan.named("azure-native:cdn:Profile", "afd-acme-test");
    assert.deepEqual(
      [profile.inputs.sku, profile.inputs.location, profile.protect, plan.subscriptionOf(profile)],
      [{ name: "Premium_AzureFrontDoor" }, "global", true, CONN],
    );
    const waf = plan.named("azure-native:frontdoor:Policy", "wafafdacmetest");
    assert.deepEqual(waf.inputs.sku, { name: "Premium_AzureFrontDoor" });
    assert.equal((waf.inputs.policySettings as { mode: string }).mode, "Prevention");
    assert.deepEqual((waf.inputs.managedRules as { managedRuleSets: unknown }).managedRuleSets, frontDoor.waf.managedRuleSets);
    const [rule] = (waf.inputs.customRules as { rules: Record<string, unknown>[] }).rules;
    assert.deepEqual(
      [rule?.ruleType, rule?.rateLimitThreshold, rule?.rateLimitDurationInMinutes, rule?.groupBy, rule?.action],
      ["RateLimitRule", 1000, 1, [{ variableName: "SocketAddr" }], "Block"],
    );
    const security = plan.named("azure-native:cdn:SecurityPolicy", "afd-acme-test-waf");
    const parameters = security.inputs.parameters as {
      type: string;
      associations: { domains: { id: string }[]; patternsToMatch: string[] }[];
    };
    assert.equal(parameters.type, "WebApplicationFirewall");
    assert.deepEqual(
      parameters.associations[0]?.domains.map((d) => d.id.split("/").slice(-2).join("/")),
      ["afdEndpoints/fde-acme-test", "customDomains/app-example-org"],
    );
  });

  it("serves the custom domain with a managed TLS 1.2 certificate, never the azurefd.net name", () => {
    const domain = plan.named("azure-native:cdn:AFDCustomDomain", "app-example-org");
    assert.deepEqual(
      [domain.inputs.hostName, domain.inputs.azureDnsZone, domain.inputs.tlsSettings],
      ["app.example.org", { id: ZONE }, { certificateType: "ManagedCertificate", minimumTlsVersion: "TLS12" }],
    );
    const routes = plan.ofType("azure-native:cdn:Route");
    assert.deepEqual(
      routes.map((r) => [
        r.inputs.routeName,
        r.inputs.patternsToMatch,
        r.inputs.httpsRedirect,
        r.inputs.forwardingProtocol,
        r.inputs.linkToDefaultDomain,
        r.inputs.cacheConfiguration !== undefined,
      ]),
      [
        ["api", ["/api/*"], "Enabled", "HttpsOnly", "Disabled", false],
        ["web", ["/*"], "Enabled", "HttpsOnly", "Disabled", true],
      ],
    );
  });

  it("reaches every origin through Private Link on 443 with the certificate name checked", () => {
    const origins = plan.ofType("azure-native:cdn:AFDOrigin");
    assert.deepEqual(
      origins.map((o) => [
        o.inputs.originName,
        o.inputs.httpsPort,
        o.inputs.enforceCertificateNameCheck,
        o.inputs.sharedPrivateLinkResource,
      ]),
      [
        [
          "agw-gwc",
          443,
          true,
          {
            privateLink: { id: AGW },
            groupId: "private",
            privateLinkLocation: "germanywestcentral",
            requestMessage: "Front Door afd-acme-test",
          },
        ],
        [
          "apim",
          443,
          true,
          {
            privateLink: { id: APIM },
            groupId: "Gateway",
            privateLinkLocation: "germanywestcentral",
            requestMessage: "Front Door afd-acme-test",
          },
        ],
      ],
    );
    const cache = plan.named("azure-native:cdn:Rule", "afd-acme-test-caching-cache");
    const [action] = cache.inputs.actions as { parameters: { cacheConfiguration: Record<string, unknown> } }[];
    assert.deepEqual(
      [action?.parameters.cacheConfiguration.cacheBehavior, action?.parameters.cacheConfiguration.cacheDuration],
      ["OverrideIfOriginMissing", "1.00:00:00"],
    );
  });
});
