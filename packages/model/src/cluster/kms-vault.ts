/**
 * The Key Vault that holds one cluster's KMS key (etcd encryption of Kubernetes secrets), and nothing else.
 * AKS KMS with a private vault needs the cluster's control-plane identity to be Key Vault Contributor on the
 * vault (https://learn.microsoft.com/azure/aks/use-kms-etcd-encryption, private key vault steps). On the
 * environment vault that role could rewrite the firewall and settings of the vault that holds every secret;
 * on a vault of its own it reaches only the cluster's own key (docs/adr/0130). The vault lives in the cluster's
 * resource group and region; its private endpoint is in the cluster spoke's private endpoint subnet, its record
 * in that region's privatelink.vaultcore.azure.net zone (docs/adr/0102).
 */
import { type PartsOf, resourceId, resourceName } from "../core/naming.ts";
import type { ResourceGroupModel } from "../core/resources.ts";

export interface KmsVaultModel {
  name: string;
  id: string;
  uri: string;
  resourceGroup: string;
  subscriptionId: string;
  /** Private endpoint of the vault, in the cluster spoke's private endpoint subnet. */
  privateEndpointName: string;
  subnetId: string;
}

export function resolveKmsVault(cluster: string, rg: ResourceGroupModel, subnetId: string, parts: PartsOf): KmsVaultModel {
  // No region or suffix: Key Vault names are at most 24 characters (kv-<org>-<cluster>-<env>).
  const name = resourceName("keyVault", parts(cluster));
  return {
    name,
    id: resourceId(rg.subscriptionId, rg.name, "Microsoft.KeyVault/vaults", name),
    uri: `https://${name}.vault.azure.net/`,
    resourceGroup: rg.name,
    subscriptionId: rg.subscriptionId,
    privateEndpointName: resourceName("privateEndpoint", parts(cluster, rg.location, "kms")),
    subnetId,
  };
}
