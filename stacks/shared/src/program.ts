/** Layer shared: Key Vault and container registry. Its Azure resources arrive with the Clusters issue (#5). */
import type { EnvironmentModel } from "@plugilo/model";

export function shared(model: EnvironmentModel) {
  return { keyVaultUri: model.keyVault.uri, registryLoginServer: model.containerRegistry.loginServer };
}
