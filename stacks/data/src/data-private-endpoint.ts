/**
 * A private endpoint of a data service, as the model places it: in the dataPrivateEndpoints subnet of its
 * region's data spoke, with a fixed network interface name, and registered in the hub's private DNS zone
 * through a DNS zone group (Azure services). A connection to a third-party Private Link service (Elastic
 * Cloud) is manual (the provider approves it) and its DNS record is written by the caller.
 * https://learn.microsoft.com/azure/private-link/private-endpoint-dns-integration
 */
import type { DataPrivateEndpointModel } from "@plugilo/model";
import { PrivateDnsZoneGroup, PrivateEndpoint } from "@pulumi/azure-native/network/index.js";
import * as pulumi from "@pulumi/pulumi";

export interface DataPrivateEndpointArgs {
  endpoint: DataPrivateEndpointModel;
  /** ARM ID of the Azure resource, or the alias of a Private Link service. */
  target: pulumi.Input<string>;
  tags: Record<string, string>;
  /** The spoke VNet (its subnet must exist) and the target resource. */
  dependsOn: pulumi.Input<pulumi.Resource>[];
}

export class DataPrivateEndpoint extends pulumi.ComponentResource {
  readonly endpoint: PrivateEndpoint;

  constructor(name: string, args: DataPrivateEndpointArgs, opts?: pulumi.ComponentResourceOptions) {
    super("plugilo:data:DataPrivateEndpoint", name, {}, opts);
    const { endpoint: pe } = args;
    const connection = {
      name: pe.name,
      privateLinkServiceId: args.target,
      ...(pe.groupId ? { groupIds: [pe.groupId] } : { requestMessage: `${pe.name} (plugilo data layer)` }),
    };
    this.endpoint = new PrivateEndpoint(
      pe.name,
      {
        resourceGroupName: pe.resourceGroup,
        location: pe.region,
        privateEndpointName: pe.name,
        customNetworkInterfaceName: pe.networkInterfaceName,
        subnet: { id: pe.subnetId },
        // Azure services approve their own connections; a third party approves a manual request.
        ...(pe.groupId ? { privateLinkServiceConnections: [connection] } : { manualPrivateLinkServiceConnections: [connection] }),
        tags: args.tags,
      },
      { parent: this, dependsOn: args.dependsOn },
    );
    if (pe.dnsRegistration === "zoneGroup") {
      new PrivateDnsZoneGroup(
        `${pe.name}-dns`,
        {
          resourceGroupName: pe.resourceGroup,
          privateEndpointName: this.endpoint.name,
          privateDnsZoneGroupName: "default",
          privateDnsZoneConfigs: [{ name: pe.privateDnsZone.name.replaceAll(".", "-"), privateDnsZoneId: pe.privateDnsZone.id }],
        },
        { parent: this },
      );
    }
    this.registerOutputs({ privateEndpointId: this.endpoint.id });
  }
}
