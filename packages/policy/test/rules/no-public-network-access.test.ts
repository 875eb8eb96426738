/** no-public-network-access: passing and violating fixtures (the real plans: ../real-plans.test.ts). */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { loadModel } from "@plugilo/model";
import { noPublicNetworkAccess } from "@plugilo/policy";
import { genericResource, plannedResource } from "./helpers.ts";

const prod = loadModel("prod");
const resource = (type: string, inputs: Record<string, unknown>, protect = false) =>
  plannedResource("prod", type, inputs, { protect });
const generic = (namespace: string, type: string, properties: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  genericResource("prod", namespace, type, properties, extra);

describe("no-public-network-access", () => {
  it("passes Disabled in every shape the stacks send: top level, Key Vault properties, PostgreSQL network, generic body", () => {
    for (const r of [
      resource("azure-native:containerregistry:Registry", { publicNetworkAccess: "Disabled" }),
      resource("azure-native:keyvault:Vault", { properties: { publicNetworkAccess: "Disabled" } }),
      resource("azure-native:dbforpostgresql:Server", { network: { publicNetworkAccess: "Disabled" } }),
      resource("azure-native:apimanagement:ApiManagementService", { publicNetworkAccess: "Disabled" }),
      generic("Microsoft.Cache", "redisEnterprise", { publicNetworkAccess: "Disabled" }),
      // Absent: not judged.
      resource("azure-native:storage:StorageAccount", {}),
      // AVD has no Private Link here: public by design (ADR 0071).
      resource("azure-native:desktopvirtualization:HostPool", { publicNetworkAccess: "Enabled" }),
      generic("Microsoft.DesktopVirtualization", "workspaces", { publicNetworkAccess: "Enabled" }),
    ]) {
      assert.deepEqual(noPublicNetworkAccess.check(r, prod), [], r.type);
    }
  });

  it("fails Enabled, wherever it is, including API Management's final state and a generic resource's body", () => {
    const apim = noPublicNetworkAccess.check(
      resource("azure-native:apimanagement:ApiManagementService", { publicNetworkAccess: "Enabled" }),
      prod,
    );
    assert.match(apim[0] ?? "", /^publicNetworkAccess is Enabled: set it to Disabled/);
    const vault = noPublicNetworkAccess.check(
      resource("azure-native:keyvault:Vault", { properties: { publicNetworkAccess: "Enabled" } }),
      prod,
    );
    assert.match(vault[0] ?? "", /^properties\.publicNetworkAccess is Enabled/);
    const pg = noPublicNetworkAccess.check(
      resource("azure-native:dbforpostgresql:Server", { network: { publicNetworkAccess: "Enabled" } }),
      prod,
    );
    assert.match(pg[0] ?? "", /^network\.publicNetworkAccess is Enabled/);
    const body = noPublicNetworkAccess.check(
      generic("Microsoft.Storage", "storageAccounts", { publicNetworkAccess: "enabled" }),
      prod,
    );
    assert.match(body[0] ?? "", /^properties\.publicNetworkAccess is Enabled/);
  });

  it("ignores other providers", () => {
    assert.deepEqual(
      noPublicNetworkAccess.check(
        resource("kubernetes:helm.sh/v3:Release", { values: { publicNetworkAccess: "Enabled" } }),
        prod,
      ),
      [],
    );
  });
});
