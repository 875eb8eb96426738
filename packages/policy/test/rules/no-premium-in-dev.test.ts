/** no-premium-in-dev: passing and violating fixtures (the real plans: ../real-plans.test.ts). */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { loadModel } from "@plugilo/model";
import { evaluate, noPremiumInDev } from "@plugilo/policy";
import { plannedResource } from "./helpers.ts";

const dev = loadModel("dev");
const prod = loadModel("prod");
const resource = (type: string, inputs: Record<string, unknown>, protect = false) =>
  plannedResource("prod", type, inputs, { protect });

describe("no-premium-in-dev", () => {
  it("is a warning", () => {
    assert.equal(noPremiumInDev.severity, "warning");
  });

  it("passes dev's own SKUs, the design's required Premium SKUs, and production SKUs outside dev", () => {
    for (const r of [
      resource("azure-native:containerservice:ManagedCluster", { sku: { name: "Base", tier: "Free" } }),
      resource("azure-native:apimanagement:ApiManagementService", { sku: { name: "StandardV2", capacity: 1 } }),
      resource("azure-native:storage:StorageAccount", { sku: { name: "Standard_ZRS" } }),
      resource("azure-native:dbforpostgresql:Server", { sku: { name: "Standard_D2ds_v5", tier: "GeneralPurpose" } }),
      // Required by the design in every environment.
      resource("azure-native:network:AzureFirewall", { sku: { name: "AZFW_VNet", tier: "Premium" } }),
      resource("azure-native:network:FirewallPolicy", { sku: { tier: "Premium" } }),
      resource("azure-native:cdn:Profile", { sku: { name: "Premium_AzureFrontDoor" } }),
      resource("azure-native:keyvault:Vault", { properties: { sku: { family: "A", name: "premium" } } }),
      resource("azure-native:containerregistry:Registry", { sku: { name: "Premium" } }),
    ]) {
      assert.deepEqual(noPremiumInDev.check(r, dev), [], r.type);
    }
    assert.deepEqual(
      noPremiumInDev.check(
        resource("azure-native:containerservice:ManagedCluster", { sku: { name: "Base", tier: "Standard" } }),
        prod,
      ),
      [],
    );
  });

  it("warns about production-sized SKUs in dev where a smaller one exists", () => {
    for (const [r, pattern] of [
      [
        resource("azure-native:containerservice:ManagedCluster", { sku: { name: "Base", tier: "Standard" } }),
        /AKS tier Standard in dev/,
      ],
      [
        resource("azure-native:apimanagement:ApiManagementService", { sku: { name: "PremiumV2", capacity: 1 } }),
        /API Management PremiumV2 in dev/,
      ],
      [resource("azure-native:storage:StorageAccount", { sku: { name: "Premium_ZRS" } }), /storage SKU Premium_ZRS in dev/],
      [
        resource("azure-native:dbforpostgresql:Server", { sku: { name: "Standard_E4ds_v5", tier: "MemoryOptimized" } }),
        /MemoryOptimized compute in dev/,
      ],
    ] as const) {
      const findings = evaluate([r], dev, [noPremiumInDev]);
      assert.equal(findings.length, 1, r.type);
      assert.equal(findings[0]?.severity, "warning");
      assert.match(findings[0]?.message ?? "", pattern);
    }
  });
});
