/**
 * The in-cluster databases' passwords that no operator generates (packages/model/src/data/in-cluster-secrets.ts):
 * generated here and written to the environment's Key Vault, where the clusters' ExternalSecrets read them.
 * In this layer because it deploys the vault and runs before the clusters. A secret write is an ARM
 * operation (Microsoft.KeyVault/vaults/secrets), so it needs no network path to the vault's private endpoint.
 * https://learn.microsoft.com/azure/key-vault/secrets/quick-create-bicep
 * Letters and digits only: the values end up in connection strings and redis.conf.
 */
import type { InClusterSecretModel, KeyVaultModel } from "@plugilo/model";
import { Secret } from "@pulumi/azure-native/keyvault/index.js";
import * as pulumi from "@pulumi/pulumi";
import { RandomPassword } from "@pulumi/random/randomPassword.js";

export interface InClusterPasswordsArgs {
  keyVault: KeyVaultModel;
  secrets: readonly InClusterSecretModel[];
  /** The vault resource: the secrets are written after it exists. */
  vault: pulumi.Resource;
  tags: Record<string, string>;
  /** Default 32 characters. */
  length?: number;
}

export class InClusterPasswords extends pulumi.ComponentResource {
  readonly secrets: Secret[];

  constructor(name: string, args: InClusterPasswordsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("plugilo:shared:InClusterPasswords", name, {}, opts);
    const { keyVault: kv } = args;
    this.secrets = args.secrets.map((s) => {
      const password = new RandomPassword(s.secretName, { length: args.length ?? 32, special: false }, { parent: this });
      return new Secret(
        s.secretName,
        {
          resourceGroupName: kv.resourceGroup,
          vaultName: kv.name,
          secretName: s.secretName,
          properties: { value: pulumi.secret(password.result), contentType: `${s.key} of the in-cluster ${s.instance}` },
          tags: args.tags,
        },
        { parent: this, dependsOn: [args.vault] },
      );
    });
    this.registerOutputs({ secretNames: args.secrets.map((s) => s.secretName) });
  }
}
