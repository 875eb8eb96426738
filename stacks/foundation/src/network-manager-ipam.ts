/**
 * Azure Virtual Network Manager with IP address management, fed by the model's address plan: one root pool
 * per region block (a pool serves VNets of its own region), a static CIDR for every planned VNet, and a pool
 * of static CIDRs that reserves the AWS, GCP and Tailscale ranges so nobody allocates over them in the portal.
 * https://learn.microsoft.com/azure/virtual-network-manager/concept-ip-address-management
 */
import type { ProviderFor } from "@plugilo/components";
import { type AddressPlan, type EnvironmentModel, REGIONS, type Reservation, type VnetModel } from "@plugilo/model";
import { IpamPool, NetworkManager, StaticCidr } from "@pulumi/azure-native/network/index.js";
import * as pulumi from "@pulumi/pulumi";

export interface NetworkManagerIpamArgs {
  /** The environment's name (pool names, descriptions). */
  readonly environment: string;
  readonly organization: string;
  readonly networkManager: EnvironmentModel["networkManager"];
  readonly addressPlan: Pick<AddressPlan, "space" | "regionBlocks">;
  /** The planned VNets: each gets a static CIDR in its region's pool. */
  readonly vnets: readonly Pick<VnetModel, "key" | "name" | "kind" | "region" | "cidr">[];
  /** Reserved ranges; the AWS, GCP and Tailscale ones go into the external pool. */
  readonly reservations: readonly Reservation[];
  readonly tags: Record<string, string>;
  readonly providerFor: ProviderFor;
  /** The management group the network manager governs. */
  scopeManagementGroupId: pulumi.Input<string>;
  dependsOn: pulumi.Input<pulumi.Resource>[];
}

export class NetworkManagerIpam extends pulumi.ComponentResource {
  readonly networkManager: NetworkManager;
  readonly regionPools: Record<string, IpamPool> = {};

  constructor(name: string, args: NetworkManagerIpamArgs, opts?: pulumi.ComponentResourceOptions) {
    super("plugilo:foundation:NetworkManagerIpam", name, {}, opts);
    const { environment, organization, tags } = args;
    const nm = args.networkManager;
    const child = { parent: this, provider: args.providerFor("management") };

    this.networkManager = new NetworkManager(
      nm.name,
      {
        networkManagerName: nm.name,
        resourceGroupName: nm.resourceGroup,
        location: nm.location,
        description: `IP address management of ${environment}, fed by the address plan in environments/${environment}.yaml`,
        networkManagerScopes: { managementGroups: [args.scopeManagementGroupId] },
        // IPAM needs no connectivity or security admin configuration.
        networkManagerScopeAccesses: [],
        tags,
      },
      { ...child, dependsOn: args.dependsOn },
    );
    const common = { networkManagerName: this.networkManager.name, resourceGroupName: nm.resourceGroup };

    for (const block of args.addressPlan.regionBlocks) {
      const short = REGIONS[block.region].shortCode;
      const poolName = `ipam-${organization}-${environment}-${short}`;
      const pool = new IpamPool(
        poolName,
        {
          ...common,
          poolName,
          location: block.region,
          properties: {
            addressPrefixes: [block.cidr],
            displayName: `${environment} ${REGIONS[block.region].displayName}`,
            description: `Region block of ${args.addressPlan.space}; platform VNets in ${block.platformBlock}, cluster spokes after it.`,
          },
          tags,
        },
        child,
      );
      this.regionPools[block.region] = pool;
      for (const vnet of args.vnets.filter((v) => v.region === block.region)) {
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

    const externalName = `ipam-${organization}-${environment}-external`;
    const external = args.reservations.filter((r) => r.kind === "aws" || r.kind === "gcp" || r.kind === "tailscale");
    const externalPool = new IpamPool(
      externalName,
      {
        ...common,
        poolName: externalName,
        location: nm.location,
        properties: {
          addressPrefixes: external.map((r) => r.cidr),
          displayName: `${environment} reserved: AWS, GCP, Tailscale`,

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
