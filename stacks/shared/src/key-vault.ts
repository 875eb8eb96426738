/**
 * The environment's Key Vault: Premium (HSM-backed keys, such as the clusters' KMS keys), RBAC authorization
 * instead of access policies, soft delete with purge protection (a deleted vault or key stays recoverable for
 * 90 days and cannot be purged early), public network access off. Clients reach it through the private
 * endpoint in the primary cluster spoke (docs/adr/0034); ARM operations (creating a key) still work.
 * https://learn.microsoft.com/azure/key-vault/general/security-features
 */
import { sendToLogAnalytics } from "@plugilo/components";
import type { EnvironmentModel } from "@plugilo/model";
import { Vault } from "@pulumi/azure-native/keyvault/index.js";
import * as pulumi from "@pulumi/pulumi";

export interface EnvironmentKeyVaultArgs {
  model: EnvironmentModel;
  tags: Record<string, string>;
}

/** Soft-delete retention: the maximum Azure allows. */
export const SOFT_DELETE_RETENTION_DAYS = 90;

export class EnvironmentKeyVault extends pulumi.ComponentResource {
  readonly vault: Vault;

  constructor(name: string, args: EnvironmentKeyVaultArgs, opts?: pulumi.ComponentResourceOptions) {
    super("plugilo:shared:EnvironmentKeyVault", name, {}, opts);
    const { model, tags } = args;
    const kv = model.keyVault;
    const workspace = model.logAnalytics.find((l) => l.region === kv.region);
    if (!workspace) throw new Error(`no Log Analytics workspace in ${kv.region}`);

    this.vault = new Vault(
      kv.name,
      {
        resourceGroupName: kv.resourceGroup,
        vaultName: kv.name,
        location: kv.region,
        tags,
        properties: {
          tenantId: model.tenantId,
          sku: { family: "A", name: "premium" },
          enableRbacAuthorization: true,
          enableSoftDelete: true,
          softDeleteRetentionInDays: SOFT_DELETE_RETENTION_DAYS,
          enablePurgeProtection: true,
          publicNetworkAccess: "Disabled",
          // Deny by default; trusted Microsoft services keep their documented bypass.
          networkAcls: { defaultAction: "Deny", bypass: "AzureServices" },
          enabledForDeployment: false,
          enabledForDiskEncryption: false,
          enabledForTemplateDeployment: false,
        },
      },
      { parent: this, protect: model.protectStateful },
    );
    sendToLogAnalytics(
      kv.name,
      { resourceId: this.vault.id, workspaceId: workspace.id, logs: true, metrics: true, resourceSpecificTables: true },
      { parent: this },
    );
    this.registerOutputs({ vaultId: this.vault.id });
  }
}
