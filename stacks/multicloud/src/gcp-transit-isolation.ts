/**
 * Google Cloud end of "Azure is no transit between the other clouds": two VPC firewall rules on the network
 * that holds the HA VPN gateway, denying all protocols from the AWS ranges (ingress) and to them (egress).
 *
 * Why it is needed: Azure's VPN gateway re-advertises the AWS ranges it learns from the transit gateway to the
 * Cloud Router (https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-bgp-overview), so GCP has a route
 * to AWS through Azure that the Azure Firewall never sees.
 * Why it works: VPC firewall rules apply to the packets VMs send and receive through Cloud VPN tunnels
 * (https://cloud.google.com/network-connectivity/docs/vpn/how-to/configuring-firewall-rules); a rule with a
 * lower priority number wins, and at equal priority a deny rule wins over an allow rule
 * (https://cloud.google.com/vpc/docs/firewalls, rule assignment and priority). Priority 100 leaves room for
 * the network's own rules (1000 by default) and for exceptions above it. Ranges from the model.
 * Not covered: a direct AWS-GCP link would be blocked by these rules too; none exists in the design.
 */
import type { VpnModel } from "@plugilo/model";
import { Firewall } from "@pulumi/gcp/compute/index.js";
import * as pulumi from "@pulumi/pulumi";

export interface GcpTransitIsolationArgs {
  /** The model's VPN: the gateway's name, the AWS ranges to deny, the GCP project and network. */
  readonly vpn: {
    readonly gateway: Pick<VpnModel["gateway"], "name">;
    readonly aws: Pick<VpnModel["aws"], "ranges">;
    readonly gcp: Pick<VpnModel["gcp"], "project" | "network">;
  };
  /** Priority of the deny rules (0 is the highest). @default 100 */
  readonly priority?: number;
}

export class GcpTransitIsolation extends pulumi.ComponentResource {
  readonly ingress: Firewall;
  readonly egress: Firewall;

  constructor(name: string, args: GcpTransitIsolationArgs, opts?: pulumi.ComponentResourceOptions) {
    super("plugilo:multicloud:GcpTransitIsolation", name, {}, opts);
    const { vpn } = args;
    const gcp = vpn.gcp;
    const priority = args.priority ?? 100;
    const network = `projects/${gcp.project}/global/networks/${gcp.network}`;
    const rule = (direction: "INGRESS" | "EGRESS") => {
      const ruleName = `${gcp.network}-deny-${direction === "INGRESS" ? "from" : "to"}-aws`;
      return new Firewall(
        ruleName,
        {
          project: gcp.project,
          name: ruleName,
          network,
          direction,
          priority,
          description: `Azure (${vpn.gateway.name}) is no transit between AWS and GCP: deny the AWS ranges`,
          denies: [{ protocol: "all" }],
          ...(direction === "INGRESS" ? { sourceRanges: [...vpn.aws.ranges] } : { destinationRanges: [...vpn.aws.ranges] }),
          logConfig: { metadata: "INCLUDE_ALL_METADATA" },
        },
        { parent: this },
      );
    };
    this.ingress = rule("INGRESS");
    this.egress = rule("EGRESS");
    this.registerOutputs({});
  }
}
