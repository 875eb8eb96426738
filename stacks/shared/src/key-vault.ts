/**
 * The environment's Key Vault: a private Premium vault (packages/components/src/key-vault.ts) holding
 * HSM-backed keys and the platform's secrets. Clients reach it through the private endpoint in the primary
 * cluster spoke (docs/adr/0034); ARM operations (creating a key) still work.
 * https://learn.microsoft.com/azure/key-vault/general/security-features
 */
import { privateKeyVault } from "@plugilo/components";
import type { KeyVaultModel } from "@plugilo/model";
import type { Vault } from "@pulumi/azure-native/keyvault/index.js";
import * as pulumi from "@pulumi/pulumi";

export interface EnvironmentKeyVaultArgs {
  /** The vault as the model names it: name, resource group, region. */
  readonly keyVault: Pick<KeyVaultModel, "name" | "resourceGroup" | "region">;
  readonly tenantId: string;
  /** The Log Analytics workspace of the vault's region. */
  readonly workspaceId: string;
  /** Protect the vault from deletion. @default false */
  readonly protect?: boolean;
  readonly tags: Record<string, string>;
}

export class EnvironmentKeyVault extends pulumi.ComponentResource {
  readonly vault: Vault;

  constructor(name: string, args: EnvironmentKeyVaultArgs, opts?: pulumi.ComponentResourceOptions) {
    super("plugilo:shared:EnvironmentKeyVault", name, {}, opts);
    const kv = args.keyVault;
    this.vault = privateKeyVault(
      {
        resourceGroupName: kv.resourceGroup,
        vaultName: kv.name,
        location: kv.region,
        tenantId: args.tenantId,
        tags: args.tags,
        workspaceId: args.workspaceId,
        protect: args.protect ?? false,
      },
      { parent: this },
    );
    this.registerOutputs({ vaultId: this.vault.id });
  }
}
