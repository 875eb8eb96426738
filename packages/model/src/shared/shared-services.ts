/**
 * Services every other layer reads: the environment's Key Vault (secrets, certificates, the AKS KMS key)
 * and its container registry. They live in their own layer, `shared`, in the Data Platform subscription
 * and the primary region, deployed after the hub and before the edge and the clusters that need them
 * (docs/adr/0009). Names and IDs are fixed here so every layer references the same resources.
 */

import type { RegistryRoleAssignmentMode } from "../cluster/registry-permissions.ts";
import { type NameParts, resourceId, resourceName } from "../core/naming.ts";
import type { RegionName } from "../core/regions.ts";
import type { EastWestRuleModel, ResourceGroupModel, VnetModel } from "../core/resources.ts";
import type { EnvironmentConfig } from "../core/schema.ts";

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
  /** ABAC (repository-scoped roles) where build runners push, legacy elsewhere (registry-permissions.ts). */
  roleAssignmentMode: RegistryRoleAssignmentMode;
}

export function resolveSharedServices(
  parts: (workload: string, region?: RegionName) => NameParts,
  rg: ResourceGroupModel,
  secondary: RegionName,
  registryMode: RegistryRoleAssignmentMode,
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
      roleAssignmentMode: registryMode,
    },
  };
}

/**
 * The primary region's subnet holding private endpoints of Key Vault and the registry (the first cluster of the
 * primary region); every region has one (sharedServiceEndpointSubnets, docs/adr/0102).
 */
export function sharedServiceEndpointSubnet(
  config: EnvironmentConfig,
  vnets: readonly VnetModel[],
): { region: RegionName; cidr: string } | undefined {
  const owner = config.clusters.find((c) => c.region === config.regions.primary);
  const vnet = owner && vnets.find((v) => v.kind === "cluster" && v.cluster === owner.name);
  const subnet = vnet?.subnets.find((s) => s.kind === "clusterPrivateEndpoints");
  return vnet && subnet ? { region: vnet.region, cidr: subnet.cidr } : undefined;
}

/**
 * Every region's holder of the Key Vault and registry endpoints: the private endpoint subnet of the first
 * cluster of each region, so each region reaches both through its own endpoint and resolves them in its own
 * zone (docs/adr/0102): a germanywestcentral outage leaves germanynorth's image pulls, External Secrets and
 * KMS on germanynorth's path.
 */
export function sharedServiceEndpointSubnets(
  config: EnvironmentConfig,
  vnets: readonly VnetModel[],
): { region: RegionName; cidr: string; cluster: string }[] {
  const regions = [...new Set(config.clusters.map((c) => c.region))];
  return regions.flatMap((region) => {
    const owner = config.clusters.find((c) => c.region === region);
    const vnet = owner && vnets.find((v) => v.kind === "cluster" && v.cluster === owner.name);
    const subnet = vnet?.subnets.find((s) => s.kind === "clusterPrivateEndpoints");
    return owner && vnet && subnet ? [{ region: vnet.region, cidr: subnet.cidr, cluster: owner.name }] : [];
  });
}

/**
 * East-west to Key Vault and the registry (HTTPS): every cluster's nodes (image pulls, External Secrets,
 * KMS), the Application Gateways (TLS certificates) and API Management (named values). The firewalls of
 * both regions carry the rule; traffic from the secondary region crosses both.
 */
export function sharedServiceAccessRules(config: EnvironmentConfig, vnets: readonly VnetModel[]): EastWestRuleModel[] {
  const endpoints = sharedServiceEndpointSubnets(config, vnets);
  if (endpoints.length === 0) return [];
  const sourcesOf = (kinds: readonly string[]) =>
    vnets.flatMap((v) => v.subnets.filter((s) => kinds.includes(s.kind)).map((s) => s.cidr));
  const rule = (name: string, sourceAddresses: string[]): EastWestRuleModel => ({
    name,
    protocol: "TCP",
    sourceAddresses,
    destinationAddresses: endpoints.map((e) => e.cidr),
    destinationPorts: ["443"],
  });
  const edge = sourcesOf(["appgw", "apim"]);
  return [
    rule("clusters-to-key-vault-and-registry", sourcesOf(["aksNodes"])),
    ...(edge.length ? [rule("edge-to-key-vault", edge)] : []),
  ];
}
