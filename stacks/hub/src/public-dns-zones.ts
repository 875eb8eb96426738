/**
 * The platform's public domains in Azure DNS. The registrar (GoDaddy, Cloudflare) delegates each domain to
 * the name servers Azure assigns, which the stack exports: Azure picks them when the zone is created.
 */
import type { DnsModel } from "@plugilo/model";
import { Zone } from "@pulumi/azure-native/dns/index.js";
import * as pulumi from "@pulumi/pulumi";
import { AcmeChallengeZone } from "./acme-challenge-zone.ts";

export interface PublicDnsZonesArgs {
  readonly zones: DnsModel["publicZones"];
  /** The resource group of every zone (the DNS resource group of the hub subscription). */
  readonly resourceGroup: string;
  /** Protect the zones from deletion. @default false */
  readonly protect?: boolean;
  readonly tags: Record<string, string>;
}

export class PublicDnsZones extends pulumi.ComponentResource {
  /** Zone name -> the name servers to enter at the registrar. */
  readonly nameServers: Record<string, pulumi.Output<string[]>> = {};

  constructor(name: string, args: PublicDnsZonesArgs, opts?: pulumi.ComponentResourceOptions) {
    super("plugilo:hub:PublicDnsZones", name, {}, opts);
    const { tags, resourceGroup } = args;
    const protect = args.protect ?? false;
    for (const zone of args.zones) {
      const resource = new Zone(
        zone.name,
        { resourceGroupName: resourceGroup, location: "global", zoneName: zone.name, zoneType: "Public", tags },
        // Deleting a delegated zone takes the domain offline.
        { parent: this, protect },
      );
      this.nameServers[zone.name] = resource.nameServers;
      new AcmeChallengeZone(
        `${zone.name}-acme`,
        { zone, resourceGroup, parentZone: resource, protect, tags },

        { parent: this },
      );
    }
    this.registerOutputs({ nameServers: this.nameServers });
  }
}
