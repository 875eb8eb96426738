/** protect-stateful-in-production: passing and violating fixtures (the real plans: ../real-plans.test.ts). */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { loadModel } from "@plugilo/model";
import { protectStatefulInProduction } from "@plugilo/policy";
import { genericResource, plannedResource } from "./helpers.ts";

const dev = loadModel("dev");
const prod = loadModel("prod");
const resource = (type: string, inputs: Record<string, unknown>, protect = false) =>
  plannedResource("prod", type, inputs, { protect });
const generic = (namespace: string, type: string, properties: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  genericResource("prod", namespace, type, properties, extra);

describe("protect-stateful-in-production", () => {
  it("passes protected stateful resources, unprotected stateless ones, and anything in dev (protectStateful off)", () => {
    assert.equal(prod.protectStateful, true);
    assert.equal(dev.protectStateful, false);
    for (const r of [
      resource("azure-native:dbforpostgresql:Server", {}, true),
      resource("azure-native:resources:ResourceGroup", {}, true),
      resource("ec:index/deployment:Deployment", {}, true),
      generic("Microsoft.KeyVault", "vaults", {}, {}),
    ].map((r, i) => (i === 3 ? { ...r, protect: true } : r))) {
      assert.deepEqual(protectStatefulInProduction.check(r, prod), [], r.type);
    }
    assert.deepEqual(protectStatefulInProduction.check(resource("azure-native:network:VirtualNetwork", {}), prod), []);
    assert.deepEqual(protectStatefulInProduction.check(resource("azure-native:cosmosdb:DatabaseAccount", {}), dev), []);
  });

  it("fails an unprotected stateful resource where the environment protects them, typed or generic", () => {
    for (const type of [
      "azure-native:cosmosdb:DatabaseAccount",
      "azure-native:redisenterprise:Database",
      "azure-native:keyvault:Vault",
      "azure-native:containerregistry:Registry",
      "azure-native:storage:StorageAccount",
      "azure-native:operationalinsights:Workspace",
      "azure-native:resources:ResourceGroup",
      "ec:index/deployment:Deployment",
    ]) {
      const messages = protectStatefulInProduction.check(resource(type, {}), prod);
      assert.match(messages[0] ?? "", /without protect: true in prod/, type);
    }
    const body = protectStatefulInProduction.check(generic("Microsoft.DBforPostgreSQL", "flexibleServers", {}), prod);
    assert.equal(body.length, 1);
  });
});
