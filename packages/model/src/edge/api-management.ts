/** API Management Standard v2: one instance, reached from Front Door over Private Link, reaching the clusters through its VNet. */
import { resourceName } from "../core/naming.ts";
import type { RegionName } from "../core/regions.ts";
import type { DnsModel } from "../core/resources.ts";
import type { EnvironmentConfig } from "../core/schema.ts";
import type { EdgeContext } from "./context.ts";
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

export function resolveApiManagement(ctx: EdgeContext, dns: DnsModel): ApiManagementModel {
  const { config, parts, rgOf, subnetOf, workspaceOf, id, secretId } = ctx;
  const fd = config.edge.frontDoor;
  // API Management: one instance, in the region the configuration names (v2 tiers exist only in germanywestcentral).
  const apimRegion = config.apiManagement.region;
  const apimRg = rgOf(apimRegion);
  const apimName = resourceName("apiManagement", parts("edge", apimRegion));
  const apimId = id(apimRg, "Microsoft.ApiManagement/service", apimName);
  const apimIdentityName = resourceName("managedIdentity", parts("edge", apimRegion, "apim"));
  const apimZone = dns.privateZones.find((z) => z.name === "privatelink.azure-api.net");
  if (!apimZone) throw new Error("the hub has no privatelink.azure-api.net zone");
  const customOrigins = fd.customDomains.map((host) => `https://${host}`);
  return {
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
}
