/**
 * Azure Virtual Network Manager with IP address management, fed by the model's address plan: one root pool
 * per region block (a pool serves VNets of its own region), a static CIDR for every planned VNet, and a pool
 * of static CIDRs that reserves the AWS, GCP and Tailscale ranges so nobody allocates over them in the portal.
 * https://learn.microsoft.com/azure/virtual-network-manager/concept-ip-address-management
 */
import type { ProviderFor } from "@plugilo/components";
import { type EnvironmentModel, REGIONS } from "@plugilo/model";
import { IpamPool, NetworkManager, StaticCidr } from "@pulumi/azure-native/network/index.js";
import * as pulumi from "@pulumi/pulumi";

export interface NetworkManagerIpamArgs {
  model: EnvironmentModel;
  providerFor: ProviderFor;
  /** The management group the network manager governs. */
  scopeManagementGroupId: pulumi.Input<string>;
  dependsOn: pulumi.Input<pulumi.Resource>[];
}

export class NetworkManagerIpam extends pulumi.ComponentResource {
  readonly networkManager: NetworkManager;
  readonly regionPools: Record<string, IpamPool> = {};

  constructor(name: string, args: NetworkManagerIpamArgs, opts?: pulumi.ComponentResourceOptions) {
    super("plugilo:foundation:NetworkManagerIpam", name, {}, opts);
    const { model } = args;
    const nm = model.networkManager;
    const tags = { ...model.tags, layer: "foundation" };
    const child = { parent: this, provider: args.providerFor("management") };

    this.networkManager = new NetworkManager(
      nm.name,
      {
        networkManagerName: nm.name,
        resourceGroupName: nm.resourceGroup,
        location: nm.location,
        description: `IP address management of ${model.name}, fed by the address plan in environments/${model.name}.yaml`,
        networkManagerScopes: { managementGroups: [args.scopeManagementGroupId] },
        // IPAM needs no connectivity or security admin configuration.
        networkManagerScopeAccesses: [],
        tags,
      },
      { ...child, dependsOn: args.dependsOn },
    );
    const common = { networkManagerName: this.networkManager.name, resourceGroupName: nm.resourceGroup };

    for (const block of model.addressPlan.regionBlocks) {
      const short = REGIONS[block.region].shortCode;
      const poolName = `ipam-${model.organization}-${model.name}-${short}`;
      const pool = new IpamPool(
        poolName,
        {
          ...common,
          poolName,
          location: block.region,
          properties: {
            addressPrefixes: [block.cidr],
            displayName: `${model.name} ${REGIONS[block.region].displayName}`,
            description: `Region block of ${model.addressPlan.space}; platform VNets in ${block.platformBlock}, cluster spokes after it.`,
          },
          tags,
        },
        child,
      );
      this.regionPools[block.region] = pool;
      for (const vnet of model.vnets.filter((v) => v.region === block.region)) {
        new StaticCidr(
          `${poolName}-${vnet.key}`,
          {
            ...common,
            poolName: pool.name,
            staticCidrName: vnet.name,
            properties: { addressPrefixes: [vnet.cidr], description: `${vnet.kind} VNet ${vnet.name}` },
          },
          { ...child, parent: pool },
        );
      }
    }

    const externalName = `ipam-${model.organization}-${model.name}-external`;
    const external = model.reservations.filter((r) => r.kind === "aws" || r.kind === "gcp" || r.kind === "tailscale");
    const externalPool = new IpamPool(
      externalName,
      {
        ...common,
        poolName: externalName,
        location: nm.location,
        properties: {
          addressPrefixes: external.map((r) => r.cidr),
          displayName: `${model.name} reserved: AWS, GCP, Tailscale`,
          description: "Ranges reached over VPN or Tailscale: never allocate from them in Azure.",
        },
        tags,
      },
      child,
    );
    for (const r of external) {
      new StaticCidr(
        `${externalName}-${r.kind}-${r.cidr}`,
        {
          ...common,
          poolName: externalPool.name,
          staticCidrName: `${r.kind}-${r.cidr.replace(/[./]/g, "-")}`,
          properties: { addressPrefixes: [r.cidr], description: r.name },
        },
        { ...child, parent: externalPool },
      );
    }
    this.registerOutputs({ networkManagerId: this.networkManager.id });
  }
}
