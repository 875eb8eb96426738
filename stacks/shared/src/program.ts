/**
 * Layer shared (Data Platform subscription, primary region): the environment Key Vault and the geo-replicated
 * container registry, deployed after the hub and before the edge and the clusters that read them
 * (docs/adr/0009). Their private endpoints live in the primary cluster spoke, which does not exist yet when
 * this layer deploys: the cluster stack creates them (docs/adr/0034).
 */
import { subscriptionProviders } from "@plugilo/components";
import type { EnvironmentModel } from "@plugilo/model";
import { GeoReplicatedRegistry } from "./container-registry.ts";
import { EnvironmentKeyVault } from "./key-vault.ts";

export function shared(model: EnvironmentModel) {
  const inData = { providers: [subscriptionProviders(model)("data")] };
  const tags = { ...model.tags, layer: "shared" };
  const vault = new EnvironmentKeyVault("key-vault", { model, tags }, inData);
  const registry = new GeoReplicatedRegistry("registry", { model, tags }, inData);
  return {
    keyVaultId: vault.vault.id,
    keyVaultUri: vault.vault.properties.apply((p) => p.vaultUri),
    registryId: registry.registry.id,
    registryLoginServer: registry.registry.loginServer,
    registryReplicas: model.containerRegistry.replicaRegions,
  };
}
