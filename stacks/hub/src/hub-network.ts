/**
 * A regional hub VNet from the address plan: AzureFirewallSubnet (with the NAT gateway and its route table:
 * 0.0.0.0/0 to the Internet, the other region to the other firewall) and GatewaySubnet (in the primary
 * hub: the spokes' prefixes to the firewall, so traffic from AWS and GCP is inspected). No NSG on either:
 * Azure does not support one on AzureFirewallSubnet or GatewaySubnet.
 */
import { sendToLogAnalytics } from "@plugilo/components";
import type { HubModel, VnetModel } from "@plugilo/model";
import { RouteTable, VirtualNetwork } from "@pulumi/azure-native/network/index.js";
import * as pulumi from "@pulumi/pulumi";

export interface HubNetworkArgs {
  hub: HubModel;
  vnet: VnetModel;
  natGatewayId: pulumi.Input<string>;
  tags: Record<string, string>;
}

export class HubNetwork extends pulumi.ComponentResource {
  readonly virtualNetwork: VirtualNetwork;

  constructor(name: string, args: HubNetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    super("plugilo:hub:HubNetwork", name, {}, opts);
    const { hub, vnet, tags } = args;
    const child = { parent: this };
    const common = { resourceGroupName: vnet.resourceGroup, location: vnet.region, tags };

    const subnets = vnet.subnets.map((subnet) => {
      const table = subnet.routeTable;
      const routeTable = table
        ? new RouteTable(
            table.name,
            {
              ...common,
              routeTableName: table.name,
              disableBgpRoutePropagation: table.disableBgpRoutePropagation,
              routes: table.routes.map((r) => ({ ...r })),
            },
            child,
          )
        : undefined;
      return {
        name: subnet.name,
        addressPrefix: subnet.cidr,
        ...(routeTable ? { routeTable: { id: routeTable.id } } : {}),
        ...(subnet.kind === "firewall" ? { natGateway: { id: args.natGatewayId } } : {}),
      };
    });

    this.virtualNetwork = new VirtualNetwork(
      vnet.name,
      {
        ...common,
        virtualNetworkName: vnet.name,
        addressSpace: { addressPrefixes: [vnet.cidr] },
        subnets,
      },
      child,
    );
    sendToLogAnalytics(
      vnet.name,
      { resourceId: this.virtualNetwork.id, workspaceId: hub.logAnalyticsWorkspaceId, logs: true, metrics: true },
      child,
    );
    this.registerOutputs({ virtualNetworkId: this.virtualNetwork.id });
  }
}
