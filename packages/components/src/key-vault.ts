/**
 * A private Key Vault as the platform uses it (the environment's vault and each cluster's KMS vault): Premium
 * (HSM-backed keys), RBAC authorization instead of access policies, soft delete for the maximum 90 days with
 * purge protection (a deleted vault or key stays recoverable and cannot be purged early), public network
 * access off with a deny-by-default ACL that keeps trusted Microsoft services' bypass, and its logs and
 * metrics in the region's workspace. Clients reach it through a private endpoint; ARM operations still work.
 * A function, not a component: the vault and its diagnostic setting are children of the caller.
 * https://learn.microsoft.com/azure/key-vault/general/security-features
 * https://learn.microsoft.com/azure/key-vault/general/soft-delete-overview
 */
import { Vault } from "@pulumi/azure-native/keyvault/index.js";
import type * as pulumi from "@pulumi/pulumi";
import { sendToLogAnalytics } from "./diagnostic-setting.ts";

/** Soft-delete retention: the maximum Azure allows. */
export const SOFT_DELETE_RETENTION_DAYS = 90;

export interface PrivateKeyVaultArgs {
  readonly resourceGroupName: string;
  readonly vaultName: string;
  readonly location: string;
  readonly tenantId: string;
  readonly tags: Record<string, string>;
  /** The region's Log Analytics workspace, for the vault's diagnostics. */
  readonly workspaceId: string;
  /** Protect the vault from deletion. @default false */
  readonly protect?: boolean;
}

/** The vault, then its diagnostic setting, both with `opts` (the vault also protected when asked). */
export function privateKeyVault(args: PrivateKeyVaultArgs, opts: pulumi.CustomResourceOptions): Vault {
  const vault = new Vault(
    args.vaultName,
    {
      resourceGroupName: args.resourceGroupName,
      vaultName: args.vaultName,
      location: args.location,
      tags: args.tags,
      properties: {
        tenantId: args.tenantId,
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
    { ...opts, protect: args.protect ?? false },
  );
  sendToLogAnalytics(
    args.vaultName,
    { resourceId: vault.id, workspaceId: args.workspaceId, logs: true, metrics: true, resourceSpecificTables: true },
    opts,
  );
  return vault;
}
