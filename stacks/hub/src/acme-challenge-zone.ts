/**
 * The child zone `acme.<domain>` where cert-manager answers DNS-01 challenges (packages/model/src/core/acme-challenge-zone.ts),
 * delegated from the domain's zone by an NS record with the name servers Azure assigns to the child, and the
 * CNAME `_acme-challenge` -> `_acme-challenge.acme.<domain>` that cert-manager follows. cert-manager's identity
 * is DNS Zone Contributor on the child zone only.
 * https://learn.microsoft.com/azure/dns/dns-delegate-domain-azure-dns
 * https://cert-manager.io/docs/configuration/acme/dns01/#delegated-domains-for-dns01
 */
import { ACME_CHALLENGE_LABEL, acmeChallengeZoneOf } from "@plugilo/model";
import { RecordSet, Zone } from "@pulumi/azure-native/dns/index.js";
import * as pulumi from "@pulumi/pulumi";

export interface AcmeChallengeZoneArgs {
  zone: { name: string; id: string };
  resourceGroup: string;
  /** The domain's zone: the delegation and the CNAME are records in it. */
  parentZone: Zone;
  protect: boolean;
  tags: Record<string, string>;
}

/** TTL of the delegation and the CNAME: rarely changed. */
const TTL_SECONDS = 3600;

export class AcmeChallengeZone extends pulumi.ComponentResource {
  readonly zone: Zone;

  constructor(name: string, args: AcmeChallengeZoneArgs, opts?: pulumi.ComponentResourceOptions) {
    super("plugilo:hub:AcmeChallengeZone", name, {}, opts);
    const { zone, resourceGroup, tags } = args;
    const child = acmeChallengeZoneOf(zone);
    this.zone = new Zone(
      child.name,
      { resourceGroupName: resourceGroup, location: "global", zoneName: child.name, zoneType: "Public", tags },
      { parent: this, protect: args.protect },
    );
    new RecordSet(
      `${child.name}-delegation`,
      {
        resourceGroupName: resourceGroup,
        zoneName: args.parentZone.name,
        relativeRecordSetName: ACME_CHALLENGE_LABEL,
        recordType: "NS",
        ttl: TTL_SECONDS,
        nsRecords: this.zone.nameServers.apply((servers) => (servers ?? []).map((nsdname) => ({ nsdname }))),
      },
      { parent: this },
    );
    new RecordSet(
      `${zone.name}-acme-challenge-cname`,
      {
        resourceGroupName: resourceGroup,
        zoneName: args.parentZone.name,
        relativeRecordSetName: "_acme-challenge",
        recordType: "CNAME",
        ttl: TTL_SECONDS,
        cnameRecord: { cname: `_acme-challenge.${child.name}` },
      },
      { parent: this },
    );
    this.registerOutputs({ zoneName: child.name });
  }
}
