/**
 * The Application Gateway WAF_v2 of one region, before the firewall (docs/adr/0020):
 *   Front Door --Private Link--> private frontend --listener per host--> path map --> backend pool
 *   = the Istio ingress ILB of the region's cluster(s), reached through the firewall (the AppGW subnet's
 *   route table sends the cluster prefixes there; the model built it, the Spoke created it).
 * Autoscale bounds, WAF mode and the Key Vault certificates come from the configuration; zones 1-3 where
 * the region has them. The public frontend exists only because Azure requires one (docs/adr/0023): no
 * listener uses it, and the subnet's NSG admits nothing from the Internet.
 * https://learn.microsoft.com/azure/application-gateway/overview-v2
 * https://learn.microsoft.com/azure/application-gateway/private-link-configure
 */
import { sendToLogAnalytics } from "@plugilo/components";
import type { ApplicationGatewayModel, EdgeModel } from "@plugilo/model";
import { ApplicationGateway, PublicIPAddress, WebApplicationFirewallPolicy } from "@pulumi/azure-native/network/index.js";
import * as pulumi from "@pulumi/pulumi";
import { KeyVaultReader } from "./key-vault-reader.ts";

export interface RegionalApplicationGatewayArgs {
  readonly gateway: ApplicationGatewayModel;
  /** The environment's Key Vault, which holds the listener and backend CA certificates. */
  readonly keyVault: EdgeModel["keyVault"];
  tags: Record<string, string>;
  /** The edge spoke of the region: its subnets must exist first. */
  spokeVnet: pulumi.Resource;
}

/** Default Rule Set 2.1 on WAF_v2. Bot protection stays at Front Door: behind Private Link every client has the same source address. */
export const APPLICATION_GATEWAY_MANAGED_RULE_SETS = [{ ruleSetType: "Microsoft_DefaultRuleSet", ruleSetVersion: "2.1" }];

export class RegionalApplicationGateway extends pulumi.ComponentResource {
  readonly gateway: ApplicationGateway;
  readonly wafPolicy: WebApplicationFirewallPolicy;
  readonly publicIp: PublicIPAddress;
  readonly reader: KeyVaultReader;

