/**
 * AWS end of "Azure is no transit between the other clouds": a static blackhole route for every GCP range in
 * the transit gateway's default route table, the table the VPN and the VPC attachments are associated with.
 *
 * Why it is needed: Azure's VPN gateway re-advertises what it learns from one BGP peer to its other peers
 * (https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-bgp-overview), so the transit gateway learns
 * the GCP ranges from Azure and would send AWS traffic for GCP through Azure, past the Azure Firewall.
 * Why it works: for one destination, a transit gateway prefers a static route to a propagated one
 * (https://docs.aws.amazon.com/vpc/latest/tgw/how-transit-gateways-work.html, route evaluation order;
 * https://repost.aws/knowledge-center/transit-gateway-monitor-routes: "To override a propagated route, add a
 * static route"), and a blackhole route drops the traffic that matches it
 * (https://docs.aws.amazon.com/vpc/latest/tgw/tgw-create-static-route.html). The GCP ranges are exactly what
 * the Cloud Router advertises (custom advertisement of the model's ranges), so the prefixes are the same and
 * the static route wins. It also drops the replies of AWS to GCP, so GCP -> AWS fails at AWS too.
 */
import type { VpnModel } from "@plugilo/model";
import { Route, type TransitGateway } from "@pulumi/aws/ec2transitgateway/index.js";
import * as pulumi from "@pulumi/pulumi";

export interface AwsTransitIsolationArgs {
  /** The model's VPN: the GCP ranges to drop and the AWS region. */
  vpn: VpnModel;
  /** The transit gateway the VPN connections end on (its default association route table is used). */
  transitGateway: TransitGateway;
}

export class AwsTransitIsolation extends pulumi.ComponentResource {
  readonly routes: Route[];

  constructor(name: string, args: AwsTransitIsolationArgs, opts?: pulumi.ComponentResourceOptions) {
    super("plugilo:multicloud:AwsTransitIsolation", name, {}, opts);
    const { vpn, transitGateway } = args;
    this.routes = vpn.gcp.ranges.map(
      (range) =>
        new Route(
          `${vpn.aws.transitGatewayName}-blackhole-${range.replace(/[./]/g, "-")}`,
          {
            region: vpn.aws.region,
            transitGatewayRouteTableId: transitGateway.associationDefaultRouteTableId,
            destinationCidrBlock: range,
            blackhole: true,
          },
          { parent: this },
        ),
    );
    this.registerOutputs({});
  }
}
