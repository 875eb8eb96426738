/**
 * Layer shared (Data Platform subscription, primary region): the environment Key Vault and the geo-replicated
 * container registry, deployed after the hub and before the edge and the clusters that read them
 * (docs/adr/0009). Their private endpoints live in the primary cluster spoke, which does not exist yet when
 * this layer deploys: the cluster stack creates them (docs/adr/0034). In dev the registry is in ABAC mode
 * (repository-scoped push, docs/adr/0135) and the in-cluster databases' passwords are generated here.
 */
import { subscriptionProviders, workspaceIn } from "@plugilo/components";
import { type EnvironmentModel, inClusterSecrets } from "@plugilo/model";
import { GeoReplicatedRegistry } from "./container-registry.ts";
import { InClusterPasswords } from "./in-cluster-passwords.ts";
import { EnvironmentKeyVault } from "./key-vault.ts";
import { RegistryPermissionsMode } from "./registry-permissions-mode.ts";

export function shared(model: EnvironmentModel) {
  const inData = { providers: [subscriptionProviders(model)("data")] };
  const tags = { ...model.tags, layer: "shared" };
  const protect = model.protectStateful;
  const kv = model.keyVault;
  const vault = new EnvironmentKeyVault(
    "key-vault",
    { keyVault: kv, tenantId: model.tenantId, workspaceId: workspaceIn(model.logAnalytics, kv.region), protect, tags },
    inData,
  );
  const cr = model.containerRegistry;
  const registry = new GeoReplicatedRegistry(
    "registry",
    { registry: cr, workspaceId: workspaceIn(model.logAnalytics, cr.region), protect, tags },
    inData,
  );
  // Repository-scoped push for the build runners where they push (docs/adr/0135).
  new RegistryPermissionsMode("registry-permissions", { registry: cr, dependsOn: registry.registry });
  // The in-cluster databases' passwords (dev), before the clusters whose ExternalSecrets read them.
  const passwords = inClusterSecrets(model);
  if (passwords.length > 0)
    new InClusterPasswords("in-cluster-passwords", { keyVault: kv, secrets: passwords, vault: vault.vault, tags }, inData);
  return {
    keyVaultId: vault.vault.id,
    keyVaultUri: vault.vault.properties.apply((p) => p.vaultUri),
    registryId: registry.registry.id,
    registryLoginServer: registry.registry.loginServer,
    registryReplicas: model.containerRegistry.replicaRegions,
    registryRoleAssignmentMode: model.containerRegistry.roleAssignmentMode,
    inClusterSecrets: passwords.map((s) => s.secretName),
  };
}
