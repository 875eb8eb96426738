/**
 * KmsKey and SharedServiceEndpoints planned alone, with args built by hand.
 * KmsKey: the cluster's own private Premium vault (the same vault definition as the environment's,
 * packages/components/src/key-vault.ts), an RSA-HSM 2048 key, the vault's private endpoint in the cluster
 * spoke with its record in the region's privatelink.vaultcore.azure.net zone, and the two roles KMS with a
 * private vault needs for the control-plane identity: Key Vault Crypto User (12338af0-0e69-4776-bea7-57ae8d297424)
 * on the key, Key Vault Contributor (f25e0fa2-a7c8-4377-a976-54943a77a395) on the vault.
 * https://learn.microsoft.com/azure/aks/use-kms-etcd-encryption
 * https://learn.microsoft.com/azure/role-based-access-control/built-in-roles
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { type ComponentPlan, planComponent, TEST_SUBSCRIPTIONS } from "@plugilo/testing";
import { VirtualNetwork } from "@pulumi/azure-native/network/index.js";
import { KmsKey } from "../src/kms-key.ts";
import { SharedServiceEndpoints } from "../src/shared-service-endpoints.ts";

const APP1 = TEST_SUBSCRIPTIONS.app1;
const VAULT_ID = `/subscriptions/${APP1}/resourceGroups/rg-app1/providers/Microsoft.KeyVault/vaults/kv-acme-app1-test`;
const SUBNET = `/subscriptions/${APP1}/resourceGroups/rg-app1/providers/Microsoft.Network/virtualNetworks/vnet-app1/subnets/snet-pe`;
const VAULT_ZONE =
  "/subscriptions/h/resourceGroups/rg-hub/providers/Microsoft.Network/privateDnsZones/privatelink.vaultcore.azure.net";
const ACR_ZONE = "/subscriptions/h/resourceGroups/rg-hub/providers/Microsoft.Network/privateDnsZones/privatelink.azurecr.io";
const WORKSPACE = "/subscriptions/m/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/log-gwc";
const spoke = () => new VirtualNetwork("vnet-app1", { resourceGroupName: "rg-app1", virtualNetworkName: "vnet-app1" });

describe("KmsKey", () => {
  let plan: ComponentPlan;
  before(async () => {
    plan = await planComponent(({ providerFor }) => {
      new KmsKey("kms", {
        clusterName: "app1",
        region: "germanywestcentral",
        subscription: "app1",
        kms: {
          keyName: "aks-kms-app1",
          vault: {
            name: "kv-acme-app1-test",
            id: VAULT_ID,
            uri: "https://kv-acme-app1-test.vault.azure.net/",
            resourceGroup: "rg-app1",
            subscriptionId: APP1,
            privateEndpointName: "pe-kv-acme-app1-test",
            subnetId: SUBNET,
          },
        },
        controlPlane: { name: "id-acme-app1-control-plane", principalId: "cccccccc-0000-4000-8000-000000000001" },
        tenantId: "aaaaaaaa-0000-4000-8000-000000000001",
        workspaceId: WORKSPACE,
        vaultDnsZoneId: VAULT_ZONE,
        protect: true,
        spokeVnet: spoke(),
        providerFor,
        tags: { layer: "app1" },
      });
    });
  });

  it("creates the private Premium vault and the RSA-HSM key in the cluster's subscription, both protected", () => {
    const vault = plan.named("azure-native:keyvault:Vault", "kv-acme-app1-test");
    const p = vault.inputs.properties as Record<string, unknown>;
    assert.deepEqual(
      [p.sku, p.enableRbacAuthorization, p.enablePurgeProtection, p.softDeleteRetentionInDays, p.publicNetworkAccess],
      [{ family: "A", name: "premium" }, true, true, 90, "Disabled"],
    );
    assert.deepEqual([vault.inputs.location, vault.inputs.resourceGroupName], ["germanywestcentral", "rg-app1"]);
    const key = plan.named("azure-native:keyvault:Key", "aks-kms-app1");
    assert.deepEqual(key.inputs.properties, {
      kty: "RSA-HSM",
      keySize: 2048,
      keyOps: ["encrypt", "decrypt", "wrapKey", "unwrapKey"],
    });
    for (const r of [vault, key]) {
      assert.equal(r.protect, true, r.name);
      assert.equal(plan.subscriptionOf(r), APP1, r.name);
    }
    const [diagnostics] = plan.ofType("azure-native:monitor:DiagnosticSetting");
    assert.equal(diagnostics?.inputs.workspaceId, WORKSPACE);
  });

  it("reaches the vault through a private endpoint in the spoke, recorded in the region's vault zone", () => {
    const pe = plan.named("azure-native:network:PrivateEndpoint", "pe-kv-acme-app1-test");
    assert.equal((pe.inputs.subnet as { id: string }).id, SUBNET);
    assert.equal(pe.inputs.customNetworkInterfaceName, "pe-kv-acme-app1-test-nic");
    assert.deepEqual(pe.inputs.privateLinkServiceConnections, [
      { name: "pe-kv-acme-app1-test", privateLinkServiceId: VAULT_ID, groupIds: ["vault"] },
    ]);
    const group = plan.named("azure-native:network:PrivateDnsZoneGroup", "pe-kv-acme-app1-test-dns");
    assert.deepEqual(group.inputs.privateDnsZoneConfigs, [
      { name: "privatelink-vaultcore-azure-net", privateDnsZoneId: VAULT_ZONE },
    ]);
  });

  it("grants the control plane Crypto User on the key and Contributor on its own vault, nothing else", () => {
    const grants = plan.ofType("azure-native:authorization:RoleAssignment");
    assert.deepEqual(
      grants.map((g) => [g.inputs.scope, String(g.inputs.roleDefinitionId).split("/").pop(), g.inputs.principalId]).sort(),
      [
        [VAULT_ID, "f25e0fa2-a7c8-4377-a976-54943a77a395", "cccccccc-0000-4000-8000-000000000001"],
        [`${VAULT_ID}/keys/aks-kms-app1`, "12338af0-0e69-4776-bea7-57ae8d297424", "cccccccc-0000-4000-8000-000000000001"],
      ],
    );
  });
});

describe("SharedServiceEndpoints", () => {
  it("puts an endpoint of the environment vault and registry in the spoke, each recorded in its zone", async () => {
    const plan = await planComponent(() => {
      new SharedServiceEndpoints("shared-endpoints", {
        placement: { subnetId: SUBNET, keyVaultName: "pe-kv-acme-test", containerRegistryName: "pe-cr-acme-test" },
        resourceGroup: "rg-app1",
        region: "germanywestcentral",
        keyVaultId: "/subscriptions/d/resourceGroups/rg-shared/providers/Microsoft.KeyVault/vaults/kv-acme-test",
        containerRegistryId:
          "/subscriptions/d/resourceGroups/rg-shared/providers/Microsoft.ContainerRegistry/registries/cracmetest",
        privateDnsZoneIds: { "privatelink.vaultcore.azure.net": VAULT_ZONE, "privatelink.azurecr.io": ACR_ZONE },
        spokeVnet: spoke(),
        tags: {},
      });
    });
    assert.deepEqual(
      plan.ofType("azure-native:network:PrivateEndpoint").map((e) => [
        e.inputs.privateEndpointName,
        e.inputs.location,
        (e.inputs.subnet as { id: string }).id,
        (e.inputs.privateLinkServiceConnections as { groupIds: string[] }[])[0]?.groupIds,
        String((e.inputs.privateLinkServiceConnections as { privateLinkServiceId: string }[])[0]?.privateLinkServiceId)
          .split("/")
          .pop(),
      ]),
      [
        ["pe-kv-acme-test", "germanywestcentral", SUBNET, ["vault"], "kv-acme-test"],
        ["pe-cr-acme-test", "germanywestcentral", SUBNET, ["registry"], "cracmetest"],
      ],
    );
    assert.deepEqual(
      plan.ofType("azure-native:network:PrivateDnsZoneGroup").map((g) => g.inputs.privateDnsZoneConfigs),
      [
        [{ name: "privatelink-vaultcore-azure-net", privateDnsZoneId: VAULT_ZONE }],
        [{ name: "privatelink-azurecr-io", privateDnsZoneId: ACR_ZONE }],
      ],
    );
  });
});
