/**
 * Where the environment's Pulumi state and its secrets key live, before any stack exists:
 * - a storage account (GZRS, TLS 1.2, Entra ID only: no shared keys, no anonymous blobs) with blob versioning
 *   and soft delete of blobs and containers (30 days), so an overwritten or deleted checkpoint can be recovered,
 *   and a `pulumi-state` container (PULUMI_BACKEND_URL: azblob://pulumi-state?storage_account=<account>);
 * - a Key Vault (RBAC, purge protection, 90 days soft delete) with the RSA key of the secrets provider
 *   (azurekeyvault://<vault>.vault.azure.net/keys/pulumi-secrets).
 * Both are reached on their public endpoints: no VNet exists yet when they are created, and GitHub-hosted
 * runners (previews) have no fixed addresses. Network rules allow the configured ranges only when there are
 * any; Entra ID and the role assignments of stacks/bootstrap/src/github-identities.ts are the boundary.
 * https://www.pulumi.com/docs/iac/concepts/state-and-backends/#azure-blob-storage
 * https://www.pulumi.com/docs/iac/concepts/secrets/#configuring-secrets-encryption
 * https://learn.microsoft.com/azure/storage/blobs/versioning-overview
 * https://learn.microsoft.com/azure/storage/blobs/soft-delete-blob-overview
 * https://learn.microsoft.com/azure/key-vault/general/soft-delete-overview
 */
import { Key, Vault } from "@pulumi/azure-native/keyvault/index.js";
import { ResourceGroup } from "@pulumi/azure-native/resources/index.js";
import { BlobContainer, BlobServiceProperties, StorageAccount } from "@pulumi/azure-native/storage/index.js";
import * as pulumi from "@pulumi/pulumi";

export interface StateBackendArgs {
  resourceGroupName: string;
  location: string;
  tenantId: string;
  accountName: string;
  vaultName: string;
  /** Public CIDR ranges allowed in; empty: any network (Entra ID decides). */
  allowedIpRanges: string[];
  tags: Record<string, string>;
}

export const STATE_CONTAINER = "pulumi-state";
export const SECRETS_KEY = "pulumi-secrets";

export class StateBackend extends pulumi.ComponentResource {
  readonly resourceGroup: ResourceGroup;
  readonly account: StorageAccount;
  readonly container: BlobContainer;
  readonly vault: Vault;
  readonly key: Key;

  constructor(name: string, args: StateBackendArgs, opts?: pulumi.ComponentResourceOptions) {
    super("plugilo:bootstrap:StateBackend", name, {}, opts);
    // The state is never disposable, in any environment.
    const own = { parent: this, protect: true };
    const restricted = args.allowedIpRanges.length > 0;
    this.resourceGroup = new ResourceGroup(
      "bootstrap",
      { resourceGroupName: args.resourceGroupName, location: args.location, tags: args.tags },
      own,
    );
    const rg = this.resourceGroup.name;
    this.account = new StorageAccount(
      "state",
      {
        resourceGroupName: rg,
        accountName: args.accountName,
        location: args.location,
        kind: "StorageV2",
        sku: { name: "Standard_GZRS" },
        accessTier: "Hot",
        minimumTlsVersion: "TLS1_2",
        enableHttpsTrafficOnly: true,
        allowBlobPublicAccess: false,
        allowSharedKeyAccess: false,
        defaultToOAuthAuthentication: true,
        // Stated, not left to Azure's default: the public endpoint is deliberate here (see the header).
        publicNetworkAccess: "Enabled",
        networkRuleSet: {
          defaultAction: restricted ? "Deny" : "Allow",
          bypass: "AzureServices",
          ipRules: args.allowedIpRanges.map((range) => ({ iPAddressOrRange: range, action: "Allow" as const })),
        },
        tags: args.tags,
      },
      own,
    );
    const blobs = new BlobServiceProperties(
      "state-blobs",
      {
        resourceGroupName: rg,
        accountName: this.account.name,
        blobServicesName: "default",
        isVersioningEnabled: true,
        deleteRetentionPolicy: { enabled: true, days: 30 },
        containerDeleteRetentionPolicy: { enabled: true, days: 30 },
      },
      own,
    );
    this.container = new BlobContainer(
      "state",
      { resourceGroupName: rg, accountName: this.account.name, containerName: STATE_CONTAINER, publicAccess: "None" },
      { ...own, dependsOn: [blobs] },
    );
    this.vault = new Vault(
      "secrets",
      {
        resourceGroupName: rg,
        vaultName: args.vaultName,
        location: args.location,
        properties: {
          tenantId: args.tenantId,
          sku: { family: "A", name: "standard" },
          enableRbacAuthorization: true,
          publicNetworkAccess: "Enabled",
          enablePurgeProtection: true,
          enableSoftDelete: true,
          softDeleteRetentionInDays: 90,
          networkAcls: {
            defaultAction: restricted ? "Deny" : "Allow",
            bypass: "AzureServices",
            ipRules: args.allowedIpRanges.map((value) => ({ value })),
          },
        },
        tags: args.tags,
      },
      own,
    );
    this.key = new Key(
      "secrets-key",
      {
        resourceGroupName: rg,
        vaultName: this.vault.name,
        keyName: SECRETS_KEY,
        // The secrets provider wraps each stack's data key with RSA-OAEP-256.
        properties: { kty: "RSA", keySize: 3072, keyOps: ["wrapKey", "unwrapKey", "encrypt", "decrypt"] },
        tags: args.tags,
      },
      own,
    );
    this.registerOutputs({});
  }
}
