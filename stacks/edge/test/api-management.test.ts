/**
 * ApiManagement planned alone with an instance built by hand:
 * - Standard v2 with outbound VNet integration (virtualNetworkType External into the delegated subnet):
 *   https://learn.microsoft.com/azure/api-management/integrate-vnet-outbound
 * - inbound through a private endpoint with group ID Gateway, recorded in privatelink.azure-api.net; Azure
 *   refuses public access Disabled on a new v2 instance; once its private endpoint is approved (the plan's
 *   steady state) public access is Disabled: https://learn.microsoft.com/azure/api-management/private-endpoint
 * - a user-assigned identity that reads the Key Vault named values, with Key Vault Secrets User
 *   (4633458b-17de-408a-b874-0445c86b69e6) on each secret: https://learn.microsoft.com/azure/api-management/api-management-howto-properties
 * - the developer portal only (no legacy portal on v2 tiers), URL-segment version sets
 *   (https://learn.microsoft.com/azure/api-management/api-management-versions), logs in resource-specific tables.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import type { ApiManagementModel } from "@plugilo/model";
import { type ComponentPlan, planComponent, TEST_SUBSCRIPTIONS } from "@plugilo/testing";
import { VirtualNetwork } from "@pulumi/azure-native/network/index.js";
import { ApiManagement } from "../src/api-management.ts";

const CONN = TEST_SUBSCRIPTIONS.connectivity;
const RG = `/subscriptions/${CONN}/resourceGroups/rg-edge-gwc`;
const SUBNET = (name: string) => `${RG}/providers/Microsoft.Network/virtualNetworks/vnet-edge-gwc/subnets/${name}`;
const ZONE = `/subscriptions/${TEST_SUBSCRIPTIONS.hub}/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/privatelink.azure-api.net`;
const IDENTITY = `${RG}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-apim-acme-test`;
const VAULT = `/subscriptions/${TEST_SUBSCRIPTIONS.data}/resourceGroups/rg-shared/providers/Microsoft.KeyVault/vaults/kv-acme-test`;
const WORKSPACE = "/subscriptions/m/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/log-gwc";
const apiManagement: ApiManagementModel = {
  name: "apim-acme-test",
  id: `${RG}/providers/Microsoft.ApiManagement/service/apim-acme-test`,
  region: "germanywestcentral",
  resourceGroup: "rg-edge-gwc",
  subscriptionId: CONN,
  tier: "StandardV2",
  capacity: 1,
  publisherEmail: "platform@example.org",
  publisherName: "Acme",
  gatewayHostName: "apim-acme-test.azure-api.net",
  outboundSubnetId: SUBNET("snet-apim"),
  publicNetworkAccess: "Disabled",
  privateEndpoint: {
    name: "pe-apim-acme-test",
    subnetId: SUBNET("snet-pe"),
    groupId: "Gateway",
    privateDnsZoneId: ZONE,
    dnsZoneGroupName: "default",
  },
  identityName: "id-apim-acme-test",
  identityId: IDENTITY,
  policy: {
    tenantId: "aaaaaaaa-0000-4000-8000-000000000001",
    audience: "api://acme-test",
    rateLimitPerMinute: 600,
    corsAllowedOrigins: ["https://app.example.org"],
  },
  namedValues: [{ name: "tenant-id", value: "aaaaaaaa-0000-4000-8000-000000000001" }],
  keyVaultNamedValues: [{ name: "backend-key", secretId: "https://kv-acme-test.vault.azure.net/secrets/backend-key" }],
  versionSets: [{ name: "orders", id: "vs", displayName: "Orders", versioningScheme: "Segment", pathPrefix: "orders" }],
  logAnalyticsWorkspaceId: WORKSPACE,
};

describe("ApiManagement", () => {
  let plan: ComponentPlan;
  before(async () => {
    plan = await planComponent(({ providerFor }) => {
      const provider = providerFor("connectivity");
      const spokeVnet = new VirtualNetwork("vnet-edge-gwc", { resourceGroupName: "rg-edge-gwc" }, { provider });
      new ApiManagement(
        "apim",
        {
          apiManagement,
          keyVault: { id: VAULT, uri: "https://kv-acme-test.vault.azure.net/", subscriptionId: TEST_SUBSCRIPTIONS.data },
          protect: true,
          tags: { layer: "edge" },
          spokeVnet,
          provider,
        },
        { providers: [provider] },
      );
    });
  });

  it("is a protected Standard v2 instance with outbound VNet integration in the connectivity subscription", () => {
    const service = plan.named("azure-native:apimanagement:ApiManagementService", "apim-acme-test");
    assert.equal(plan.subscriptionOf(service), CONN);
    assert.equal(service.protect, true);
    const s = service.inputs;
    assert.deepEqual(
      [s.sku, s.virtualNetworkType, s.virtualNetworkConfiguration, s.developerPortalStatus, s.legacyPortalStatus],
      [{ name: "StandardV2", capacity: 1 }, "External", { subnetResourceId: SUBNET("snet-apim") }, "Enabled", "Disabled"],
    );
    assert.deepEqual(s.identity, { type: "UserAssigned", userAssignedIdentities: { [IDENTITY]: {} } });
    // The plan reads the steady state (the instance with its approved private endpoint): public access off.
    assert.equal(s.publicNetworkAccess, "Disabled");
  });

  it("takes inbound traffic through a Gateway private endpoint in the edge spoke", () => {
    const pe = plan.named("azure-native:network:PrivateEndpoint", "pe-apim-acme-test");
    assert.equal((pe.inputs.subnet as { id: string }).id, SUBNET("snet-pe"));
    const [connection] = pe.inputs.privateLinkServiceConnections as { groupIds: string[]; privateLinkServiceId: string }[];
    assert.deepEqual(connection?.groupIds, ["Gateway"]);
    assert.match(String(connection?.privateLinkServiceId), /\/service\/apim-acme-test$/);
    const group = plan.named("azure-native:network:PrivateDnsZoneGroup", "pe-apim-acme-test-dns");
    assert.deepEqual(group.inputs.privateDnsZoneConfigs, [{ name: "privatelink-azure-api-net", privateDnsZoneId: ZONE }]);
  });

  it("reads its Key Vault named value with its identity, which holds Secrets User on that secret only", () => {
    const secret = plan.named("azure-native:apimanagement:NamedValue", "apim-acme-test-backend-key");
    const kv = secret.inputs.keyVault as { secretIdentifier: string };
    assert.deepEqual(
      [secret.inputs.secret, kv.secretIdentifier],
      [true, "https://kv-acme-test.vault.azure.net/secrets/backend-key"],
    );
    const plain = plan.named("azure-native:apimanagement:NamedValue", "apim-acme-test-tenant-id");
    assert.deepEqual([plain.inputs.secret, plain.inputs.value], [false, "aaaaaaaa-0000-4000-8000-000000000001"]);
    assert.deepEqual(
      plan
        .ofType("azure-native:authorization:RoleAssignment")
        .map((r) => [r.inputs.scope, String(r.inputs.roleDefinitionId).split("/").pop()]),
      [[`${VAULT}/secrets/backend-key`, "4633458b-17de-408a-b874-0445c86b69e6"]],
    );
  });

  it("sets the global policy, a segment version set and logs to resource-specific tables", () => {
    const policy = plan.named("azure-native:apimanagement:Policy", "apim-acme-test-global-policy");
    assert.deepEqual([policy.inputs.policyId, policy.inputs.format], ["policy", "rawxml"]);
    assert.match(String(policy.inputs.value), /validate-jwt|validate-azure-ad-token/);
    const set = plan.named("azure-native:apimanagement:ApiVersionSet", "apim-acme-test-orders");
    assert.equal(set.inputs.versioningScheme, "Segment");
    const [diagnostics] = plan.ofType("azure-native:monitor:DiagnosticSetting");
    assert.deepEqual(
      [diagnostics?.inputs.workspaceId, diagnostics?.inputs.logAnalyticsDestinationType],
      [WORKSPACE, "Dedicated"],
    );
  });
});
