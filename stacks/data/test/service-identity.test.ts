// biome-ignore-all lint/suspicious/noExplicitAny: the assertions walk planned inputs.
/**
 * The reference service's identity as the plan records it: one user-assigned identity, a federated
 * credential per cluster (issuer from that cluster stack, audience and subject as AKS workload identity
 * requires: https://learn.microsoft.com/azure/aks/workload-identity-overview), and the "default" access
 * policy of every regional Redis database assigned to the identity's object ID
 * (https://learn.microsoft.com/azure/redis/entra-for-authentication). Dev runs its databases in the clusters:
 * no identity there.
 */
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { loadModel } from "@plugilo/model";
import { type PlanResult, planEnvironment } from "@plugilo/plan";

const plans: Record<string, PlanResult> = {};
before(async () => {
  for (const env of ["prod", "dev"]) plans[env] = await planEnvironment(loadModel(env), { only: ["data"] });
});
const of = (env: string, type: string): any[] => (plans[env] as PlanResult).resources.filter((r) => r.type === type);

describe("example-api's identity in production", () => {
  test("one identity in the data resource group of the primary region", () => {
    const ids = of("prod", "azure-native:managedidentity:UserAssignedIdentity").filter(
      (r) => r.name === "id-plugilo-example-api-prod",
    );
    assert.equal(ids.length, 1);
    assert.equal(ids[0].inputs.resourceGroupName, "rg-plugilo-data-prod-gwc");
    assert.equal(ids[0].inputs.location, "germanywestcentral");
  });

  test("federated with both clusters' issuers, for the service's ServiceAccount", () => {
    const creds = of("prod", "azure-native:managedidentity:FederatedIdentityCredential").filter(
      (r) => r.inputs.resourceName === "id-plugilo-example-api-prod",
    );
    assert.deepEqual(creds.map((c) => c.inputs.federatedIdentityCredentialResourceName).sort(), [
      "aks-plugilo-app1-prod-gwc-example-api",
      "aks-plugilo-app2-prod-gn-example-api",
    ]);
    for (const c of creds) {
      assert.equal(c.inputs.subject, "system:serviceaccount:example-api:example-api");
      assert.deepEqual(c.inputs.audiences, ["api://AzureADTokenExchange"]);
      assert.match(c.inputs.issuer, /^https:\/\/[a-z]+\.oic\.prod-aks\.azure\.com\/[0-9a-f-]{36}\/[0-9a-f-]{36}\/$/);
    }
    assert.notEqual(creds[0].inputs.issuer, creds[1].inputs.issuer, "each cluster has its own issuer");
  });

  test("the default access policy on each regional Redis database, for the identity's object ID", () => {
    const assignments = of("prod", "azure-native:redisenterprise:AccessPolicyAssignment");
    assert.deepEqual(assignments.map((a) => a.inputs.clusterName).sort(), [
      "amr-plugilo-data-prod-gn",
      "amr-plugilo-data-prod-gwc",
    ]);
    for (const a of assignments) {
      assert.equal(a.inputs.accessPolicyName, "default");
      assert.equal(a.inputs.databaseName, "default");
      assert.match(a.inputs.accessPolicyAssignmentName, /^[A-Za-z0-9]+$/);
      assert.match(a.inputs.user.objectId, /^[0-9a-f-]{36}$/);
    }
    assert.equal(new Set(assignments.map((a) => a.inputs.user.objectId)).size, 1, "one identity in both regions");
  });

  test("the service's database exists on the server", () => {
    const dbs = of("prod", "azure-native:dbforpostgresql:Database").map((d) => d.inputs.databaseName);
    assert.ok(dbs.includes("example-api"));
  });
});

test("dev (databases in the clusters): no service identity, no access policy assignment", () => {
  assert.equal(
    of("dev", "azure-native:managedidentity:UserAssignedIdentity").filter((r) => /example-api/.test(r.name)).length,
    0,
  );
  assert.equal(of("dev", "azure-native:redisenterprise:AccessPolicyAssignment").length, 0);
});
