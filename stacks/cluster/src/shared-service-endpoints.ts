/**
 * Private endpoints of the environment Key Vault and container registry, in this cluster spoke's private
 * endpoint subnet, with DNS zone groups that write their records into this region's copy of the private DNS
 * zones (resolved by the region's spokes through their firewall's DNS proxy). The first cluster of each region
 * holds them, so each region has its own path and its own records: a zone holds one A record per name, so two
 * endpoints in one shared zone would overwrite each other. The registry's endpoint has an address for each
 * replica's regional data endpoint. docs/adr/0034, docs/adr/0102.
 * https://learn.microsoft.com/azure/private-link/private-endpoint-dns-integration
 */
import { type ClusterModel, type EnvironmentModel, privateDnsZoneFor } from "@plugilo/model";
import { PrivateDnsZoneGroup, PrivateEndpoint } from "@pulumi/azure-native/network/index.js";
import * as pulumi from "@pulumi/pulumi";

export interface SharedServiceEndpointsArgs {
  model: EnvironmentModel;
  cluster: ClusterModel;
  /** The spoke VNet: the subnet must exist first. */
  spokeVnet: pulumi.Resource;
  tags: Record<string, string>;
}

export class SharedServiceEndpoints extends pulumi.ComponentResource {
  readonly endpoints: PrivateEndpoint[] = [];

  constructor(name: string, args: SharedServiceEndpointsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("plugilo:cluster:SharedServiceEndpoints", name, {}, opts);
    const { model, cluster: c, tags } = args;
    const placement = c.aks.sharedServiceEndpoints;
    if (!placement) throw new Error(`cluster ${c.name} does not hold the shared service endpoints`);
    // This region's copy of the zone: each region resolves the services to its own endpoints (ADR 0102).
    const zoneId = (zone: string) => privateDnsZoneFor(model.dns, zone, c.region).id;
    const targets = [
      { name: placement.keyVaultName, resourceId: model.keyVault.id, groupId: "vault", zone: "privatelink.vaultcore.azure.net" },
      {
        name: placement.containerRegistryName,
        resourceId: model.containerRegistry.id,
        groupId: "registry",
        zone: "privatelink.azurecr.io",
      },
    ];
    for (const t of targets) {
      const endpoint = new PrivateEndpoint(
        t.name,
        {
          resourceGroupName: c.resourceGroup.name,
          privateEndpointName: t.name,
          location: c.region,
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
          resourceGroupName: c.resourceGroup.name,
          privateEndpointName: endpoint.name,
          privateDnsZoneGroupName: "default",
          privateDnsZoneConfigs: [{ name: t.zone.replace(/\./g, "-"), privateDnsZoneId: zoneId(t.zone) }],
        },
        { parent: this },
      );
    }
    this.registerOutputs({});
  }
}