  constructor(name: string, args: RegionalApplicationGatewayArgs, opts?: pulumi.ComponentResourceOptions) {
    super("plugilo:edge:RegionalApplicationGateway", name, {}, opts);
    const { gateway: agw, tags } = args;
    const child = { parent: this };
    const common = { resourceGroupName: agw.resourceGroup, location: agw.region, tags };
    const zones = agw.zones.length > 0 ? { zones: agw.zones } : {};
    const ref = (part: keyof ApplicationGatewayModel["partIds"]) => ({ id: agw.partIds[part] });

    this.reader = new KeyVaultReader(
      `${agw.name}-reader`,
      {
        vault: args.keyVault,
        identityName: agw.identityName,

        resourceGroup: agw.resourceGroup,
        location: agw.region,
        secretUris: [agw.tlsCertificateSecretId, agw.backendCaSecretId],
        tags,
      },
      child,
    );

    this.wafPolicy = new WebApplicationFirewallPolicy(
      agw.wafPolicyName,
      {
        ...common,
        policyName: agw.wafPolicyName,
        managedRules: { managedRuleSets: APPLICATION_GATEWAY_MANAGED_RULE_SETS.map((r) => ({ ...r })) },
        policySettings: {
          state: "Enabled",
          mode: agw.wafMode,
          requestBodyCheck: true,
          maxRequestBodySizeInKb: 128,
          fileUploadLimitInMb: 100,
        },
      },
      child,
    );

    // Standard SKU, static; its zones must cover the gateway's.
    this.publicIp = new PublicIPAddress(
      agw.publicIpName,
      {
        ...common,
        publicIpAddressName: agw.publicIpName,
        sku: { name: "Standard", tier: "Regional" },
        publicIPAllocationMethod: "Static",
        ...zones,
      },
      child,
    );

    this.gateway = new ApplicationGateway(
      agw.name,
      {
        ...common,
        applicationGatewayName: agw.name,
        sku: { name: "WAF_v2", tier: "WAF_v2" },
        autoscaleConfiguration: { minCapacity: agw.minCapacity, maxCapacity: agw.maxCapacity },
        ...zones,
        enableHttp2: true,
        identity: { type: "UserAssigned", userAssignedIdentities: [this.reader.identity.id] },
        firewallPolicy: { id: this.wafPolicy.id },
        sslPolicy: { policyType: "Predefined", policyName: "AppGwSslPolicy20220101S" },
        gatewayIPConfigurations: [{ name: agw.parts.gatewayIpConfiguration, subnet: { id: agw.subnetId } }],
        frontendIPConfigurations: [
          { name: agw.parts.publicFrontend, publicIPAddress: { id: this.publicIp.id } },
          {
            name: agw.parts.privateFrontend,
            privateIPAllocationMethod: "Static",
            privateIPAddress: agw.privateFrontendIp,
            subnet: { id: agw.subnetId },
            privateLinkConfiguration: ref("privateLink"),
          },
        ],
        // Front Door's managed private endpoint lands on this configuration's addresses (NATed into the subnet).
        privateLinkConfigurations: [
          {
            name: agw.parts.privateLink,
            ipConfigurations: [
              {
                name: "frontdoor-ip",
                primary: true,
                privateIPAllocationMethod: "Dynamic",
                subnet: { id: agw.privateLinkSubnetId },
              },
            ],
          },
        ],
        frontendPorts: [{ name: agw.parts.httpsPort, port: 443 }],
        // Versionless secret IDs: the gateway picks up a renewed certificate by itself.
        sslCertificates: [{ name: agw.parts.sslCertificate, keyVaultSecretId: agw.tlsCertificateSecretId }],
        trustedRootCertificates: [{ name: agw.parts.trustedRootCertificate, keyVaultSecretId: agw.backendCaSecretId }],
        backendAddressPools: [
          { name: agw.parts.backendPool, backendAddresses: agw.backendAddresses.map((b) => ({ ipAddress: b.ipAddress })) },
        ],
        backendHttpSettingsCollection: [
          {
            name: agw.parts.backendSettings,
            port: 443,
            protocol: "Https",
            cookieBasedAffinity: "Disabled",
            requestTimeout: 60,
            // The client's host header goes through to Istio, which routes by host.
            pickHostNameFromBackendAddress: false,
            probe: ref("probe"),
            trustedRootCertificates: [ref("trustedRootCertificate")],
            connectionDraining: { enabled: true, drainTimeoutInSec: 60 },
          },
        ],
        probes: [
          {
            name: agw.parts.probe,
            protocol: "Https",
            host: agw.probe.host,
            path: agw.probe.path,
            interval: 30,
            timeout: 30,
            unhealthyThreshold: 3,
            pickHostNameFromBackendHttpSettings: false,
            match: { statusCodes: ["200-399"] },
          },
        ],
        httpListeners: agw.listeners.map((listener) => ({
          name: listener.name,
          frontendIPConfiguration: ref("privateFrontend"),
          frontendPort: ref("httpsPort"),
          protocol: "Https",
          sslCertificate: ref("sslCertificate"),
          ...(listener.hostName ? { hostNames: [listener.hostName], requireServerNameIndication: true } : {}),
        })),
        // Istio routes to the services; the path map is where a path needing other backend settings goes.
        urlPathMaps: [
          {
            name: agw.parts.urlPathMap,
            defaultBackendAddressPool: ref("backendPool"),
            defaultBackendHttpSettings: ref("backendSettings"),
            pathRules: [
              {
                name: "web",
                paths: ["/*"],
                backendAddressPool: ref("backendPool"),
                backendHttpSettings: ref("backendSettings"),
              },
            ],
          },
        ],
        requestRoutingRules: agw.listeners.map((listener) => ({
          name: listener.routingRuleName,
          ruleType: "PathBasedRouting",
          priority: listener.priority,
          httpListener: { id: listener.id },
          urlPathMap: ref("urlPathMap"),
        })),
      },
      // The gateway reads its certificates at creation: the identity's role must exist by then.
      { ...child, dependsOn: [args.spokeVnet, ...this.reader.roleAssignments] },
    );

    const workspaceId = agw.logAnalyticsWorkspaceId;
    sendToLogAnalytics(
      agw.name,
      { resourceId: this.gateway.id, workspaceId, logs: true, metrics: true, resourceSpecificTables: true },
      child,
    );
    sendToLogAnalytics(agw.publicIpName, { resourceId: this.publicIp.id, workspaceId, logs: true, metrics: true }, child);
    this.registerOutputs({ gatewayId: this.gateway.id });
  }
}
