/**
 * The platform's public domains in Azure DNS. The registrar (GoDaddy, Cloudflare) delegates each domain to
 * the name servers Azure assigns, which the stack exports: Azure picks them when the zone is created.
 */
import type { EnvironmentModel } from "@plugilo/model";
import { Zone } from "@pulumi/azure-native/dns/index.js";
import * as pulumi from "@pulumi/pulumi";
import { AcmeChallengeZone } from "./acme-challenge-zone.ts";

export interface PublicDnsZonesArgs {
  model: EnvironmentModel;
  tags: Record<string, string>;
}

export class PublicDnsZones extends pulumi.ComponentResource {
  /** Zone name -> the name servers to enter at the registrar. */
  readonly nameServers: Record<string, pulumi.Output<string[]>> = {};

  constructor(name: string, args: PublicDnsZonesArgs, opts?: pulumi.ComponentResourceOptions) {
    super("plugilo:hub:PublicDnsZones", name, {}, opts);
    const { model, tags } = args;
    for (const zone of model.dns.publicZones) {
      const resource = new Zone(
        zone.name,
        { resourceGroupName: model.dns.resourceGroup, location: "global", zoneName: zone.name, zoneType: "Public", tags },
        // Deleting a delegated zone takes the domain offline.
        { parent: this, protect: model.protectStateful },
      );
      this.nameServers[zone.name] = resource.nameServers;
      new AcmeChallengeZone(
        `${zone.name}-acme`,
        { zone, resourceGroup: model.dns.resourceGroup, parentZone: resource, protect: model.protectStateful, tags },
        { parent: this },
      );
    }
    this.registerOutputs({ nameServers: this.nameServers });
  }
}
