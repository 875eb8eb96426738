/**
 * Who in a cluster can read which Key Vault secret, on what the prod plan sends to Azure: each ClusterSecretStore
 * has its own identity with "Key Vault Secrets User" (4633458b-17de-408a-b874-0445c86b69e6,
 * https://learn.microsoft.com/azure/role-based-access-control/built-in-roles) on the secrets its ExternalSecrets
 * name, each at the secret's scope (https://learn.microsoft.com/azure/key-vault/general/rbac-guide), and no
 * cluster identity reads the vault as a whole. Plus the reader of those ExternalSecrets, on fixtures.
 */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { type EnvironmentModel, loadModel } from "@plugilo/model";
import { type PlanResult, planEnvironment } from "@plugilo/plan";
import { secretsReadByStore } from "../src/external-secret-reads.ts";

const SECRETS_USER = "4633458b-17de-408a-b874-0445c86b69e6";
let model: EnvironmentModel;
let plan: PlanResult;

before(async () => {
  model = loadModel("prod");
  plan = await planEnvironment(model, { only: model.clusters.map((c) => c.name) });
});

const roles = (stack: string) =>
  plan.resources.filter((r) => r.type === "azure-native:authorization:RoleAssignment" && r.stack === stack);
const guid = (r: { inputs: Record<string, unknown> }) => String(r.inputs.roleDefinitionId).split("/").pop();

describe("Key Vault secrets per store (prod)", () => {
  it("gives the platform store's identity exactly the add-ons' secrets, the services' store's identity exactly the services'", () => {
    const vault =
      "/subscriptions/00000000-0000-0000-0003-000000000006/resourceGroups/rg-plugilo-shared-prod-gwc/providers/Microsoft.KeyVault/vaults/kv-plugilo-prod";
    const platform = ["argocd-sso-client-secret", "elasticsearch-password", "elasticsearch-url", "elasticsearch-username"];
    // The runners' GitHub App runs in app1 only (environments/prod.yaml: the deploy scale set).
    const arc = ["github-arc-app-id", "github-arc-app-installation-id", "github-arc-app-private-key"];
    // example-api is passwordless in prod (Entra ID tokens from its workload identity): no ExternalSecret, so the
    // services' store identity reads no secret at all.
    const expected: Record<string, Record<string, string[]>> = {
      app1: { "id-plugilo-app1-prod-gwc-eso": [...platform, ...arc], "id-plugilo-app1-prod-gwc-esosvc": [] },
      app2: { "id-plugilo-app2-prod-gn-eso": platform, "id-plugilo-app2-prod-gn-esosvc": [] },
    };
    for (const [cluster, identities] of Object.entries(expected)) {
      for (const [identity, secrets] of Object.entries(identities)) {
        const own = roles(cluster).filter((r) => r.name.startsWith(`${identity}-secret-`));
        assert.deepEqual(own.map((r) => r.inputs.scope).sort(), secrets.map((s) => `${vault}/secrets/${s}`).sort(), identity);
        for (const r of own) assert.equal(guid(r), SECRETS_USER);
      }
    }
  });

  it("lets no cluster identity read secrets vault-wide, nor the AVD local admin password", () => {
    for (const c of model.clusters) {
      const all = roles(c.name);
      assert.ok(all.length > 0);
      for (const r of all) {
        if (guid(r) === SECRETS_USER) assert.match(String(r.inputs.scope), /\/vaults\/kv-plugilo-prod\/secrets\/[a-z0-9-]+$/);
        assert.doesNotMatch(String(r.inputs.scope), /local-admin/);
      }
    }
  });
});

