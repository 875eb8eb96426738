/**
 * Private endpoints of the environment Key Vault and container registry, in this cluster spoke's private
 * endpoint subnet, with DNS zone groups that write their records into this region's copy of the private DNS
 * zones (resolved by the region's spokes through their firewall's DNS proxy). The first cluster of each region
 * holds them, so each region has its own path and its own records: a zone holds one A record per name, so two
 * endpoints in one shared zone would overwrite each other. The registry's endpoint has an address for each
 * replica's regional data endpoint. docs/adr/0034, docs/adr/0102.
 * https://learn.microsoft.com/azure/private-link/private-endpoint-dns-integration
 */
import type { ClusterModel, RegionName } from "@plugilo/model";
import { PrivateDnsZoneGroup, PrivateEndpoint } from "@pulumi/azure-native/network/index.js";
import * as pulumi from "@pulumi/pulumi";

export interface SharedServiceEndpointsArgs {
  /** Where the endpoints go (the cluster spoke's private endpoint subnet) and their names. */
  readonly placement: NonNullable<ClusterModel["aks"]["sharedServiceEndpoints"]>;
  /** The cluster's resource group and region. */
  readonly resourceGroup: string;
  readonly region: RegionName;
  /** The environment's Key Vault and container registry, the endpoints' targets. */
  readonly keyVaultId: string;
  readonly containerRegistryId: string;
  /**
   * This region's copy of each private DNS zone, by zone name (privatelink.vaultcore.azure.net,
   * privatelink.azurecr.io): each region resolves the services to its own endpoints (ADR 0102).
   */
  readonly privateDnsZoneIds: Readonly<Record<"privatelink.vaultcore.azure.net" | "privatelink.azurecr.io", string>>;
  /** The spoke VNet: the subnet must exist first. */
  readonly spokeVnet: pulumi.Resource;
  readonly tags: Record<string, string>;
}

export class SharedServiceEndpoints extends pulumi.ComponentResource {
  readonly endpoints: PrivateEndpoint[] = [];

  constructor(name: string, args: SharedServiceEndpointsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("plugilo:cluster:SharedServiceEndpoints", name, {}, opts);
    const { placement, resourceGroup, region, tags } = args;
    const targets = [
      { name: placement.keyVaultName, resourceId: args.keyVaultId, groupId: "vault", zone: "privatelink.vaultcore.azure.net" },
      {
        name: placement.containerRegistryName,
        resourceId: args.containerRegistryId,
        groupId: "registry",
        zone: "privatelink.azurecr.io",
      },
    ] as const;
    for (const t of targets) {
      const endpoint = new PrivateEndpoint(
        t.name,
        {
          resourceGroupName: resourceGroup,
          privateEndpointName: t.name,
          location: region,
          tags,
          subnet: { id: placement.subnetId },
          customNetworkInterfaceName: `${t.name}-nic`,
          privateLinkServiceConnections: [{ name: t.name, privateLinkServiceId: t.resourceId, groupIds: [t.groupId] }],
        },
        { parent: this, dependsOn: [args.spokeVnet] },
      );
      this.endpoints.push(endpoint);
      new PrivateDnsZoneGroup(
        `${t.name}-dns`,
        {
          resourceGroupName: resourceGroup,
          privateEndpointName: endpoint.name,

          privateDnsZoneGroupName: "default",
          privateDnsZoneConfigs: [{ name: t.zone.replace(/\./g, "-"), privateDnsZoneId: args.privateDnsZoneIds[t.zone] }],
        },
        { parent: this },
      );
    }
    this.registerOutputs({});
  }
}
