/**
 * GitHubIdentities planned alone with args built by hand: one identity per GitHub environment, federated with
 * GitHub's OIDC token of exactly that environment (issuer, subject and audience:
 * https://learn.microsoft.com/entra/workload-id/workload-identity-federation-create-trust-user-assigned-managed-identity),
 * and exactly the roles of its access, each subscription once. Role GUIDs from
 * https://learn.microsoft.com/azure/role-based-access-control/built-in-roles.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { type ComponentPlan, planComponent } from "@plugilo/testing";
import { GitHubIdentities } from "../src/github-identities.ts";

const STATE =
  "/subscriptions/s1/resourceGroups/rg-boot/providers/Microsoft.Storage/storageAccounts/st/blobServices/default/containers/state";
const KEY = "/subscriptions/s1/resourceGroups/rg-boot/providers/Microsoft.KeyVault/vaults/kv/keys/pulumi";
const PARENT = "/providers/Microsoft.Management/managementGroups/mg-acme";

let plan: ComponentPlan;
before(async () => {
  plan = await planComponent(() => {
    new GitHubIdentities("github-identities", {
      organization: "acme",
      managementGroup: { groupId: "mg-acme-test", parentId: "mg-acme" },
      // s2 twice (two layers share a subscription), two clusters in s3.
      subscriptionIds: ["s1", "s2", "s2", "s3"],
      clusterSubscriptionIds: ["s3", "s3"],
      resourceGroupName: "rg-boot",
      location: "germanywestcentral",
      repository: "acme/platform",
      environments: [
        { name: "test", access: "deploy" },
        { name: "test-preview", access: "read" },
      ],
      stateContainerId: STATE,
      secretsKeyId: KEY,
      tags: { layer: "bootstrap" },
    });
  });
});
const rolesOf = (env: string) =>
  plan
    .ofType("azure-native:authorization:RoleAssignment")
    .filter((r) => r.name.startsWith(`github-${env}-`) && !r.name.startsWith(`github-${env}-preview-`))
    .map((r) => [r.inputs.scope, String(r.inputs.roleDefinitionId).split("/").pop()]);

describe("GitHubIdentities", () => {
  it("makes one identity per GitHub environment, federated with exactly that environment's token", () => {
    const identities = plan.ofType("azure-native:managedidentity:UserAssignedIdentity");
    assert.deepEqual(
      identities.map((i) => i.inputs.resourceName),
      ["id-acme-test-github", "id-acme-test-preview-github"],
    );
    const credentials = plan.ofType("azure-native:managedidentity:FederatedIdentityCredential");
    assert.deepEqual(
      credentials.map((c) => [c.inputs.issuer, c.inputs.subject, c.inputs.audiences]),
      [
        ["https://token.actions.githubusercontent.com", "repo:acme/platform:environment:test", ["api://AzureADTokenExchange"]],
        [
          "https://token.actions.githubusercontent.com",
          "repo:acme/platform:environment:test-preview",
          ["api://AzureADTokenExchange"],
        ],
      ],
    );
  });

  it("lets the deploy identity create under the parent group, own each subscription once, admin the clusters", () => {
    assert.deepEqual(
      rolesOf("test").sort(),
      [
        [PARENT, "5d58bcaf-24a5-4b20-bdb6-eed9f69fbe4c"],
        [KEY, "12338af0-0e69-4776-bea7-57ae8d297424"],
        [STATE, "ba92f5b4-2d11-453d-a403-e96b0029c9fe"],
        ["/subscriptions/s1", "8e3af657-a8ff-443c-a75c-2fe8c4bcb635"],
        ["/subscriptions/s2", "8e3af657-a8ff-443c-a75c-2fe8c4bcb635"],
        ["/subscriptions/s3", "8e3af657-a8ff-443c-a75c-2fe8c4bcb635"],
        ["/subscriptions/s3", "b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b"],
      ].sort(),
    );
  });

  it("lets the preview identity only read, plus take the state's lock and decrypt the stack's secrets", () => {
    assert.deepEqual(
      rolesOf("test-preview").sort(),
      [
        [PARENT, "ac63b705-f282-497d-ac71-919bf39d939d"],
        [KEY, "12338af0-0e69-4776-bea7-57ae8d297424"],
        [STATE, "ba92f5b4-2d11-453d-a403-e96b0029c9fe"],
        ["/subscriptions/s1", "acdd72a7-3385-48ef-bd42-f606fba81ae7"],
        ["/subscriptions/s2", "acdd72a7-3385-48ef-bd42-f606fba81ae7"],
        ["/subscriptions/s3", "7f6c6a51-bcf8-42ba-9220-52d62157d7db"],
        ["/subscriptions/s3", "acdd72a7-3385-48ef-bd42-f606fba81ae7"],
      ].sort(),
    );
  });

  it("falls back to the environment's own group when it has no parent", async () => {
    const alone = await planComponent(() => {
      new GitHubIdentities("github-identities", {
        organization: "acme",
        managementGroup: { groupId: "mg-acme-test" },
        subscriptionIds: [],
        clusterSubscriptionIds: [],
        resourceGroupName: "rg-boot",
        location: "germanywestcentral",
        repository: "acme/platform",
        environments: [{ name: "test", access: "deploy" }],
        stateContainerId: STATE,
        secretsKeyId: KEY,
        tags: {},
      });
    });
    const mg = alone.ofType("azure-native:authorization:RoleAssignment").find((r) => r.name === "github-test-parent-mg");
    assert.equal(mg?.inputs.scope, "/providers/Microsoft.Management/managementGroups/mg-acme-test");
  });
});