describe("secretsReadByStore", () => {
  let root: string;
  before(() => {
    root = mkdtempSync(join(tmpdir(), "plugilo-es-"));
  });
  after(() => rmSync(root, { recursive: true, force: true }));
  const write = (path: string, text: string) => {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  const es = (store: string, body: string) =>
    `apiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata: {name: x, namespace: y}\nspec:\n  secretStoreRef: {kind: ClusterSecretStore, name: ${store}}\n${body}`;

  it("collects each store's remoteRef and extract keys over the folders, `secret/` prefix removed", () => {
    write(
      "deploy/t/c1/a/es.yaml",
      `${es("platform", "  data:\n    - {secretKey: a, remoteRef: {key: b-secret}}\n    - {secretKey: c, remoteRef: {key: secret/a-secret}}\n")}---\nkind: ConfigMap\n`,
    );
    write("deploy/t/services/c1/s/es.yaml", es("services", "  dataFrom:\n    - extract: {key: svc-json}\n"));
    write("deploy/t/c2/other.yaml", es("platform", "  data:\n    - {secretKey: z, remoteRef: {key: not-this-cluster}}\n"));
    assert.deepEqual(secretsReadByStore(root, ["deploy/t/c1", "deploy/t/services/c1", "deploy/t/missing"]), {
      platform: ["a-secret", "b-secret"],
      services: ["svc-json"],
    });
  });

  it("refuses a pattern read, a key or certificate object, and a store that is not a ClusterSecretStore, naming the file", () => {
    write("deploy/f1/es.yaml", es("s", "  dataFrom:\n    - find: {name: {regexp: '.*'}}\n"));
    assert.throws(() => secretsReadByStore(root, ["deploy/f1"]), /deploy\/f1\/es\.yaml: spec\.dataFrom\.find/);
    write("deploy/f2/es.yaml", es("s", "  data:\n    - {secretKey: k, remoteRef: {key: key/signing}}\n"));
    assert.throws(() => secretsReadByStore(root, ["deploy/f2"]), /deploy\/f2\/es\.yaml: remoteRef key "key\/signing"/);
    write(
      "deploy/f3/es.yaml",
      es("s", "  data:\n    - {secretKey: k, remoteRef: {key: ok}}\n").replace("kind: ClusterSecretStore", "kind: SecretStore"),
    );
    assert.throws(() => secretsReadByStore(root, ["deploy/f3"]), /deploy\/f3\/es\.yaml: spec\.secretStoreRef/);
  });
});

describe("KMS vault per cluster (prod)", () => {
  // Key Vault Contributor f25e0fa2-a7c8-4377-a976-54943a77a395, Key Vault Crypto User 12338af0-0e69-4776-bea7-57ae8d297424
  // (https://learn.microsoft.com/azure/role-based-access-control/built-in-roles); what KMS with a private vault
  // needs: https://learn.microsoft.com/azure/aks/use-kms-etcd-encryption
  const expected = [
    {
      cluster: "app1",
      sub: "00000000-0000-0000-0003-000000000004",
      rg: "rg-plugilo-app1-prod-gwc",
      vault: "kv-plugilo-app1-prod",
      region: "germanywestcentral",
      hubRg: "rg-plugilo-hub-prod-gwc",
    },
    {
      cluster: "app2",
      sub: "00000000-0000-0000-0003-000000000005",
      rg: "rg-plugilo-app2-prod-gn",
      vault: "kv-plugilo-app2-prod",
      region: "germanynorth",
      hubRg: "rg-plugilo-hub-prod-gn",
    },
  ];
  for (const e of expected) {
    const vaultId = `/subscriptions/${e.sub}/resourceGroups/${e.rg}/providers/Microsoft.KeyVault/vaults/${e.vault}`;
    it(`${e.cluster}: its KMS key in its own private Premium vault, Key Vault Contributor only there`, () => {
      const vault = plan.resources.find((r) => r.type === "azure-native:keyvault:Vault" && r.stack === e.cluster);
      assert.equal(vault?.inputs.vaultName, e.vault);
      assert.equal(vault?.inputs.resourceGroupName, e.rg);
      assert.equal(vault?.inputs.location, e.region);
      assert.equal(vault?.protect, true);
      const props = vault?.inputs.properties as Record<string, unknown>;
      assert.deepEqual(props.sku, { family: "A", name: "premium" });
      assert.equal(props.publicNetworkAccess, "Disabled");
      assert.equal(props.enableRbacAuthorization, true);
      assert.equal(props.enablePurgeProtection, true);
      const key = plan.resources.find((r) => r.type === "azure-native:keyvault:Key" && r.stack === e.cluster);
      assert.equal(key?.inputs.vaultName, e.vault);
      const mc = plan.resources.find((r) => r.type === "azure-native:containerservice:ManagedCluster" && r.stack === e.cluster);
      const kms =
        (mc?.inputs.securityProfile as { azureKeyVaultKms: Record<string, unknown> } | undefined)?.azureKeyVaultKms ?? {};
      assert.equal(kms.keyVaultResourceId, vaultId);
      assert.equal(kms.keyVaultNetworkAccess, "Private");
      const contributor = roles(e.cluster).filter((r) => guid(r) === "f25e0fa2-a7c8-4377-a976-54943a77a395");
      assert.deepEqual(
        contributor.map((r) => r.inputs.scope),
        [vaultId],
      );
      const crypto = roles(e.cluster).filter((r) => guid(r) === "12338af0-0e69-4776-bea7-57ae8d297424");
      assert.deepEqual(
        crypto.map((r) => r.inputs.scope),
        [`${vaultId}/keys/aks-kms-${e.cluster}`],
      );
    });
    it(`${e.cluster}: the vault's private endpoint in the cluster spoke, its record in ${e.region}'s zone`, () => {
      const pe = plan.resources.find(
        (r) =>
          r.type === "azure-native:network:PrivateEndpoint" &&
          r.stack === e.cluster &&
          String(r.inputs.privateEndpointName).endsWith("-kms"),
      );
      const connection = (pe?.inputs.privateLinkServiceConnections as { groupIds: string[] }[] | undefined)?.[0];
      assert.deepEqual(connection?.groupIds, ["vault"]);
      assert.match(
        String((pe?.inputs.subnet as { id: string } | undefined)?.id),
        new RegExp(`/virtualNetworks/vnet-plugilo-${e.cluster}-prod-[a-z]+/subnets/`),
      );
      const group = plan.resources.find(
        (r) =>
          r.type === "azure-native:network:PrivateDnsZoneGroup" &&
          r.stack === e.cluster &&
          r.inputs.privateEndpointName === pe?.inputs.privateEndpointName,
      );
      const zone = (group?.inputs.privateDnsZoneConfigs as { privateDnsZoneId: string }[] | undefined)?.[0]?.privateDnsZoneId;
      assert.equal(
        zone,
        `/subscriptions/00000000-0000-0000-0003-000000000002/resourceGroups/${e.hubRg}/providers/Microsoft.Network/privateDnsZones/privatelink.vaultcore.azure.net`,
      );
    });
  }
});
