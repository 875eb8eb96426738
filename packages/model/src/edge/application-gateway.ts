/** One Application Gateway WAF_v2 per region that hosts a cluster: Front Door's origin, in front of the Istio ingress. */
import type { ClusterModel } from "../cluster/types.ts";
import { nthAddress } from "../core/cidr.ts";
import { resourceName } from "../core/naming.ts";
import { REGIONS, type RegionName } from "../core/regions.ts";
import { type EdgeContext, slugOfHost } from "./context.ts";
import type { WafMode } from "./schema.ts";
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

export function resolveApplicationGateways(ctx: EdgeContext, clusters: readonly ClusterModel[]): ApplicationGatewayModel[] {
  const { config, parts, primary, rgOf, subnetOf, workspaceOf, id, secretId } = ctx;
  const fd = config.edge.frontDoor;
  const agwConfig = config.edge.applicationGateway;
  // One Application Gateway per region that hosts a cluster; its backend is that region's Istio ingress ILB.
  return [primary, config.regions.secondary]
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
}
