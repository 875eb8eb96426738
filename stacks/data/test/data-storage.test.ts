/**
 * DataStorage planned alone with a storage account built by hand: no shared keys, public access or blob
 * anonymous access, TLS 1.2, deny-by-default network rules
 * (https://learn.microsoft.com/azure/storage/common/shared-key-authorization-prevent); versioning, change feed
 * and soft delete of blobs and containers for the configured days
 * (https://learn.microsoft.com/azure/storage/blobs/soft-delete-blob-overview); private containers kept on
 * deletion when protected; the blob private endpoint registered in its zone; diagnostics to its region's
 * workspace and nowhere when the region has none.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { DataStorageModel, RegionName } from "@plugilo/model";
import { planComponent } from "@plugilo/testing";
import { VirtualNetwork } from "@pulumi/azure-native/network/index.js";
import { DataStorage } from "../src/data-storage.ts";

const WORKSPACE = "/subscriptions/m/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/log-gwc";
const SUBNET = "/subscriptions/d/resourceGroups/rg-data/providers/Microsoft.Network/virtualNetworks/vnet-data/subnets/snet-pe";
const ZONE =
  "/subscriptions/h/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/privatelink.blob.core.windows.net";
const storage: DataStorageModel = {
  name: "stacmetestdata",
  id: "st",
  region: "germanywestcentral",
  resourceGroup: "rg-data",
  subscriptionId: "d",
  sku: "Standard_GZRS",
  containers: ["exports", "media"],
  softDeleteDays: 14,
  blobEndpoint: "https://stacmetestdata.blob.core.windows.net/",
  privateEndpoint: {
    name: "pe-stacmetestdata-blob",
    id: "pe",
    region: "germanywestcentral",
    resourceGroup: "rg-data",
    subscriptionId: "d",
    subnetId: SUBNET,
    subnetCidr: "10.1.0.0/26",
    networkInterfaceName: "pe-stacmetestdata-blob-nic",
    groupId: "blob",
    privateDnsZone: { name: "privatelink.blob.core.windows.net", id: ZONE },
    dnsRegistration: "zoneGroup",
  },
};
const plan = (
  protect: boolean,
  workspaces: { region: RegionName; id: string }[] = [{ region: "germanywestcentral", id: WORKSPACE }],
) =>
  planComponent(() => {
    const spoke = new VirtualNetwork("vnet-data", { resourceGroupName: "rg-data", virtualNetworkName: "vnet-data" });
    new DataStorage("storage", { storage, protect, workspaces, tags: { layer: "data" }, spoke });
  });

describe("DataStorage", () => {
  it("is a private account reached with Entra ID only", async () => {
    const account = (await plan(true)).named("azure-native:storage:StorageAccount", "stacmetestdata");
    assert.deepEqual(account.inputs, {
      resourceGroupName: "rg-data",
      location: "germanywestcentral",
      accountName: "stacmetestdata",
      kind: "StorageV2",
      sku: { name: "Standard_GZRS" },
      accessTier: "Hot",
      allowSharedKeyAccess: false,
      defaultToOAuthAuthentication: true,
      allowBlobPublicAccess: false,
      allowCrossTenantReplication: false,
      enableHttpsTrafficOnly: true,
      minimumTlsVersion: "TLS1_2",
      publicNetworkAccess: "Disabled",
      networkRuleSet: { defaultAction: "Deny", bypass: "None" },
      tags: { layer: "data" },
    });
    assert.equal(account.protect, true);
  });

  it("versions blobs and keeps deleted blobs and containers for the configured days", async () => {
    const blob = (await plan(true)).named("azure-native:storage:BlobServiceProperties", "stacmetestdata-blob");
    assert.deepEqual(
      [
        blob.inputs.isVersioningEnabled,
        blob.inputs.changeFeed,
        blob.inputs.deleteRetentionPolicy,
        blob.inputs.containerDeleteRetentionPolicy,
      ],
      [true, { enabled: true, retentionInDays: 14 }, { enabled: true, days: 14 }, { enabled: true, days: 14 }],
    );
  });

  it("creates each container private, protected with the account", async () => {
    for (const protect of [true, false]) {
      const containers = (await plan(protect)).ofType("azure-native:storage:BlobContainer");
      assert.deepEqual(
        containers.map((c) => [c.inputs.containerName, c.inputs.publicAccess, c.protect]),
        [
          ["exports", "None", protect],
          ["media", "None", protect],
        ],
      );
    }
  });

  it("puts the blob endpoint in the data spoke, registered in the blob zone", async () => {
    const p = await plan(true);
    const pe = p.named("azure-native:network:PrivateEndpoint", "pe-stacmetestdata-blob");
    assert.equal((pe.inputs.subnet as { id: string }).id, SUBNET);
    assert.equal(pe.inputs.customNetworkInterfaceName, "pe-stacmetestdata-blob-nic");
    assert.deepEqual((pe.inputs.privateLinkServiceConnections as { groupIds: string[] }[])[0]?.groupIds, ["blob"]);
    const group = p.named("azure-native:network:PrivateDnsZoneGroup", "pe-stacmetestdata-blob-dns");
    assert.deepEqual(group.inputs.privateDnsZoneConfigs, [{ name: "privatelink-blob-core-windows-net", privateDnsZoneId: ZONE }]);
  });

  it("sends account metrics and blob logs and metrics to its region's workspace; none without one", async () => {
    const settings = (await plan(true)).ofType("azure-native:monitor:DiagnosticSetting");
    assert.deepEqual(
      settings.map((s) => [s.name, s.inputs.workspaceId, Boolean(s.inputs.logs), Boolean(s.inputs.metrics)]),
      [
        ["stacmetestdata-diagnostics", WORKSPACE, false, true],
        ["stacmetestdata-blob-diagnostics", WORKSPACE, true, true],
      ],
    );
    const elsewhere = await plan(true, [{ region: "germanynorth", id: WORKSPACE }]);
    assert.equal(elsewhere.ofType("azure-native:monitor:DiagnosticSetting").length, 0);
  });
});
