/**
 * The DNS records of Front Door's custom domains, in the platform's public Azure DNS zones (Hub
 * subscription, created by the hub layer): per domain a TXT record `_dnsauth.<host>` with the token Front
 * Door issues (it validates the domain, then issues and renews the managed certificate), and a CNAME from
 * the host to the Front Door endpoint. They live here, with the hub subscription's provider, because the
 * token and the endpoint's host name exist only once this stack has created the domain and the endpoint.
 * https://learn.microsoft.com/azure/frontdoor/standard-premium/how-to-add-custom-domain
 */
import type { CustomDomainModel } from "@plugilo/model";
import { RecordSet } from "@pulumi/azure-native/dns/index.js";
import * as pulumi from "@pulumi/pulumi";

export interface CustomDomainRecordsArgs {
  /** The resource group of the public DNS zones (Hub subscription). */
  readonly resourceGroup: string;
  readonly domains: { domain: CustomDomainModel; validationToken: pulumi.Input<string> }[];
  endpointHostName: pulumi.Input<string>;
}

/** One hour: short enough to move a host quickly, long enough to keep resolvers' caches useful. */
export const RECORD_TTL_SECONDS = 3600;

export class CustomDomainRecords extends pulumi.ComponentResource {
  readonly records: RecordSet[] = [];

  constructor(name: string, args: CustomDomainRecordsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("plugilo:edge:CustomDomainRecords", name, {}, opts);
    const rg = args.resourceGroup;

    for (const { domain, validationToken } of args.domains) {
      this.records.push(
        new RecordSet(
          `${domain.name}-validation`,
          {
            resourceGroupName: rg,
            zoneName: domain.zoneName,
            relativeRecordSetName: domain.validationRecordName,
            recordType: "TXT",
            ttl: RECORD_TTL_SECONDS,
            txtRecords: [{ value: [validationToken] }],
          },
          { parent: this },
        ),
        new RecordSet(
          `${domain.name}-cname`,
          {
            resourceGroupName: rg,
            zoneName: domain.zoneName,
            relativeRecordSetName: domain.relativeName,
            recordType: "CNAME",
            ttl: RECORD_TTL_SECONDS,
            cnameRecord: { cname: args.endpointHostName },
          },
          { parent: this },
        ),
      );
    }
    this.registerOutputs({});
  }
}
