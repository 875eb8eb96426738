/**
 * A spoke VNet as the model describes it: subnets from the address plan, each with its NSG and route table
 * (0.0.0.0/0 to the regional firewall; the Application Gateway subnet only the cluster prefixes), the
 * firewall as DNS server, and the peering with its own region's hub in both directions. The hub side of the
 * peering lives in the Hub subscription, so it is created with that subscription's provider.
 * Every layer with a VNet (edge, cluster, data, access) instantiates one Spoke per VNet it owns.
 */
import type { EnvironmentModel, PeeringModel, SubnetKind, SubnetModel, VnetModel } from "@plugilo/model";
import { NetworkSecurityGroup, RouteTable, VirtualNetwork, VirtualNetworkPeering } from "@pulumi/azure-native/network/index.js";
import * as pulumi from "@pulumi/pulumi";
import { sendToLogAnalytics, workspaceIn } from "./diagnostic-setting.ts";
import type { ProviderFor } from "./subscription-providers.ts";

export interface SpokeArgs {
  /** The spoke VNet: range, subnets with their NSGs and route tables, DNS servers, layer, subscription. */
  readonly vnet: VnetModel;
  /** The environment's peerings: the two that name this VNet are created here, the hub's side first. */
  readonly peerings: readonly PeeringModel[];
  /** The VNets those peerings name (this one and its hub). */
  readonly vnets: readonly Pick<VnetModel, "key" | "id" | "name" | "resourceGroup" | "subscription">[];
  /** The environment's tags; the spoke adds its layer. */
  readonly tags: Record<string, string>;
  /** The Log Analytics workspace of the VNet's region (VNet and NSG diagnostics). */
  readonly workspaceId: string;
  readonly providerFor: ProviderFor;
}

/**
 * The Spoke of one of the environment's VNets, named `spoke-<key>`: its peerings, tags and region's workspace
 * taken from the environment, as every layer with a VNet builds it.
 */
export function layerSpoke(
  vnet: VnetModel,
  environment: Pick<EnvironmentModel, "peerings" | "vnets" | "tags" | "logAnalytics">,
  providerFor: ProviderFor,
): Spoke {
  return new Spoke(`spoke-${vnet.key}`, {
    vnet,
    peerings: environment.peerings,
    vnets: environment.vnets,
    tags: environment.tags,
    workspaceId: workspaceIn(environment.logAnalytics, vnet.region),
    providerFor,
  });
}

/** Private endpoints obey NSGs and UDRs only with network policies on (default: off). */
const PRIVATE_ENDPOINT_SUBNETS: ReadonlySet<SubnetKind> = new Set([
  "edgePrivateEndpoints",
  "clusterPrivateEndpoints",
  "dataPrivateEndpoints",
]);

export class Spoke extends pulumi.ComponentResource {
  readonly virtualNetwork: VirtualNetwork;
  readonly peerings: VirtualNetworkPeering[] = [];

