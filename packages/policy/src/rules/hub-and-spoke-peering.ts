/**
 * Hub and spoke, as the design draws it: every VNet peering joins a hub to a spoke of the hub's own region,
 * or the hubs to each other. A direct spoke-to-spoke peering would bypass the firewall, and a spoke peered
 * with the other region's hub would make the routes of the model (0.0.0.0/0 to its own firewall) wrong.
 */
import type { VnetModel } from "@plugilo/model";
import type { PolicyRule } from "../types.ts";

export const hubAndSpokePeering: PolicyRule = {
  name: "hub-and-spoke-peering",
  description: "A VNet peering joins a spoke to its own region's hub, or the hubs to each other; never two spokes.",
  severity: "error",
  check(resource, model) {
    if (resource.type !== "azure-native:network:VirtualNetworkPeering") return [];
    const { virtualNetworkName, resourceGroupName, remoteVirtualNetwork } = resource.inputs as {
      virtualNetworkName?: string;
      resourceGroupName?: string;
      remoteVirtualNetwork?: { id?: string };
    };
    const remoteId = remoteVirtualNetwork?.id?.toLowerCase();
    const local = model.vnets.find((v) => v.name === virtualNetworkName && v.resourceGroup === resourceGroupName);
    const remote = model.vnets.find((v) => v.id.toLowerCase() === remoteId);
    if (!local || !remote) {
      return [
        `peers ${String(virtualNetworkName)} with ${String(remoteVirtualNetwork?.id)}: a VNet the environment's address plan does not know`,
      ];
    }
    if (local.kind !== "hub" && remote.kind !== "hub") {
      return [
        `peers spoke ${local.name} directly with spoke ${remote.name}: spokes reach each other only through their hub's firewall`,
      ];
    }
    const [hub, spoke] = (local.kind === "hub" ? [local, remote] : [remote, local]) as [VnetModel, VnetModel];
    if (spoke.kind !== "hub" && spoke.region !== hub.region) {
      return [
        `peers ${spoke.name} (${spoke.region}) with the hub of ${hub.region}: a spoke peers only with its own region's hub`,
      ];
    }
    return [];
  },
};
