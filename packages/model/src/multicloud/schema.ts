/** The multicloud part of the environment schema: the VPN to AWS and Google Cloud. */
import { z } from "zod";
import { cidr, port, slug } from "../core/schema-fields.ts";

/** A BGP autonomous system number (4-byte; 4294967295 is reserved). Which ASNs each cloud accepts is in vpn.ts. */
export const asn = z.int().min(1).max(4294967294, "4294967295 is reserved (RFC 7300)");

const vpnPeerSchema = {
  ranges: z.array(cidr).min(1).meta({
    description:
      "At least one CIDR, reached over the VPN. Must not overlap anything in Azure or the other cloud; reserved in the external IPAM pool.",
  }),
  asn,
  flows: z
    .strictObject({
      inbound: z
        .array(port)
        .default([443])
        .meta({ description: "TCP ports on which the peer's ranges reach the clusters' ingress load balancers." }),
      outbound: z
        .array(
          z.strictObject({
            name: slug(30).meta({ description: "Names the firewall rule." }),
            destinations: z
              .array(cidr)
              .min(1)
              .optional()
              .meta({ description: "Destinations in the peer; default: the peer's ranges." }),
            protocol: z.enum(["TCP", "UDP"]).default("TCP").meta({ description: "IP protocol." }),
            ports: z.array(port).min(1).meta({ description: "Destination ports." }),
          }),
        )
        .default([{ name: "https", protocol: "TCP", ports: [443] }])
        .meta({ description: "What the clusters' nodes may reach in the peer." }),
    })
    .prefault({})
    .meta({ description: "What may cross the VPN: the firewalls allow exactly these (docs/adr/0128)." }),
};

export const VPN_GATEWAY_SKUS = ["VpnGw1AZ", "VpnGw2AZ", "VpnGw3AZ", "VpnGw4AZ", "VpnGw5AZ"] as const;

export const multicloudSchema = z.strictObject({
  azure: z
    .strictObject({
      asn: asn.default(65515).meta({
        description: "BGP AS number of the Azure VPN gateway; no other ASN that Azure or IANA reserves.",
      }),
      gatewaySku: z
        .enum(VPN_GATEWAY_SKUS, { error: "must be a zone-redundant VPN gateway SKU: VpnGw1AZ to VpnGw5AZ" })
        .default("VpnGw1AZ")
        .meta({ description: "Zone-redundant VPN gateway SKU." }),
    })
    .prefault({})
    .meta({ description: "The Azure end: a zone-redundant, active-active VPN gateway in the primary hub." }),
  aws: z.strictObject({
    ...vpnPeerSchema,
    asn: asn.meta({ description: "Amazon-side ASN of the transit gateway: 64512-65534 or 4200000000-4294967294." }),
    region: z
      .string()
      .regex(/^eu-[a-z]+-\d$/, "must be an AWS region in the EU such as eu-central-1 (GDPR residency)")
      .default("eu-central-1")
      .meta({ description: "EU regions only: the data that crosses the VPN stays in the EU (GDPR residency)." }),
  }),
  gcp: z.strictObject({
    ...vpnPeerSchema,
    asn: asn.meta({
      description: "ASN of the Cloud Router: 64512-65534, 4200000000-4294967294 or 16550. The three ASNs must differ.",
    }),
    region: z
      .string()
      .regex(/^europe-[a-z]+\d+$/, "must be a Google Cloud region in Europe such as europe-west3 (GDPR residency)")
      .default("europe-west3")
      .meta({ description: "European regions only (GDPR residency)." }),
    project: z
      .string()
      .regex(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, "must be a Google Cloud project ID (6-30 lowercase letters, digits, dashes)")
      .optional()
      .meta({ description: "Project of the HA VPN gateway and Cloud Router. Default: `<organization>-<env>-network`." }),
    network: z
      .string()
      .regex(/^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/, "must be a Google Cloud network name (RFC 1035)")
      .optional()
      .meta({ description: "The VPC network the Cloud Router serves. Default: `<organization>-<env>`." }),
  }),
});
