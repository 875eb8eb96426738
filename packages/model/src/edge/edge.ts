/**
 * The edge layer's part of the model: Front Door Premium, one Application Gateway WAF_v2 per
 * region that hosts a cluster, and API Management Standard v2. Every name, ID, address, host name and
 * Private Link setting is fixed here, so the edge stack and its tests read the same values.
 *
 * The inbound path it describes (docs/adr/0020-0023):
 *   client -> Front Door (WAF, TLS, cache) -> Private Link -> Application Gateway (private frontend)
 *          -> UDR: cluster prefix via the regional firewall -> Istio ingress ILB (ClusterModel.ingressIp)
 *   client -> Front Door /api/* -> Private Link -> API Management (gateway) -> VNet integration -> firewall -> ILB
 */
import type { ClusterModel } from "../cluster/types.ts";
import { nthAddress } from "../core/cidr.ts";
import type { ConfigFinding } from "../core/findings.ts";
import { type PartsOf, resourceId, resourceName } from "../core/naming.ts";
import { REGIONS, type RegionName, serviceCapability, supports } from "../core/regions.ts";
import type { DnsModel, LayerModel, LogAnalyticsModel, ResourceGroupModel, VnetModel } from "../core/resources.ts";
import type { EnvironmentConfig } from "../core/schema.ts";
import type { KeyVaultModel } from "../shared/shared-services.ts";
import { frontDoorOriginHost } from "./front-door-origin-host.ts";

export type WafMode = "Prevention" | "Detection";

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

/** Names of an Application Gateway's child configurations, and their IDs (built from the gateway's ID). */
export interface ApplicationGatewayPartsModel {
  gatewayIpConfiguration: string;
  publicFrontend: string;
  privateFrontend: string;
  privateLink: string;
  httpsPort: string;
  sslCertificate: string;
  trustedRootCertificate: string;
  backendPool: string;
  backendSettings: string;
  probe: string;
  urlPathMap: string;
}

export interface ApplicationGatewayModel {
  region: RegionName;
  name: string;
  id: string;
  resourceGroup: string;
  subscriptionId: string;
  zones: string[];
  minCapacity: number;
  maxCapacity: number;
  subnetId: string;
  subnetCidr: string;
  privateLinkSubnetId: string;
  /** Static address of the private frontend (Front Door's Private Link lands here). */
  privateFrontendIp: string;
  /** Azure requires a public frontend on v2 without the network-isolation feature: no listener uses it (ADR 0023). */
  publicIpName: string;
  wafPolicyName: string;
  wafPolicyId: string;
  wafMode: WafMode;
  identityName: string;
  identityId: string;
  /** One HTTPS listener per host (the Front Door custom domains); without custom domains one for any host. */
  listeners: { name: string; id: string; hostName?: string; routingRuleName: string; priority: number }[];
  /** The Istio ingress ILB of each cluster in this region (ClusterModel.ingressIp). */
  backendAddresses: { cluster: string; ipAddress: string }[];
  tlsCertificateSecretId: string;
  backendCaSecretId: string;
  probe: { host: string; path: string };
  parts: ApplicationGatewayPartsModel;
  /** ID of a child configuration: `${id}/<collection>/<name>`. */
  partIds: Record<keyof ApplicationGatewayPartsModel, string>;
  logAnalyticsWorkspaceId: string;
}

export interface ApiManagementModel {
  name: string;
  id: string;
  region: RegionName;
  resourceGroup: string;
  subscriptionId: string;
  tier: "StandardV2";
  capacity: number;
  publisherEmail: string;
  publisherName: string;
  gatewayHostName: string;
  /** Outbound VNet integration: the delegated API Management subnet. */
  outboundSubnetId: string;
  /** Inbound only through private endpoints (our own and Front Door's); ADR 0021 for the first deployment. */
  publicNetworkAccess: "Disabled";
  privateEndpoint: {
    name: string;
    subnetId: string;
    groupId: "Gateway";
    privateDnsZoneId: string;
    dnsZoneGroupName: string;
  };
  identityName: string;
  identityId: string;
  policy: { tenantId: string; audience: string; rateLimitPerMinute: number; corsAllowedOrigins: string[] };
  /** Plain named values the global policy reads. */
  namedValues: { name: string; value: string }[];
  keyVaultNamedValues: { name: string; secretId: string }[];
  versionSets: { name: string; id: string; displayName: string; versioningScheme: "Segment"; pathPrefix: string }[];
  logAnalyticsWorkspaceId: string;
}

