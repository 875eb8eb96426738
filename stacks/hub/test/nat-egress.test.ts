/**
 * NatEgress planned alone with a hub built by hand: a StandardV2 NAT gateway (zone-redundant by itself) with
 * StandardV2 static IPv4 public IPs, which is all it takes (https://learn.microsoft.com/azure/nat-gateway/nat-sku,
 * https://learn.microsoft.com/azure/firewall/integrate-with-nat-gateway-v2); both through the generic ARM
 * resource with a Microsoft.Network API version that knows StandardV2
 * (https://learn.microsoft.com/azure/templates/microsoft.network/natgateways); metrics only to the workspace.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { planComponent } from "@plugilo/testing";
import { NatEgress } from "../src/nat-egress.ts";
import { HUB_SUBSCRIPTION, hub, WORKSPACE } from "./hub-fixture.ts";

describe("NatEgress", () => {
  it("creates a StandardV2 NAT gateway with its StandardV2 public IPs in the hub subscription", async () => {
    const plan = await planComponent(({ providerFor }) => {
      new NatEgress("nat", { hub, tags: { layer: "hub" } }, { providers: [providerFor("hub")] });
    });
    const resources = plan.ofType("azure-native:resources:Resource");
    assert.deepEqual(
      resources.map((r) => [r.inputs.resourceType, r.inputs.resourceName, r.inputs.apiVersion, r.inputs.sku]),
      [
        ["publicIPAddresses", "pip-ng-acme-test-gwc-1", "2025-05-01", { name: "StandardV2", tier: "Regional" }],
        ["publicIPAddresses", "pip-ng-acme-test-gwc-2", "2025-05-01", { name: "StandardV2", tier: "Regional" }],
        ["natGateways", "ng-acme-test-gwc", "2025-05-01", { name: "StandardV2" }],
      ],
    );
    for (const r of resources) {
      assert.equal(plan.subscriptionOf(r), HUB_SUBSCRIPTION);
      assert.deepEqual(
        [r.inputs.resourceProviderNamespace, r.inputs.resourceGroupName, r.inputs.location],
        ["Microsoft.Network", "rg-hub-gwc", "germanywestcentral"],
      );
    }
    assert.deepEqual(resources[0]?.inputs.properties, { publicIPAllocationMethod: "Static", publicIPAddressVersion: "IPv4" });
    const nat = resources[2]?.inputs.properties as { publicIpAddresses: { id: string }[]; idleTimeoutInMinutes: number };
    assert.equal(nat.idleTimeoutInMinutes, 4);
    assert.deepEqual(
      nat.publicIpAddresses.map((ip) => ip.id.split("/").pop()),
      ["pip-ng-acme-test-gwc-1", "pip-ng-acme-test-gwc-2"],
    );
    const [diagnostics] = plan.ofType("azure-native:monitor:DiagnosticSetting");
    assert.equal(diagnostics?.inputs.workspaceId, WORKSPACE);
    assert.deepEqual(
      [diagnostics?.inputs.logs, diagnostics?.inputs.metrics],
      [undefined, [{ category: "AllMetrics", enabled: true }]],
    );
  });
});
