/**
 * A private DNS zone for every Private Link service the estate uses, each linked to both hub VNets, or, for the
 * services with an endpoint in each region, one copy per region linked to that region's hub. Spokes
 * resolve through the firewall's DNS proxy in their hub (their DNS server), so linking the hubs is enough:
 * a spoke never needs its own link. https://learn.microsoft.com/azure/private-link/private-endpoint-dns-integration
 */
import type { DnsModel, VnetModel } from "@plugilo/model";
import { PrivateZone, VirtualNetworkLink } from "@pulumi/azure-native/privatedns/index.js";
import * as pulumi from "@pulumi/pulumi";

export interface PrivateDnsZonesArgs {
  /** The private zones, the hub VNets each is linked to, and the zones' default resource group. */
  readonly dns: Pick<DnsModel, "privateZones" | "links" | "resourceGroup">;
  /** The VNets the links name (a regional zone is linked to its region's hub only). */
  readonly vnets: readonly Pick<VnetModel, "key" | "id" | "region">[];
  readonly tags: Record<string, string>;
  /** The hub VNets, by key: the links need them to exist. */
  hubVnets: Record<string, pulumi.CustomResource>;
}

export class PrivateDnsZones extends pulumi.ComponentResource {
  readonly zones: Record<string, PrivateZone> = {};

  constructor(name: string, args: PrivateDnsZonesArgs, opts?: pulumi.ComponentResourceOptions) {
    super("plugilo:hub:PrivateDnsZones", name, {}, opts);
    const { dns, tags } = args;
    for (const zone of dns.privateZones) {
      // A regional copy (Key Vault, registry, Cosmos DB: an endpoint in each region) lives in its hub's
      // resource group and is linked to that hub only, so each region resolves to its own endpoint (ADR 0102).
      const key = zone.region ? `${zone.name}-${zone.region}` : zone.name;
      const resourceGroupName = zone.resourceGroup ?? dns.resourceGroup;
      const resource = new PrivateZone(
        key,
        { resourceGroupName, location: "global", privateZoneName: zone.name, tags },
        { parent: this },
      );
      this.zones[key] = resource;
      const links = zone.region
        ? dns.links.filter((l) => args.vnets.find((v) => v.key === l.vnetKey)?.region === zone.region)
        : dns.links;
      for (const link of links) {
        const vnet = args.vnets.find((v) => v.key === link.vnetKey);
        const hubVnet = args.hubVnets[link.vnetKey];
        if (!vnet || !hubVnet) throw new Error(`no hub VNet ${link.vnetKey} to link ${zone.name} to`);
        new VirtualNetworkLink(
          `${key}-${link.name}`,
          {
            resourceGroupName,
            privateZoneName: resource.name,
            virtualNetworkLinkName: link.name,
            location: "global",
            virtualNetwork: { id: vnet.id },
            // Records come from private endpoints' DNS zone groups, never from VM auto-registration.
            registrationEnabled: false,
            tags,
          },
          { parent: resource, dependsOn: [hubVnet] },
        );
      }
    }
    this.registerOutputs({});
  }
}
