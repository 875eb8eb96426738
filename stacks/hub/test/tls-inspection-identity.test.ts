/**
 * TlsInspectionIdentity planned alone with args built by hand: a user-assigned identity in the hub that gets
 * "Key Vault Secrets User" (4633458b-17de-408a-b874-0445c86b69e6) on the vault holding the CA, with the role
 * defined in the vault's subscription (https://learn.microsoft.com/azure/firewall/premium-certificates).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { planComponent } from "@plugilo/testing";
import { TlsInspectionIdentity } from "../src/tls-inspection-identity.ts";

const VAULT =
  "/subscriptions/dddddddd-0000-4000-8000-000000000001/resourceGroups/rg-shared/providers/Microsoft.KeyVault/vaults/kv-acme";

describe("TlsInspectionIdentity", () => {
  it("creates the identity in the hub and lets it read the vault's secrets, the role from the vault's subscription", async () => {
    const plan = await planComponent(() => {
      new TlsInspectionIdentity("tls-inspection", {
        hub: { region: "germanywestcentral", resourceGroup: "rg-hub" },
        keyVaultId: VAULT,
        identityName: "id-acme-test-tls",
        hubSubscriptionId: "hhhhhhhh-0000-4000-8000-000000000001",
        tags: { layer: "hub" },
      });
    });
    assert.deepEqual(plan.named("azure-native:managedidentity:UserAssignedIdentity", "id-acme-test-tls").inputs, {
      resourceGroupName: "rg-hub",
      location: "germanywestcentral",
      resourceName: "id-acme-test-tls",
      tags: { layer: "hub" },
    });
    const [role, ...rest] = plan.ofType("azure-native:authorization:RoleAssignment");
    assert.equal(rest.length, 0);
    assert.deepEqual(
      [role?.inputs.scope, role?.inputs.principalType, role?.inputs.roleDefinitionId],
      [
        VAULT,
        "ServicePrincipal",
        "/subscriptions/dddddddd-0000-4000-8000-000000000001/providers/Microsoft.Authorization/roleDefinitions/4633458b-17de-408a-b874-0445c86b69e6",
      ],
    );
  });
});
