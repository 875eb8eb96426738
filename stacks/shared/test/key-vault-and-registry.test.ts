/**
 * The shared layer's components planned alone, with args built by hand: the environment Key Vault (Premium,
 * RBAC, purge protection, soft delete 90 days, public access off, deny-by-default ACL with the Azure services
 * bypass: https://learn.microsoft.com/azure/key-vault/general/security-features) and the Premium registry
 * geo-replicated to the other region (admin user, anonymous pull and export off, zone redundancy only where
 * the region has zones: https://learn.microsoft.com/azure/container-registry/zone-redundancy), each with its
 * diagnostics in the workspace it is given.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { type ComponentPlan, planComponent } from "@plugilo/testing";
import { GeoReplicatedRegistry } from "../src/container-registry.ts";
import { EnvironmentKeyVault } from "../src/key-vault.ts";

const WORKSPACE = "/subscriptions/m/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/log-gwc";
const TENANT = "aaaaaaaa-0000-4000-8000-000000000001";

describe("EnvironmentKeyVault", () => {
  let plan: ComponentPlan;
  before(async () => {
    plan = await planComponent(() => {
      new EnvironmentKeyVault("key-vault", {
        keyVault: { name: "kv-acme-test", resourceGroup: "rg-shared", region: "germanywestcentral" },
        tenantId: TENANT,
        workspaceId: WORKSPACE,
        protect: true,
        tags: { layer: "shared" },
      });
    });
  });

  it("is a private Premium vault with RBAC, purge protection and 90 days of soft delete, protected", () => {
    const vault = plan.named("azure-native:keyvault:Vault", "kv-acme-test");
    assert.deepEqual(vault.inputs, {
      resourceGroupName: "rg-shared",
      vaultName: "kv-acme-test",
      location: "germanywestcentral",
      tags: { layer: "shared" },
      properties: {
        tenantId: TENANT,
        sku: { family: "A", name: "premium" },
        enableRbacAuthorization: true,
        enableSoftDelete: true,
        softDeleteRetentionInDays: 90,
        enablePurgeProtection: true,
        publicNetworkAccess: "Disabled",
        networkAcls: { defaultAction: "Deny", bypass: "AzureServices" },
        enabledForDeployment: false,
        enabledForDiskEncryption: false,
        enabledForTemplateDeployment: false,
      },
    });
    assert.equal(vault.protect, true);
  });

  it("sends its logs and metrics to the workspace, in resource-specific tables", () => {
    const [setting, ...rest] = plan.ofType("azure-native:monitor:DiagnosticSetting");
    assert.equal(rest.length, 0);
    assert.deepEqual(setting?.inputs, {
      name: "to-log-analytics",
      resourceUri:
        "/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/rg-shared/providers/Microsoft.KeyVault/vaults/kv-acme-test",
      workspaceId: WORKSPACE,
      logs: [{ categoryGroup: "allLogs", enabled: true }],
      metrics: [{ category: "AllMetrics", enabled: true }],
      logAnalyticsDestinationType: "Dedicated",
    });
  });

  it("is not protected unless asked", async () => {
    const unprotected = await planComponent(() => {
      new EnvironmentKeyVault("key-vault", {
        keyVault: { name: "kv-acme-dev", resourceGroup: "rg-shared", region: "germanywestcentral" },
        tenantId: TENANT,
        workspaceId: WORKSPACE,
        tags: {},
      });
    });
    assert.equal(unprotected.named("azure-native:keyvault:Vault", "kv-acme-dev").protect, false);
  });
});

describe("GeoReplicatedRegistry", () => {
  let plan: ComponentPlan;
  before(async () => {
    plan = await planComponent(() => {
      new GeoReplicatedRegistry("registry", {
        registry: {
          name: "cracmetest",
          region: "germanywestcentral",
          replicaRegions: ["germanynorth"],
          resourceGroup: "rg-shared",
        },
        workspaceId: WORKSPACE,
        protect: true,
        tags: { layer: "shared" },
      });
    });
  });

  it("is Premium in its home region, identities only, no public access, no export, untagged manifests kept 30 days", () => {
    const registry = plan.named("azure-native:containerregistry:Registry", "cracmetest");
    assert.deepEqual(registry.inputs, {
      resourceGroupName: "rg-shared",
      registryName: "cracmetest",
      location: "germanywestcentral",
      tags: { layer: "shared" },
      sku: { name: "Premium" },
      adminUserEnabled: false,
      anonymousPullEnabled: false,
      publicNetworkAccess: "Disabled",
      networkRuleBypassOptions: "AzureServices",
      zoneRedundancy: "Enabled",
      dataEndpointEnabled: true,
      policies: { retentionPolicy: { status: "enabled", days: 30 }, exportPolicy: { status: "disabled" } },
    });
    assert.equal(registry.protect, true);
  });

  it("replicates to germanynorth without zone redundancy (the region has no zones), protected too", () => {
    const [replica, ...rest] = plan.ofType("azure-native:containerregistry:Replication");
    assert.equal(rest.length, 0);
    assert.deepEqual(
      [replica?.name, replica?.inputs.replicationName, replica?.inputs.location, replica?.inputs.zoneRedundancy],
      ["cracmetest-germanynorth", "germanynorth", "germanynorth", "Disabled"],
    );
    assert.equal(replica?.inputs.regionEndpointEnabled, true);
    assert.equal(replica?.protect, true);
  });

  it("sends its diagnostics to the workspace it is given", () => {
    const settings = plan.ofType("azure-native:monitor:DiagnosticSetting");
    assert.deepEqual(
      settings.map((s) => [s.inputs.workspaceId, String(s.inputs.resourceUri).split("/").pop()]),
      [[WORKSPACE, "cracmetest"]],
    );
  });
});