  constructor(name: string, args: SpokeArgs, opts?: pulumi.ComponentResourceOptions) {
    super("plugilo:components:Spoke", name, {}, opts);
    const { vnet, providerFor, workspaceId } = args;
    if (vnet.kind === "hub") throw new Error(`${vnet.key} is a hub, not a spoke`);
    const provider = providerFor(vnet.subscription);
    const child = { parent: this, provider };
    const tags = { ...args.tags, layer: vnet.layer };
    const common = { resourceGroupName: vnet.resourceGroup, location: vnet.region, tags };

    const subnetArgs = vnet.subnets.map((subnet) => {
      const nsg = this.networkSecurityGroup(subnet, common, child);
      const routeTable = subnet.routeTable
        ? new RouteTable(
            subnet.routeTable.name,
            {
              ...common,
              routeTableName: subnet.routeTable.name,
              disableBgpRoutePropagation: subnet.routeTable.disableBgpRoutePropagation,
              routes: subnet.routeTable.routes.map((r) => ({ ...r })),
            },
            child,
          )
        : undefined;
      if (nsg) {
        sendToLogAnalytics(nsg.name, { resourceId: nsg.resource.id, workspaceId, logs: true, metrics: false }, child);
      }
      return {
        name: subnet.name,
        addressPrefix: subnet.cidr,
        ...(nsg ? { networkSecurityGroup: { id: nsg.resource.id } } : {}),
        ...(routeTable ? { routeTable: { id: routeTable.id } } : {}),
        ...(subnet.delegation ? { delegations: [{ name: "delegation", serviceName: subnet.delegation }] } : {}),
        ...(PRIVATE_ENDPOINT_SUBNETS.has(subnet.kind) ? { privateEndpointNetworkPolicies: "Enabled" } : {}),
        // A Private Link service (Front Door's origin on the Application Gateway) needs them off.
        ...(subnet.kind === "appgwPrivateLink" ? { privateLinkServiceNetworkPolicies: "Disabled" } : {}),
        // Egress goes through the firewall, never through Azure's implicit default outbound access.
        defaultOutboundAccess: false,
      };
    });

    this.virtualNetwork = new VirtualNetwork(
      vnet.name,
      {
        ...common,
        virtualNetworkName: vnet.name,
        addressSpace: { addressPrefixes: [vnet.cidr] },
        // The regional firewall's DNS proxy: private DNS zones resolve, and FQDN network rules see the same answers.
        dhcpOptions: { dnsServers: vnet.dnsServers },
        // Subnets inline: one atomic update, no concurrent subnet operations on the VNet.
        subnets: subnetArgs,
      },
      child,
    );
    sendToLogAnalytics(vnet.name, { resourceId: this.virtualNetwork.id, workspaceId, logs: true, metrics: true }, child);

    const byKey = (key: string) => args.vnets.find((v) => v.key === key);
    // The hub side first: a spoke may only use the hub's gateway once the hub offers gateway transit.
    const ours = args.peerings.filter((p) => p.vnetKey === vnet.key || p.remoteVnetKey === vnet.key);
    const hubSide = ours.filter((p) => p.remoteVnetKey === vnet.key);
    for (const peering of [...hubSide, ...ours.filter((p) => p.vnetKey === vnet.key)]) {
      const local = byKey(peering.vnetKey);
      const remote = byKey(peering.remoteVnetKey);
      if (!local || !remote) throw new Error(`peering ${peering.name} names an unknown VNet`);
      const after = peering.vnetKey === vnet.key ? [...this.peerings] : [];
      this.peerings.push(
        new VirtualNetworkPeering(
          `${local.name}-${peering.name}`,
          {
            resourceGroupName: local.resourceGroup,
            virtualNetworkName: local.name,
            virtualNetworkPeeringName: peering.name,
            remoteVirtualNetwork: { id: remote.key === vnet.key ? this.virtualNetwork.id : remote.id },
            allowVirtualNetworkAccess: true,
            allowForwardedTraffic: peering.allowForwardedTraffic,
            allowGatewayTransit: peering.allowGatewayTransit,
            useRemoteGateways: peering.useRemoteGateways,
          },
          // The hub side lives in the Hub subscription and needs the spoke VNet to exist first.
          { parent: this, provider: providerFor(local.subscription), dependsOn: [this.virtualNetwork, ...after] },
        ),
      );
    }
    this.registerOutputs({ virtualNetworkId: this.virtualNetwork.id });
  }

  private networkSecurityGroup(
    subnet: SubnetModel,
    common: { resourceGroupName: string; location: string; tags: Record<string, string> },
    opts: pulumi.CustomResourceOptions,
  ): { name: string; resource: NetworkSecurityGroup } | undefined {
    const nsg = subnet.networkSecurityGroup;
    if (!nsg) return undefined;
    const resource = new NetworkSecurityGroup(
      nsg.name,
      {
        ...common,
        networkSecurityGroupName: nsg.name,
        securityRules: nsg.rules.map((r) => ({
          name: r.name,
          priority: r.priority,
          direction: r.direction,
          access: r.access,
          protocol: r.protocol,
          ...(r.sourceAddressPrefixes.length === 1
            ? { sourceAddressPrefix: r.sourceAddressPrefixes[0] }
            : { sourceAddressPrefixes: r.sourceAddressPrefixes }),
          sourcePortRange: "*",
          destinationAddressPrefix: "*",
          ...(r.destinationPortRanges.length === 1
            ? { destinationPortRange: r.destinationPortRanges[0] }
            : { destinationPortRanges: r.destinationPortRanges }),
          description: r.description,
        })),
      },
      opts,
    );
    return { name: nsg.name, resource };
  }
}
