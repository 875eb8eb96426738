/**
 * Layer multicloud: the AWS and Google Cloud ends of the site-to-site VPN to the primary hub, and the Azure
 * local network gateways and connections to them. Every tunnel's /30, BGP addresses and ASNs come from the
 * model (model.vpn), so the three clouds agree by construction; the pre-shared keys are generated here once
 * and used on both ends. Deploys after the hub layer: it reads the VPN gateway's public IPs from Azure.
 */
import { subscriptionProviders } from "@plugilo/components";
import type { EnvironmentModel } from "@plugilo/model";
import { Provider as AwsProvider } from "@pulumi/aws/provider.js";
import { getPublicIPAddressOutput } from "@pulumi/azure-native/network/index.js";
import { Provider as GcpProvider } from "@pulumi/gcp/provider.js";
import * as pulumi from "@pulumi/pulumi";
import { AwsTransitIsolation } from "./aws-transit-isolation.ts";
import { AwsVpn } from "./aws-vpn.ts";
import { AzureVpnConnections } from "./azure-vpn-connections.ts";
import { GcpTransitIsolation } from "./gcp-transit-isolation.ts";
import { GcpVpn } from "./gcp-vpn.ts";
import { PreSharedKeys } from "./pre-shared-keys.ts";

export function multicloud(model: EnvironmentModel) {
  const vpn = model.vpn;
  const tags = { ...model.tags, layer: "multicloud" };
  const hubProvider = subscriptionProviders(model)("hub");
  // Explicit providers: the region (EU) comes from the model, never from whatever the shell has configured.
  const awsProvider = new AwsProvider("aws", { region: vpn.aws.region, defaultTags: { tags: vpn.aws.tags } });
  const gcpProvider = new GcpProvider("gcp", { project: vpn.gcp.project, region: vpn.gcp.region, defaultLabels: vpn.gcp.labels });

  // Azure assigns the gateway's public IPs; the names are the model's, the addresses are read from Azure.
  const azureGatewayIps = vpn.gateway.instances.map((instance) =>
    getPublicIPAddressOutput(
      { resourceGroupName: vpn.gateway.resourceGroup, publicIpAddressName: instance.publicIpName },
      { provider: hubProvider },
    ).apply((ip) => {
      if (!ip.ipAddress) throw new Error(`public IP ${instance.publicIpName} has no address yet: deploy the hub layer first`);
      return ip.ipAddress;
    }),
  );

  const keys = new PreSharedKeys("pre-shared-keys", { tunnels: vpn.tunnels });
  const awsEnd = new AwsVpn("aws", { vpn, azureGatewayIps, keys }, { providers: [awsProvider] });
  const gcpEnd = new GcpVpn("gcp", { vpn, azureGatewayIps, keys }, { providers: [gcpProvider] });
  // Azure's gateway re-advertises each cloud's routes to the other: both remote ends refuse that transit.
  new AwsTransitIsolation("aws-transit-isolation", { vpn, transitGateway: awsEnd.transitGateway }, { providers: [awsProvider] });
  new GcpTransitIsolation("gcp-transit-isolation", { vpn }, { providers: [gcpProvider] });
  new AzureVpnConnections(
    "azure",
    { vpn, tags, keys, remoteIps: { ...awsEnd.outsideIps, ...gcpEnd.outsideIps } },
    { providers: [hubProvider] },
  );

  return {
    awsTransitGatewayId: awsEnd.transitGateway.id,
    tunnels: Object.fromEntries(
      vpn.tunnels.map((t) => [
        t.key,
        {
          insideCidr: t.insideCidr,
          azureBgpIp: t.azureBgpIp,
          remoteBgpIp: t.remoteBgpIp,
          remoteAsn: t.remoteAsn,
          remoteOutsideIp: (t.cloud === "aws" ? awsEnd.outsideIps : gcpEnd.outsideIps)[t.key] ?? pulumi.output(""),
        },
      ]),
    ),
  };
}
