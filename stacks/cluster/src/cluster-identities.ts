/**
 * The two Azure identities of an AKS cluster, user-assigned so they exist (with their roles) before the cluster:
 * - control plane: Network Contributor on the spoke VNet and the node subnet's route table (custom VNet, UDR
 *   egress, API Server VNet Integration), Private DNS Zone Contributor on the hub's
 *   private.<region>.azmk8s.io zone (AKS writes the API server's record there), Managed Identity
 *   Operator on the kubelet identity (to hand it to the nodes);
 * - kubelet: pull on the environment registry (AcrPull, or Container Registry Repository Reader where the
 *   registry is in ABAC mode, which does not honour AcrPull: packages/model/src/cluster/registry-permissions.ts).
 * https://learn.microsoft.com/azure/aks/use-managed-identity
 * https://learn.microsoft.com/azure/aks/private-clusters#configure-a-private-dns-zone
 * https://learn.microsoft.com/azure/aks/node-auto-provisioning-custom-vnet
 */
import type { ProviderFor } from "@plugilo/components";
import type { ClusterModel } from "@plugilo/model";
import type { RoleAssignment } from "@pulumi/azure-native/authorization/index.js";
import { UserAssignedIdentity } from "@pulumi/azure-native/managedidentity/index.js";
import * as pulumi from "@pulumi/pulumi";
import { grant } from "./role-assignment.ts";

export interface ClusterIdentitiesArgs {
  /** The cluster: its identities' names, and the scopes of the control plane's roles (VNet, route table, zone). */
  readonly cluster: Pick<ClusterModel, "name" | "region" | "subscription" | "resourceGroup"> & {
    readonly identities: Pick<ClusterModel["identities"], "controlPlane" | "kubelet">;
    readonly aks: Pick<ClusterModel["aks"], "vnetId" | "nodeRouteTableId" | "privateDnsZoneId">;
  };

  /** The environment's container registry: the kubelet pulls from it (the model's `kubelet.registryRole`). */
  readonly containerRegistryId: string;
  readonly providerFor: ProviderFor;
  readonly tags: Record<string, string>;
}

export class ClusterIdentities extends pulumi.ComponentResource {
  readonly controlPlane: UserAssignedIdentity;
  readonly kubelet: UserAssignedIdentity;
  /** Everything the cluster needs granted before it is created. */
  readonly grants: RoleAssignment[] = [];

  constructor(name: string, args: ClusterIdentitiesArgs, opts?: pulumi.ComponentResourceOptions) {
    super("plugilo:cluster:ClusterIdentities", name, {}, opts);
    const { cluster: c, providerFor, tags } = args;
    const own = { parent: this, provider: providerFor(c.subscription) };
    const identity = (n: { name: string }) =>
      new UserAssignedIdentity(
        n.name,
        { resourceGroupName: c.resourceGroup.name, location: c.region, resourceName: n.name, tags },
        own,
      );
    this.controlPlane = identity(c.identities.controlPlane);
    this.kubelet = identity(c.identities.kubelet);

    const cp = { identityName: c.identities.controlPlane.name, principalId: this.controlPlane.principalId };
    this.grants.push(
      grant(`${c.name}-aks-network-vnet`, { ...cp, role: "Network Contributor", scope: c.aks.vnetId }, own),
      grant(`${c.name}-aks-network-routes`, { ...cp, role: "Network Contributor", scope: c.aks.nodeRouteTableId }, own),
      grant(
        `${c.name}-aks-private-dns`,
        { ...cp, role: "Private DNS Zone Contributor", scope: c.aks.privateDnsZoneId },
        // The zone lives in the Hub subscription.
        { parent: this, provider: providerFor("hub") },
      ),
      grant(
        `${c.name}-aks-kubelet-operator`,
        { ...cp, role: "Managed Identity Operator", scope: c.identities.kubelet.id },
        { ...own, dependsOn: [this.kubelet] },
      ),
      grant(
        `${c.name}-kubelet-acr-pull`,
        {
          identityName: c.identities.kubelet.name,
          principalId: this.kubelet.principalId,
          role: c.identities.kubelet.registryRole,
          scope: args.containerRegistryId,
        },
        // The registry lives in the Data Platform subscription.
        { parent: this, provider: providerFor("data") },
      ),
    );
    this.registerOutputs({ controlPlaneId: this.controlPlane.id, kubeletId: this.kubelet.id });
  }
}
