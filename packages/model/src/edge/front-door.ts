/** Front Door Premium: global, in the primary region's edge resource group; WAF, custom domains, caching, origins over Private Link. */
import { resourceName } from "../core/naming.ts";
import { REGIONS, type RegionName, serviceCapability, supports } from "../core/regions.ts";
import type { DnsModel } from "../core/resources.ts";
import type { EnvironmentConfig } from "../core/schema.ts";
import type { ApiManagementModel } from "./api-management.ts";
import type { ApplicationGatewayModel } from "./application-gateway.ts";
import { type EdgeContext, slugOfHost } from "./context.ts";
import { zoneOf } from "./edge-findings.ts";
import { frontDoorOriginHost } from "./front-door-origin-host.ts";
import type { WafMode } from "./schema.ts";
export interface FrontDoorOriginModel {
  name: string;
  region: RegionName;
  /** The address Front Door connects to through its managed private endpoint. */
  hostName: string;
  /** Host header sent to the origin; absent: Front Door forwards the client's host (AppGW listeners per host). */
  originHostHeader?: string;
  privateLink: {
    /** The Private Link resource: the Application Gateway, or the API Management service. */
    resourceId: string;
    /** AppGW: the name of the frontend IP configuration that carries the Private Link configuration; APIM: Gateway. */
    groupId: string;
    /** Where Front Door makes its private endpoint: the origin's region, or the nearest region that offers it. */
    location: RegionName;
    requestMessage: string;
  };
  priority: number;
  weight: number;
  enabled: boolean;
}

export interface FrontDoorOriginGroupModel {
  name: "web" | "api";
  id: string;
  probe: { path: string; protocol: "Https"; requestType: "HEAD" | "GET"; intervalSeconds: number };
  /** Latency-based: every healthy origin within additionalLatencyInMilliseconds of the fastest takes traffic. */
  loadBalancing: { sampleSize: number; successfulSamplesRequired: number; additionalLatencyInMilliseconds: number };
  /** All Private Link origins: Front Door does not allow public and private origins in one group. */
  origins: FrontDoorOriginModel[];
}

export interface FrontDoorRouteModel {
  name: "api" | "web";
  patterns: string[];
  originGroup: "web" | "api";
  /** Edge caching and compression on this route (absent on the API: responses are never cached). */
  caching: boolean;
}

export interface CustomDomainModel {
  host: string;
  /** Resource name of the custom domain in the profile. */
  name: string;
  id: string;
  zoneName: string;
  zoneId: string;
  /** The host relative to its zone: the name of the CNAME record. */
  relativeName: string;
  /** The TXT record Front Door checks before it issues the managed certificate. */
  validationRecordName: string;
}

export interface FrontDoorModel {
  profileName: string;
  profileId: string;
  sku: "Premium_AzureFrontDoor";
  resourceGroup: string;
  endpointName: string;
  endpointId: string;
  waf: {
    policyName: string;
    policyId: string;
    mode: WafMode;
    managedRuleSets: { ruleSetType: string; ruleSetVersion: string; ruleSetAction?: "Block" }[];
    rateLimit: { ruleName: string; requests: number; windowMinutes: 1 | 5 };
  };
  securityPolicyName: string;
  customDomains: CustomDomainModel[];
  originGroups: FrontDoorOriginGroupModel[];
  routes: FrontDoorRouteModel[];
  caching: {
    queryStringBehavior: EnvironmentConfig["edge"]["frontDoor"]["caching"]["queryStringBehavior"];
    /** Comma-separated, as Front Door takes them; empty unless a *Specified* behaviour is chosen. */
    queryParameters: string;
    staticAssetExtensions: string[];
    /** d.hh:mm:ss, as Front Door takes it. */
    staticAssetCacheDuration: string;
    compressedContentTypes: string[];
    ruleSetName: string;
  };
  logAnalyticsWorkspaceId: string;
}

/** Front Door Premium WAF managed rules: Default Rule Set 2.1 (anomaly scoring, so the set's action is Block) and bot protection. */
export const FRONT_DOOR_MANAGED_RULE_SETS = [
  { ruleSetType: "Microsoft_DefaultRuleSet", ruleSetVersion: "2.1", ruleSetAction: "Block" as const },
  { ruleSetType: "Microsoft_BotManagerRuleSet", ruleSetVersion: "1.1" },
];

/** MIME types Front Door compresses (it compresses only these, and only files of 1 KB to 8 MB). */
export const COMPRESSED_CONTENT_TYPES = [
  "text/html",
  "text/css",
  "text/plain",
  "text/xml",
  "text/javascript",
  "application/javascript",
  "application/x-javascript",
  "application/json",
  "application/xml",
  "application/manifest+json",
  "image/svg+xml",
  "font/ttf",
  "font/otf",
  "application/vnd.ms-fontobject",
];

/** Where Front Door makes the private endpoint for an origin in `region`: there, or the nearest region offering it. */
export function privateLinkLocation(region: RegionName): RegionName {
  if (supports("frontDoor", "privateLinkOrigin", region)) return region;
  const offered = serviceCapability("frontDoor", "privateLinkOrigin")?.regions ?? [];
  const paired = REGIONS[region].pairedWith;
  const nearest = offered.includes(paired) ? paired : offered[0];
  if (!nearest) throw new Error("the capability catalogue lists no region with Front Door Private Link");
  return nearest;
}

/** Hours as Front Door's d.hh:mm:ss duration. */
export function cacheDuration(hours: number): string {
  const days = Math.floor(hours / 24);
  return `${days}.${String(hours % 24).padStart(2, "0")}:00:00`;
}

