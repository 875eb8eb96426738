/**
 * Services every other layer reads: the environment's Key Vault (secrets, certificates, the AKS KMS key)
 * and its container registry. They live in their own layer, `shared`, in the Data Platform subscription
 * and the primary region, deployed after the hub and before the edge and the clusters that need them
 * (docs/adr/0009). Names and IDs are fixed here so every layer references the same resources.
 */
import type { ResourceGroupModel } from "./model.ts";
import { type NameParts, resourceId, resourceName } from "./naming.ts";
import type { RegionName } from "./regions.ts";

export interface KeyVaultModel {
  name: string;
  id: string;
  /** https://<name>.vault.azure.net/ */
  uri: string;
  region: RegionName;
  resourceGroup: string;
  subscriptionId: string;
}

export interface ContainerRegistryModel {
  name: string;
  id: string;
  loginServer: string;
  /** Home region; the registry is geo-replicated to the other region. */
  region: RegionName;
  replicaRegions: RegionName[];
  resourceGroup: string;
  subscriptionId: string;
}

export function resolveSharedServices(
  parts: (workload: string, region?: RegionName) => NameParts,
  rg: ResourceGroupModel,
  secondary: RegionName,
): { keyVault: KeyVaultModel; containerRegistry: ContainerRegistryModel } {
  // Both names are global DNS names with tight limits (Key Vault: 24 characters): one per environment, so
  // neither workload nor region is part of the name (kv-plugilo-prod, crplugiloprod).
  const kvName = resourceName("keyVault", parts(""));
  const crName = resourceName("containerRegistry", parts(""));
  return {
    keyVault: {
      name: kvName,
      id: resourceId(rg.subscriptionId, rg.name, "Microsoft.KeyVault/vaults", kvName),
      uri: `https://${kvName}.vault.azure.net/`,
      region: rg.location,
      resourceGroup: rg.name,
      subscriptionId: rg.subscriptionId,
    },
    containerRegistry: {
      name: crName,
      id: resourceId(rg.subscriptionId, rg.name, "Microsoft.ContainerRegistry/registries", crName),
      loginServer: `${crName}.azurecr.io`,
      region: rg.location,
      replicaRegions: [secondary],
      resourceGroup: rg.name,
      subscriptionId: rg.subscriptionId,
    },
  };
}
