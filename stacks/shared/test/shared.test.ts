/**
 * The shared layer as the plan records it: the environment Key Vault and the registry geo-replicated to the
 * secondary region, in the Data Platform subscription, with names, IDs, tenant, protection and workspace from
 * the model. What each component makes of its args: key-vault-and-registry.test.ts.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { type EnvironmentModel, loadModel } from "@plugilo/model";
import { type PlanResult, planEnvironment } from "@plugilo/plan";
import type { PlannedResource } from "@plugilo/policy";

const envs: Record<string, { model: EnvironmentModel; plan: PlanResult }> = {};
before(async () => {
  for (const env of ["prod", "dev"]) {
    const model = loadModel(env);
    envs[env] = { model, plan: await planEnvironment(model, { only: ["shared"] }) };
  }
});

const one = (p: PlanResult, type: string): PlannedResource => {
  const found = p.resources.filter((r) => r.type === type);
  assert.equal(found.length, 1, `one ${type}`);
  return found[0] as PlannedResource;
};
const subscriptionOf = (p: PlanResult, r: PlannedResource) =>
  p.resources.find((x) => x.urn === r.provider)?.inputs.subscriptionId;

for (const env of ["prod", "dev"]) {
  describe(`shared layer (${env})`, () => {
    const get = () => envs[env] as { model: EnvironmentModel; plan: PlanResult };

    it("plans without error findings", () => {
      assert.deepEqual(
        get().plan.findings.filter((f) => f.severity === "error"),
        [],
      );
    });

    it("creates the Key Vault the model names, in the model's tenant, protected as the model says", () => {
      const { model, plan } = get();
      const vault = one(plan, "azure-native:keyvault:Vault");
      assert.equal(vault.inputs.vaultName, model.keyVault.name);
      assert.equal(vault.inputs.resourceGroupName, model.keyVault.resourceGroup);
      assert.equal(vault.inputs.location, model.regions.primary.name);
      const p = vault.inputs.properties as Record<string, unknown>;
      assert.deepEqual(p.sku, { family: "A", name: "premium" });
      assert.equal(p.tenantId, model.tenantId);
      assert.equal(vault.protect, model.protectStateful);
      assert.equal(plan.outputs.shared?.keyVaultUri, model.keyVault.uri);
    });

    it("creates the registry the model names in the primary region, replicated to the secondary", () => {
      const { model, plan } = get();
      const registry = one(plan, "azure-native:containerregistry:Registry");
      assert.equal(registry.inputs.registryName, model.containerRegistry.name);
      assert.deepEqual(registry.inputs.sku, { name: "Premium" });
      assert.equal(registry.inputs.location, "germanywestcentral");
      assert.equal(registry.inputs.zoneRedundancy, "Enabled");
      assert.equal(registry.protect, model.protectStateful);

      const replica = one(plan, "azure-native:containerregistry:Replication");
      assert.equal(replica.inputs.location, "germanynorth");
      assert.equal(replica.inputs.zoneRedundancy, "Disabled", "germanynorth has no zones");
      assert.equal(plan.outputs.shared?.registryLoginServer, model.containerRegistry.loginServer);
      assert.equal(plan.outputs.shared?.registryId, model.containerRegistry.id);
    });

    it("deploys into the Data Platform subscription, with diagnostics to the primary region's workspace", () => {
      const { model, plan } = get();
      for (const r of plan.resources.filter((x) => x.type.startsWith("azure-native:"))) {
        assert.equal(subscriptionOf(plan, r), model.subscriptions.data, r.name);
      }
      const workspace = model.logAnalytics.find((l) => l.region === model.regions.primary.name)?.id;
      const diagnostics = plan.resources.filter((r) => r.type === "azure-native:monitor:DiagnosticSetting");
      assert.deepEqual(
        diagnostics.map((d) => d.inputs.resourceUri).sort(),
        [model.containerRegistry.id, model.keyVault.id].sort(),
      );
      for (const d of diagnostics) assert.equal(d.inputs.workspaceId, workspace);
    });
  });
}

describe("registry permissions mode and in-cluster passwords", () => {
  const commands = (env: string) =>
    (envs[env] as { plan: PlanResult }).plan.resources.filter((r) => r.type === "command:local:Command");
  const secrets = (env: string) =>
    (envs[env] as { plan: PlanResult }).plan.resources.filter((r) => r.type === "azure-native:keyvault:Secret");

  it("switches dev's registry to RBAC Registry + ABAC Repository Permissions with the documented CLI switch, prod's not", () => {
    // azure-native 3.28 (API 2023-01-01-preview) has no roleAssignmentMode: the CLI sets it (docs/adr/0135).
    assert.deepEqual(
      commands("dev").map((c) => c.inputs.create),
      [
        "az acr update --name crplugilodev --resource-group rg-plugilo-shared-dev-gwc --subscription 00000000-0000-0000-0001-000000000006 --role-assignment-mode rbac-abac --output none",
      ],
    );
    assert.deepEqual(commands("prod"), []);
  });

  it("writes the in-cluster Redis and MongoDB passwords to dev's vault, generated, and nothing in prod", () => {
    const dev = secrets("dev");
    assert.deepEqual(dev.map((s) => s.inputs.secretName).sort(), ["dev-mongodb-admin-password", "dev-redis-password"]);
    for (const s of dev) {
      assert.equal(s.inputs.vaultName, "kv-plugilo-dev");
      assert.equal(s.inputs.resourceGroupName, "rg-plugilo-shared-dev-gwc");
    }
    const generated = (envs.dev as { plan: PlanResult }).plan.resources.filter(
      (r) => r.type === "random:index/randomPassword:RandomPassword",
    );
    assert.deepEqual(
      generated.map((g) => [g.inputs.length, g.inputs.special]),
      [
        [32, false],
        [32, false],
      ],
    );
    assert.deepEqual(secrets("prod"), []);
  });
});