export function resolveFrontDoor(
  ctx: EdgeContext,
  dns: DnsModel,
  applicationGateways: readonly ApplicationGatewayModel[],
  apiManagement: ApiManagementModel,
): FrontDoorModel {
  const { config, parts, primary, rgOf, workspaceOf, id } = ctx;
  const fd = config.edge.frontDoor;
  const globalRg = rgOf(primary);
  const apimRegion = apiManagement.region;
  const apimName = apiManagement.name;
  const apimId = apiManagement.id;
  // Front Door: global; its resources live in the primary region's edge resource group.
  const profileName = resourceName("frontDoor", parts("edge"));
  const profileId = id(globalRg, "Microsoft.Cdn/profiles", profileName);
  const endpointName = resourceName("frontDoorEndpoint", parts("edge"));
  const wafPolicyName = resourceName("frontDoorWafPolicy", parts("edge"));
  const originGroupId = (name: string) => id(globalRg, "Microsoft.Cdn/profiles/originGroups", profileName, name);
  const customDomains: CustomDomainModel[] = fd.customDomains.map((host) => {
    const zoneName = zoneOf(
      host,
      dns.publicZones.map((z) => z.name),
    ) as string;
    const zone = dns.publicZones.find((z) => z.name === zoneName);
    if (!zone) throw new Error(`${host} is in no public zone`);
    const relativeName = host.slice(0, -(zoneName.length + 1));
    const name = slugOfHost(host);
    return {
      host,
      name,
      id: id(globalRg, "Microsoft.Cdn/profiles/customDomains", profileName, name),
      zoneName,
      zoneId: zone.id,
      relativeName,
      validationRecordName: `_dnsauth.${relativeName}`,
    };
  });
  const web: FrontDoorOriginGroupModel = {
    name: "web",
    id: originGroupId("web"),
    probe: { path: fd.healthProbe.path, protocol: "Https", requestType: "HEAD", intervalSeconds: fd.healthProbe.intervalSeconds },
    loadBalancing: { sampleSize: 4, successfulSamplesRequired: 3, additionalLatencyInMilliseconds: 50 },
    // Both regions active: equal priority and weight, so latency decides and a failed probe takes a region out.
    origins: applicationGateways.map((agw) => ({
      name: `agw-${REGIONS[agw.region].shortCode}`,
      region: agw.region,
      // Probes carry the origin host header (else the host name), with SNI: a listener's host name, never the
      // private IP, which matches no host-name listener (docs/adr/0101, front-door-origin-host.ts).
      ...frontDoorOriginHost(agw),
      privateLink: {
        resourceId: agw.id,
        groupId: agw.parts.privateFrontend,
        location: privateLinkLocation(agw.region),
        requestMessage: `Front Door ${profileName} to ${agw.name}`,
      },
      priority: 1,
      weight: 1000,
      enabled: true,
    })),
  };
  const api: FrontDoorOriginGroupModel = {
    name: "api",
    id: originGroupId("api"),
    // API Management's own health endpoint.
    probe: {
      path: "/status-0123456789abcdef",
      protocol: "Https",
      requestType: "GET",
      intervalSeconds: fd.healthProbe.intervalSeconds,
    },
    loadBalancing: { sampleSize: 4, successfulSamplesRequired: 3, additionalLatencyInMilliseconds: 50 },
    origins: [
      {
        name: "apim",
        region: apimRegion,
        hostName: apiManagement.gatewayHostName,
        originHostHeader: apiManagement.gatewayHostName,
        privateLink: {
          resourceId: apimId,
          groupId: "Gateway",
          location: privateLinkLocation(apimRegion),
          requestMessage: `Front Door ${profileName} to ${apimName}`,
        },
        priority: 1,
        weight: 1000,
        enabled: true,
      },
    ],
  };
  return {
    profileName,
    profileId,
    sku: "Premium_AzureFrontDoor",
    resourceGroup: globalRg.name,
    endpointName,
    endpointId: id(globalRg, "Microsoft.Cdn/profiles/afdEndpoints", profileName, endpointName),
    waf: {
      policyName: wafPolicyName,
      policyId: id(globalRg, "Microsoft.Network/frontDoorWebApplicationFirewallPolicies", wafPolicyName),
      mode: fd.wafMode,
      managedRuleSets: FRONT_DOOR_MANAGED_RULE_SETS.map((r) => ({ ...r })),
      rateLimit: { ruleName: "ratelimitperclient", requests: fd.rateLimit.requests, windowMinutes: fd.rateLimit.windowMinutes },
    },
    securityPolicyName: "waf",
    customDomains,
    originGroups: [web, api],
    // The more specific pattern wins: /api/* goes to API Management, everything else to the web tier.
    routes: [
      { name: "api", patterns: ["/api/*"], originGroup: "api", caching: false },
      { name: "web", patterns: ["/*"], originGroup: "web", caching: true },
    ],
    caching: {
      queryStringBehavior: fd.caching.queryStringBehavior,
      queryParameters: fd.caching.queryStringBehavior.endsWith("SpecifiedQueryStrings")
        ? fd.caching.queryParameters.join(",")
        : "",
      staticAssetExtensions: [...fd.caching.staticAssetExtensions],
      staticAssetCacheDuration: cacheDuration(fd.caching.staticAssetMaxAgeHours),
      compressedContentTypes: [...COMPRESSED_CONTENT_TYPES],
      ruleSetName: "staticassets",
    },
    logAnalyticsWorkspaceId: workspaceOf(primary),
  };
}
