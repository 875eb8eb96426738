/**
 * The data tier's storage account (database exports, operator backups in dev, media): geo-zone-redundant in
 * staging and prod, no public network access and no shared keys (Microsoft Entra only), blob versioning,
 * soft delete of blobs and containers, a private endpoint for blob in the primary region.
 * https://learn.microsoft.com/azure/storage/common/shared-key-authorization-prevent
 * https://learn.microsoft.com/azure/storage/blobs/soft-delete-blob-overview
 */
import { sendToLogAnalytics } from "@plugilo/components";
import type { DataStorageModel, LogAnalyticsModel } from "@plugilo/model";
import { BlobContainer, BlobServiceProperties, StorageAccount } from "@pulumi/azure-native/storage/index.js";
import * as pulumi from "@pulumi/pulumi";
import { DataPrivateEndpoint } from "./data-private-endpoint.ts";

export interface DataStorageArgs {
  /** Protect the stateful resources from deletion. @default false */
  readonly protect?: boolean;
  /** The Log Analytics workspaces, one per region: each resource's diagnostics go to its region's. */
  readonly workspaces: readonly Pick<LogAnalyticsModel, "region" | "id">[];
  storage: DataStorageModel;
  tags: Record<string, string>;
  spoke: pulumi.Resource;
}

export class DataStorage extends pulumi.ComponentResource {
  readonly account: StorageAccount;

  constructor(name: string, args: DataStorageArgs, opts?: pulumi.ComponentResourceOptions) {
    super("plugilo:data:DataStorage", name, {}, opts);
    const { storage: s, tags } = args;
    const protect = args.protect ?? false;
    const child = { parent: this };

    this.account = new StorageAccount(
      s.name,
      {
        resourceGroupName: s.resourceGroup,
        location: s.region,
        accountName: s.name,
        kind: "StorageV2",
        sku: { name: s.sku },
        accessTier: "Hot",
        allowSharedKeyAccess: false,
        defaultToOAuthAuthentication: true,
        allowBlobPublicAccess: false,
        allowCrossTenantReplication: false,
        enableHttpsTrafficOnly: true,
        minimumTlsVersion: "TLS1_2",
        publicNetworkAccess: "Disabled",
        networkRuleSet: { defaultAction: "Deny", bypass: "None" },
        tags,
      },
      { ...child, protect },
    );
    const blob = new BlobServiceProperties(
      `${s.name}-blob`,
      {
        resourceGroupName: s.resourceGroup,
        accountName: this.account.name,
        blobServicesName: "default",
        isVersioningEnabled: true,
        changeFeed: { enabled: true, retentionInDays: s.softDeleteDays },
        deleteRetentionPolicy: { enabled: true, days: s.softDeleteDays },
        containerDeleteRetentionPolicy: { enabled: true, days: s.softDeleteDays },
      },
      child,
    );
    for (const container of s.containers) {
      new BlobContainer(
        `${s.name}-${container}`,
        { resourceGroupName: s.resourceGroup, accountName: this.account.name, containerName: container, publicAccess: "None" },
        { ...child, dependsOn: [blob], protect, retainOnDelete: protect },
      );
    }
    new DataPrivateEndpoint(
      s.privateEndpoint.name,
      { endpoint: s.privateEndpoint, target: this.account.id, tags, dependsOn: [args.spoke, this.account] },
      child,
    );
    const workspace = args.workspaces.find((l) => l.region === s.region);
    if (workspace) {
      sendToLogAnalytics(s.name, { resourceId: this.account.id, workspaceId: workspace.id, logs: false, metrics: true }, child);
      sendToLogAnalytics(
        `${s.name}-blob`,
        {
          resourceId: pulumi.interpolate`${this.account.id}/blobServices/default`,
          workspaceId: workspace.id,
          logs: true,
          metrics: true,
        },
        child,
      );
    }
    this.registerOutputs({ accountId: this.account.id });
  }
}
