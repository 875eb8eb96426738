/**
 * API Management Standard v2 in one region (docs/adr/0021):
 *   inbound  only through private endpoints: ours in the edge spoke (DNS zone group to the hub's
 *            privatelink.azure-api.net zone) and Front Door's managed one; public network access Disabled;
 *   outbound VNet integration into the delegated API Management subnet, whose route table sends everything
 *            to the regional firewall (which lets it reach the clusters' ingress ILBs on 443).
 * With a user-assigned identity that reads Key Vault named values, the global policy (Entra ID tokens, rate
 * limit, CORS), one API version set per API family (URL segment versioning) and its logs in the region's
 * workspace. The instance is protected: recovery is a redeploy of this stack, then of the APIs.
 * https://learn.microsoft.com/azure/api-management/integrate-vnet-outbound
 * https://learn.microsoft.com/azure/api-management/private-endpoint
 */
import { sendToLogAnalytics } from "@plugilo/components";
import type { ApiManagementModel, EdgeModel } from "@plugilo/model";
import { ApiManagementService, ApiVersionSet, NamedValue, Policy } from "@pulumi/azure-native/apimanagement/index.js";
import { PrivateDnsZoneGroup, PrivateEndpoint } from "@pulumi/azure-native/network/index.js";
import * as pulumi from "@pulumi/pulumi";
import { globalPolicyXml } from "./apim-policy.ts";
import { publicNetworkAccess } from "./apim-public-access.ts";
import { KeyVaultReader } from "./key-vault-reader.ts";

export interface ApiManagementArgs {
  readonly apiManagement: ApiManagementModel;
  /** The environment's Key Vault, which holds the named values' secrets. */
  readonly keyVault: EdgeModel["keyVault"];
  /** Protect the instance from deletion. @default false */
  readonly protect?: boolean;
  readonly tags: Record<string, string>;
  /** The edge spoke of API Management's region: its subnets must exist first. */
  spokeVnet: pulumi.Resource;
  /** The connectivity subscription's provider, for reading the instance before it is updated. */
  provider: pulumi.ProviderResource;
}

export class ApiManagement extends pulumi.ComponentResource {
  readonly service: ApiManagementService;
  readonly privateEndpoint: PrivateEndpoint;
  readonly reader: KeyVaultReader;

  constructor(name: string, args: ApiManagementArgs, opts?: pulumi.ComponentResourceOptions) {
    super("plugilo:edge:ApiManagement", name, {}, opts);
    const { apiManagement: apim, tags } = args;
    const child = { parent: this };
    const common = { resourceGroupName: apim.resourceGroup, location: apim.region, tags };

    this.reader = new KeyVaultReader(
      `${apim.name}-reader`,
      {
        vault: args.keyVault,
        identityName: apim.identityName,
        resourceGroup: apim.resourceGroup,
        location: apim.region,
        secretUris: apim.keyVaultNamedValues.map((v) => v.secretId),
        tags,
      },
      child,
    );

    this.service = new ApiManagementService(
      apim.name,
      {
        ...common,
        serviceName: apim.name,
        sku: { name: apim.tier, capacity: apim.capacity },
        publisherEmail: apim.publisherEmail,
        publisherName: apim.publisherName,
        identity: { type: "UserAssigned", userAssignedIdentities: { [apim.identityId]: {} } },
        // Standard v2: "External" is outbound VNet integration; the gateway itself is not injected.
        virtualNetworkType: "External",
        virtualNetworkConfiguration: { subnetResourceId: apim.outboundSubnetId },
        publicNetworkAccess: publicNetworkAccess(apim, args.provider),
        // The SDK would send Enabled; v2 tiers have only the developer portal (the design's), no legacy portal.
        developerPortalStatus: "Enabled",
        legacyPortalStatus: "Disabled",
      },
      { ...child, protect: args.protect ?? false, dependsOn: [args.spokeVnet, this.reader.identity] },
    );
    const inService = { resourceGroupName: apim.resourceGroup, serviceName: this.service.name };

    this.privateEndpoint = new PrivateEndpoint(
      apim.privateEndpoint.name,
      {
        ...common,
        privateEndpointName: apim.privateEndpoint.name,
        customNetworkInterfaceName: `${apim.privateEndpoint.name}-nic`,
        subnet: { id: apim.privateEndpoint.subnetId },
        privateLinkServiceConnections: [
          { name: "gateway", privateLinkServiceId: this.service.id, groupIds: [apim.privateEndpoint.groupId] },
        ],
      },
      { ...child, dependsOn: [args.spokeVnet] },
    );
    // The A record of <name>.privatelink.azure-api.net, kept by Azure for as long as the endpoint lives.
    new PrivateDnsZoneGroup(
      `${apim.privateEndpoint.name}-dns`,
      {
        resourceGroupName: apim.resourceGroup,
        privateEndpointName: this.privateEndpoint.name,
        privateDnsZoneGroupName: apim.privateEndpoint.dnsZoneGroupName,
        privateDnsZoneConfigs: [{ name: "privatelink-azure-api-net", privateDnsZoneId: apim.privateEndpoint.privateDnsZoneId }],
      },
      child,
    );

    const namedValues = [
      ...apim.namedValues.map(
        (v) =>
          new NamedValue(
            `${apim.name}-${v.name}`,
            { ...inService, namedValueId: v.name, displayName: v.name, value: v.value, secret: false },
            child,
          ),
      ),
      // Read by API Management with its identity; a rotated secret is picked up without a deployment.
      ...apim.keyVaultNamedValues.map(
        (v) =>
          new NamedValue(
            `${apim.name}-${v.name}`,
            {
              ...inService,
              namedValueId: v.name,
              displayName: v.name,
              secret: true,
              keyVault: { secretIdentifier: v.secretId, identityClientId: this.reader.identity.clientId },
            },
            { ...child, dependsOn: this.reader.roleAssignments },
          ),
      ),
    ];

    new Policy(
      `${apim.name}-global-policy`,
      { ...inService, policyId: "policy", format: "rawxml", value: globalPolicyXml(apim) },
      { ...child, dependsOn: namedValues },
    );

    for (const set of apim.versionSets) {
      new ApiVersionSet(
        `${apim.name}-${set.name}`,
        {
          ...inService,
          versionSetId: set.name,
          displayName: set.displayName,
          versioningScheme: set.versioningScheme,
          description: `Versions of the ${set.name} APIs: /${set.pathPrefix}/v1, /${set.pathPrefix}/v2, ...`,
        },
        child,
      );
    }

    sendToLogAnalytics(
      apim.name,
      {
        resourceId: this.service.id,
        workspaceId: apim.logAnalyticsWorkspaceId,
        logs: true,
        metrics: true,
        resourceSpecificTables: true,
      },
      child,
    );
    this.registerOutputs({ gatewayUrl: this.service.gatewayUrl });
  }
}