export interface EdgeModel {
  subscriptionId: string;
  frontDoor: FrontDoorModel;
  applicationGateways: ApplicationGatewayModel[];
  apiManagement: ApiManagementModel;
  keyVault: { id: string; uri: string; subscriptionId: string };
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

/**
 * API Management tiers the edge can build, and why the others cannot: Front Door reaches API Management over
 * Private Link (an inbound private endpoint), and API Management reaches the clusters through its VNet
 * (outbound VNet integration into the delegated subnet of the address plan).
 * https://learn.microsoft.com/azure/api-management/private-endpoint
 * https://learn.microsoft.com/azure/api-management/virtual-network-concepts
 */
export const APIM_TIER_SUPPORT: Readonly<Record<EnvironmentConfig["apiManagement"]["tier"], string | undefined>> = {
  StandardV2: undefined,
  // Already rejected by validate.ts with its own reason (no Front Door Private Link to Premium v2).
  PremiumV2: undefined,
  BasicV2:
    "Basic v2 has neither an inbound private endpoint nor outbound VNet integration: Front Door could not reach it privately, nor it the clusters; use StandardV2",
  Developer:
    "the classic Developer tier has no SLA, and reaches a VNet only by injection, which excludes an inbound private endpoint; use StandardV2",
  Premium:
    "classic Premium reaches a VNet only by injection (a non-delegated subnet), which excludes the inbound private endpoint Front Door needs; use StandardV2",
};

const APIM_SOURCE = "https://learn.microsoft.com/azure/api-management/virtual-network-concepts";
const AFD_DOMAIN_SOURCE = "https://learn.microsoft.com/azure/frontdoor/standard-premium/how-to-add-custom-domain";

/** The zone of hub.publicDnsZones a host lies in (the longest match), or undefined. */
export function zoneOf(host: string, zones: readonly string[]): string | undefined {
  return [...zones].sort((a, b) => b.length - a.length).find((zone) => host.endsWith(`.${zone}`));
}

/** Cross-field rules of the edge settings. Every finding names the file and the field path. */
export function edgeFindings(config: EnvironmentConfig, file: string): ConfigFinding[] {
  const findings: ConfigFinding[] = [];
  const error = (path: string, message: string, source?: string) =>
    findings.push({ severity: "error", file, path, message, ...(source ? { source } : {}) });

  const reason = APIM_TIER_SUPPORT[config.apiManagement.tier];
  if (reason)
    error("apiManagement.tier", `API Management ${config.apiManagement.tier} cannot serve the edge: ${reason}`, APIM_SOURCE);

  const zones = config.hub.publicDnsZones;
  const seen = new Map<string, number>();
  config.edge.frontDoor.customDomains.forEach((host, i) => {
    const path = `edge.frontDoor.customDomains[${i}]`;
    const first = seen.get(host);
    if (first !== undefined) {
      error(path, `duplicate host ${host} (also edge.frontDoor.customDomains[${first}])`);
      return;
    }
    seen.set(host, i);
    if (zones.includes(host)) {
      error(
        path,
        `${host} is the apex of its zone: a CNAME cannot live there; use a host below it such as www.${host}`,
        AFD_DOMAIN_SOURCE,
      );
    } else if (!zoneOf(host, zones)) {
      error(
        path,
        `${host} is not in a public DNS zone of hub.publicDnsZones (${zones.length ? zones.join(", ") : "none"}): Front Door validates it through a TXT record in that zone`,
        AFD_DOMAIN_SOURCE,
      );
    }
  });

  const caching = config.edge.frontDoor.caching;
  if (caching.queryStringBehavior.endsWith("SpecifiedQueryStrings") && caching.queryParameters.length === 0) {
    error("edge.frontDoor.caching.queryParameters", `is required when queryStringBehavior is ${caching.queryStringBehavior}`);
  }
  return findings;
}

export interface EdgeInputs {
  config: EnvironmentConfig;
  layers: readonly LayerModel[];
  vnets: readonly VnetModel[];
  clusters: readonly ClusterModel[];
  dns: DnsModel;
  keyVault: KeyVaultModel;
  logAnalytics: readonly LogAnalyticsModel[];
  parts: PartsOf;
}

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

const slugOfHost = (host: string) => host.replace(/\./g, "-");

export function resolveEdge({ config, layers, vnets, clusters, dns, keyVault, logAnalytics, parts }: EdgeInputs): EdgeModel {
  const layer = layers.find((l) => l.kind === "edge");
  if (!layer) throw new Error("the environment has no edge layer");
  const rgOf = (region: RegionName): ResourceGroupModel => {
    const rg = layer.resourceGroups[region];
    if (!rg) throw new Error(`the edge layer has no resource group in ${region}`);
    return rg;
  };
  const workspaceOf = (region: RegionName) => {
    const w = logAnalytics.find((l) => l.region === region);
    if (!w) throw new Error(`no Log Analytics workspace in ${region}`);
    return w.id;
  };
  const subnetOf = (region: RegionName, kind: "appgw" | "appgwPrivateLink" | "apim" | "edgePrivateEndpoints") => {
    const subnet = vnets.find((v) => v.kind === "edge" && v.region === region)?.subnets.find((s) => s.kind === kind);
    if (!subnet) throw new Error(`the edge spoke in ${region} has no ${kind} subnet`);
    return subnet;
  };
  const primary = config.regions.primary;
  const globalRg = rgOf(primary);
  const sub = layer.subscriptionId;
  const id = (rg: ResourceGroupModel, type: string, ...names: string[]) => resourceId(rg.subscriptionId, rg.name, type, ...names);
  const secretId = (name: string) => `${keyVault.uri}secrets/${name}`;
  const fd = config.edge.frontDoor;
  const agwConfig = config.edge.applicationGateway;

  // API Management: one instance, in the region the configuration names (v2 tiers exist only in germanywestcentral).
  const apimRegion = config.apiManagement.region;
  const apimRg = rgOf(apimRegion);
  const apimName = resourceName("apiManagement", parts("edge", apimRegion));
  const apimId = id(apimRg, "Microsoft.ApiManagement/service", apimName);
  const apimIdentityName = resourceName("managedIdentity", parts("edge", apimRegion, "apim"));
  const apimZone = dns.privateZones.find((z) => z.name === "privatelink.azure-api.net");
  if (!apimZone) throw new Error("the hub has no privatelink.azure-api.net zone");
  const customOrigins = fd.customDomains.map((host) => `https://${host}`);
  const apiManagement: ApiManagementModel = {
    name: apimName,
    id: apimId,
    region: apimRegion,
    resourceGroup: apimRg.name,
    subscriptionId: apimRg.subscriptionId,
    tier: "StandardV2",
    capacity: config.apiManagement.capacity,
    publisherEmail: config.apiManagement.publisherEmail ?? config.tags.owner,
    publisherName: config.apiManagement.publisherName,
    gatewayHostName: `${apimName}.azure-api.net`,
    outboundSubnetId: subnetOf(apimRegion, "apim").id,
    publicNetworkAccess: "Disabled",
    privateEndpoint: {
      name: resourceName("privateEndpoint", parts("edge", apimRegion, "apim")),
      subnetId: subnetOf(apimRegion, "edgePrivateEndpoints").id,
      groupId: "Gateway",
      privateDnsZoneId: apimZone.id,
      dnsZoneGroupName: "default",
    },
    identityName: apimIdentityName,
    identityId: id(apimRg, "Microsoft.ManagedIdentity/userAssignedIdentities", apimIdentityName),
    policy: {
      tenantId: config.tenantId,
      audience: config.apiManagement.tokenAudience ?? `api://${config.organization}-${config.name}`,
      rateLimitPerMinute: config.apiManagement.rateLimitPerMinute,
      corsAllowedOrigins: config.apiManagement.corsAllowedOrigins ?? customOrigins,
    },
    namedValues: [
      { name: "entra-tenant-id", value: config.tenantId },
      { name: "token-audience", value: config.apiManagement.tokenAudience ?? `api://${config.organization}-${config.name}` },
    ],
    keyVaultNamedValues: config.apiManagement.keyVaultNamedValues.map((v) => ({ name: v.name, secretId: secretId(v.secret) })),
    versionSets: config.apiManagement.versionSets.map((name) => ({
      name,
      id: id(apimRg, "Microsoft.ApiManagement/service/apiVersionSets", apimName, name),
      displayName: name,
      versioningScheme: "Segment",
      pathPrefix: `api/${name}`,
    })),
    logAnalyticsWorkspaceId: workspaceOf(apimRegion),
  };

  // One Application Gateway per region that hosts a cluster; its backend is that region's Istio ingress ILB.
  const applicationGateways: ApplicationGatewayModel[] = [primary, config.regions.secondary]
    .filter((region) => clusters.some((c) => c.region === region))
    .map((region) => {
      const rg = rgOf(region);
      const name = resourceName("applicationGateway", parts("edge", region));
      const agwId = id(rg, "Microsoft.Network/applicationGateways", name);
      const wafPolicyName = resourceName("wafPolicy", parts("edge", region));
      const identityName = resourceName("managedIdentity", parts("edge", region, "agw"));
      const subnet = subnetOf(region, "appgw");
      const names: ApplicationGatewayPartsModel = {
        gatewayIpConfiguration: "gateway-ip",
        publicFrontend: "public",
        privateFrontend: "private",
        privateLink: "frontdoor",
        httpsPort: "https",
        sslCertificate: agwConfig.tlsCertificate,
        trustedRootCertificate: agwConfig.backendCaCertificate,
        backendPool: "istio-ingress",
        backendSettings: "istio-ingress-https",
        probe: "istio-ingress",
        urlPathMap: "paths",
      };
      const collection: Record<keyof ApplicationGatewayPartsModel, string> = {
        gatewayIpConfiguration: "gatewayIPConfigurations",
        publicFrontend: "frontendIPConfigurations",
        privateFrontend: "frontendIPConfigurations",
        privateLink: "privateLinkConfigurations",
        httpsPort: "frontendPorts",
        sslCertificate: "sslCertificates",
        trustedRootCertificate: "trustedRootCertificates",
        backendPool: "backendAddressPools",
        backendSettings: "backendHttpSettingsCollection",
        probe: "probes",
        urlPathMap: "urlPathMaps",
      };
      const partIds = Object.fromEntries(
        (Object.keys(names) as (keyof ApplicationGatewayPartsModel)[]).map((k) => [k, `${agwId}/${collection[k]}/${names[k]}`]),
      ) as Record<keyof ApplicationGatewayPartsModel, string>;
      return {
        region,
        name,
        id: agwId,
        resourceGroup: rg.name,
        subscriptionId: rg.subscriptionId,
        zones: [...REGIONS[region].availabilityZones],
        minCapacity: agwConfig.minCapacity,
        maxCapacity: agwConfig.maxCapacity,
        subnetId: subnet.id,
        subnetCidr: subnet.cidr,
        privateLinkSubnetId: subnetOf(region, "appgwPrivateLink").id,
        // The last usable address: far from the low addresses the gateway's instances take.
        privateFrontendIp: nthAddress(subnet.cidr, -2),
        publicIpName: resourceName("publicIp", parts("edge", region, "agw")),
        wafPolicyName,
        wafPolicyId: id(rg, "Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies", wafPolicyName),
        wafMode: agwConfig.wafMode,
        identityName,
        identityId: id(rg, "Microsoft.ManagedIdentity/userAssignedIdentities", identityName),
        listeners: (fd.customDomains.length > 0 ? fd.customDomains : [undefined]).map((host, i) => {
          const listener = host ? `https-${slugOfHost(host)}` : "https-any-host";
          return {
            name: listener,
            id: `${agwId}/httpListeners/${listener}`,
            ...(host ? { hostName: host } : {}),
            routingRuleName: `route-${listener}`,
            priority: 100 + i * 10,
          };
        }),
        backendAddresses: clusters.filter((c) => c.region === region).map((c) => ({ cluster: c.name, ipAddress: c.ingressIp })),
        tlsCertificateSecretId: secretId(agwConfig.tlsCertificate),
        backendCaSecretId: secretId(agwConfig.backendCaCertificate),
        probe: { host: fd.customDomains[0] ?? "localhost", path: agwConfig.healthProbePath },
        parts: names,
        partIds,
        logAnalyticsWorkspaceId: workspaceOf(region),
      };
    });

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
  const frontDoor: FrontDoorModel = {
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

  return {
    subscriptionId: sub,
    frontDoor,
    applicationGateways,
    apiManagement,
    keyVault: { id: keyVault.id, uri: keyVault.uri, subscriptionId: keyVault.subscriptionId },
  };
}
