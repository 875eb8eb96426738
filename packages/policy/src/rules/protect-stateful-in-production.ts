/**
 * Reliability: where the environment protects stateful resources (model.protectStateful: staging and prod by
 * default), every resource that holds data or everything else (resource groups) is planned with
 * `protect: true`, so `pulumi destroy` or a replacing change cannot delete it without an explicit unprotect.
 */
import type { PlannedResource, PolicyRule } from "../types.ts";

/** Pulumi types that hold state. */
export const STATEFUL_TYPES: ReadonlySet<string> = new Set([
  "azure-native:dbforpostgresql:Server",
  "azure-native:dbforpostgresql:FlexibleServer",
  "azure-native:cosmosdb:DatabaseAccount",
  "azure-native:redisenterprise:RedisEnterprise",
  "azure-native:redisenterprise:Database",
  "azure-native:cache:Redis",
  "azure-native:keyvault:Vault",
  "azure-native:containerregistry:Registry",
  "azure-native:storage:StorageAccount",
  "azure-native:operationalinsights:Workspace",
  "azure-native:resources:ResourceGroup",
  "ec:index/deployment:Deployment",
]);

/** The same types as ARM names, for a generic `resources.Resource` (lower-cased namespace/type). */
const STATEFUL_ARM_TYPES: ReadonlySet<string> = new Set([
  "microsoft.dbforpostgresql/flexibleservers",
  "microsoft.documentdb/databaseaccounts",
  "microsoft.cache/redisenterprise",
  "microsoft.cache/redis",
  "microsoft.keyvault/vaults",
  "microsoft.containerregistry/registries",
  "microsoft.storage/storageaccounts",
  "microsoft.operationalinsights/workspaces",
]);

export function isStateful(resource: PlannedResource): boolean {
  if (STATEFUL_TYPES.has(resource.type)) return true;
  if (resource.type !== "azure-native:resources:Resource") return false;
  const { resourceProviderNamespace, resourceType, parentResourcePath } = resource.inputs;
  if (typeof resourceProviderNamespace !== "string" || typeof resourceType !== "string") return false;
  // A top-level resource only (no parent path): children such as firewall rules hold no data of their own.
  if (typeof parentResourcePath === "string" && parentResourcePath !== "") return false;
  return STATEFUL_ARM_TYPES.has(`${resourceProviderNamespace}/${resourceType}`.toLowerCase());
}

export const protectStatefulInProduction: PolicyRule = {
  name: "protect-stateful-in-production",
  description:
    "Where the environment protects stateful resources (protectStateful), databases, caches, vaults, registries, storage, Log Analytics workspaces, resource groups and Elastic deployments are planned with protect: true.",
  severity: "error",
  check(resource, model) {
    if (!model.protectStateful || resource.protect || !isStateful(resource)) return [];
    return [
      `is a stateful ${resource.type} without protect: true in ${model.name}, which protects stateful resources: set protect: model.protectStateful`,
    ];
  },
};
