/**
 * The bootstrap layer as the plan records it (`plan <env> --stack bootstrap`): the state storage and the
 * secrets key, the GitHub OIDC identities and exactly their roles, the GitHub environments' protection rules,
 * the AWS and Google Cloud trust of exactly this repository's environments. Expected values are written out:
 * role IDs from https://learn.microsoft.com/azure/role-based-access-control/built-in-roles, the OIDC issuer,
 * subjects and audiences from GitHub's and Microsoft's federation docs.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { loadModel } from "@plugilo/model";
import { hasErrors, type PlanResult, planEnvironment } from "@plugilo/plan";
import type { PlannedResource } from "@plugilo/policy";

const OWNER = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
const READ_ROLES = new Set([
  "acdd72a7-3385-48ef-bd42-f606fba81ae7", // Reader
  "ac63b705-f282-497d-ac71-919bf39d939d", // Management Group Reader
  "ba92f5b4-2d11-453d-a403-e96b0029c9fe", // Storage Blob Data Contributor (the state lock), on the container only
  "12338af0-0e69-4776-bea7-57ae8d297424", // Key Vault Crypto User, on the key only
  "7f6c6a51-bcf8-42ba-9220-52d62157d7db", // Azure Kubernetes Service RBAC Reader
]);

const plans: Record<string, PlanResult> = {};
before(async () => {
  for (const env of ["prod", "dev"]) plans[env] = await planEnvironment(loadModel(env), { only: ["bootstrap"] });
});
const of = (env: string, type: string): PlannedResource[] => (plans[env] as PlanResult).resources.filter((r) => r.type === type);
const roleGuid = (r: PlannedResource) => String(r.inputs.roleDefinitionId).split("/").at(-1);

describe("bootstrap layer", () => {
  it("is planned only on request, without error findings, in every environment planned", () => {
    for (const env of ["prod", "dev"]) {
      assert.deepEqual(
        (plans[env] as PlanResult).stacks.map((s) => s.name),
        ["bootstrap"],
      );
      assert.equal(hasErrors(plans[env] as PlanResult), false, JSON.stringify((plans[env] as PlanResult).findings));
    }
  });

  it("state: GZRS, Entra ID only, versioning and 30 days soft delete; RSA key in a purge-protected RBAC vault; protected", () => {
    const [account] = of("prod", "azure-native:storage:StorageAccount");
    assert.equal(account?.inputs.allowSharedKeyAccess, false);
    assert.equal(account?.inputs.allowBlobPublicAccess, false);
    assert.equal(account?.inputs.minimumTlsVersion, "TLS1_2");
    assert.deepEqual(account?.inputs.sku, { name: "Standard_GZRS" });
    assert.equal(account?.protect, true);
    const [blobs] = of("prod", "azure-native:storage:BlobServiceProperties");
    assert.equal(blobs?.inputs.isVersioningEnabled, true);
    assert.deepEqual(blobs?.inputs.deleteRetentionPolicy, { enabled: true, days: 30 });
    assert.deepEqual(blobs?.inputs.containerDeleteRetentionPolicy, { enabled: true, days: 30 });
    const [vault] = of("prod", "azure-native:keyvault:Vault");
    const props = (vault?.inputs.properties ?? {}) as Record<string, unknown>;
    assert.equal(props.enablePurgeProtection, true);
    assert.equal(props.enableRbacAuthorization, true);
    const [key] = of("prod", "azure-native:keyvault:Key");
    assert.equal((key?.inputs.properties as Record<string, unknown> | undefined)?.kty, "RSA");
  });

  it("one federated credential per GitHub environment, with GitHub's issuer and the Entra audience", () => {
    const creds = of("prod", "azure-native:managedidentity:FederatedIdentityCredential").map((c) => [
      c.inputs.issuer,
      c.inputs.subject,
      c.inputs.audiences,
    ]);
    assert.deepEqual(creds.sort(), [
      ["https://token.actions.githubusercontent.com", "repo:plugilo/platform:environment:prod", ["api://AzureADTokenExchange"]],
      [
        "https://token.actions.githubusercontent.com",
        "repo:plugilo/platform:environment:prod-preview",
        ["api://AzureADTokenExchange"],
      ],
    ]);
  });

  it("the preview identity holds read roles only; data roles on the state container and the key, never wider", () => {
    const assignments = of("prod", "azure-native:authorization:RoleAssignment");
    const preview = assignments.filter((a) => a.name.startsWith("github-prod-preview-"));
    assert.ok(preview.length > 0);
    for (const a of preview) assert.ok(READ_ROLES.has(roleGuid(a) as string), `${a.name}: ${a.inputs.roleDefinitionId}`);
    const storage = preview.find((a) => roleGuid(a) === "ba92f5b4-2d11-453d-a403-e96b0029c9fe");
    assert.match(String(storage?.inputs.scope), /\/blobServices\/default\/containers\/pulumi-state$/);
    const key = preview.find((a) => roleGuid(a) === "12338af0-0e69-4776-bea7-57ae8d297424");
    assert.match(String(key?.inputs.scope), /\/vaults\/kv-plugilo-prod-pulumi\/keys\/pulumi-secrets$/);
    // The deploy identity is Owner on the six subscriptions of prod, nothing at the tenant root.
    const owners = assignments.filter((a) => a.name.startsWith("github-prod-sub") && roleGuid(a) === OWNER);
    assert.deepEqual(
      owners.map((a) => a.inputs.scope).sort(),
      [1, 2, 3, 4, 5, 6].map((n) => `/subscriptions/00000000-0000-0000-0003-00000000000${n}`),
    );
    const mg = assignments.find((a) => a.name === "github-prod-parent-mg");
    assert.equal(mg?.inputs.scope, "/providers/Microsoft.Management/managementGroups/mg-plugilo");
    assert.equal(
      mg?.inputs.roleDefinitionId,
      "/providers/Microsoft.Authorization/roleDefinitions/5d58bcaf-24a5-4b20-bdb6-eed9f69fbe4c",
    );
  });

  it("GitHub environments: prod needs reviewers (no self-review) and main; dev deploys from main; previews unprotected", () => {
    const prod = of("prod", "github:index/repositoryEnvironment:RepositoryEnvironment");
    const deploy = prod.find((e) => e.inputs.environment === "prod");
    assert.equal(deploy?.inputs.preventSelfReview, true);
    assert.equal(deploy?.inputs.canAdminsBypass, false);
    const reviewers = deploy?.inputs.reviewers as { teams: unknown[] }[] | undefined;
    assert.equal(reviewers?.length, 1);
    assert.ok(Number.isInteger(reviewers?.[0]?.teams[0]), `the reviewer team's ID: ${JSON.stringify(reviewers)}`);
    const preview = prod.find((e) => e.inputs.environment === "prod-preview");
    assert.equal(preview?.inputs.reviewers, undefined);
    assert.equal(preview?.inputs.deploymentBranchPolicy, undefined);
    const branches = of("prod", "github:index/repositoryEnvironmentDeploymentPolicy:RepositoryEnvironmentDeploymentPolicy");
    assert.deepEqual(
      branches.map((b) => [b.inputs.environment, b.inputs.branchPattern]),
      [["prod", "main"]],
    );
    const dev = of("dev", "github:index/repositoryEnvironment:RepositoryEnvironment").find((e) => e.inputs.environment === "dev");
    assert.equal(dev?.inputs.reviewers, undefined);
    const vars = of("prod", "github:index/actionsEnvironmentVariable:ActionsEnvironmentVariable")
      .filter((v) => v.inputs.environment === "prod")
      .map((v) => v.inputs.variableName)
      .sort();
    assert.deepEqual(vars, [
      "AWS_ROLE_ARN",
      "AZURE_CLIENT_ID",
      "AZURE_SUBSCRIPTION_ID",
      "AZURE_TENANT_ID",
      "GCP_SERVICE_ACCOUNT",
      "GCP_WORKLOAD_IDENTITY_PROVIDER",
      "PULUMI_BACKEND_URL",
    ]);
  });

  it("AWS and Google Cloud trust exactly this repository's environment subjects; the read role only describes", () => {
    const roles = of("prod", "aws:iam/role:Role");
    const trust = roles.map((r) => JSON.parse(String(r.inputs.assumeRolePolicy)).Statement[0].Condition.StringEquals);
    assert.deepEqual(trust.map((t) => t["token.actions.githubusercontent.com:sub"]).sort(), [
      "repo:plugilo/platform:environment:prod",
      "repo:plugilo/platform:environment:prod-preview",
    ]);
    assert.ok(trust.every((t) => t["token.actions.githubusercontent.com:aud"] === "sts.amazonaws.com"));
    const readPolicy = of("prod", "aws:iam/rolePolicy:RolePolicy").find((p) => p.name === "github-prod-preview");
    assert.deepEqual(JSON.parse(String(readPolicy?.inputs.policy)).Statement[0].Action, ["ec2:Describe*"]);
    const [provider] = of("prod", "gcp:iam/workloadIdentityPoolProvider:WorkloadIdentityPoolProvider");
    assert.equal(provider?.inputs.attributeCondition, 'assertion.repository == "plugilo/platform"');
    const network = of("prod", "gcp:projects/iAMMember:IAMMember")
      .map((m) => [m.name, m.inputs.role])
      .sort();
    assert.deepEqual(network, [
      ["github-prod-network", "roles/compute.networkAdmin"],
      ["github-prod-preview-network", "roles/compute.networkViewer"],
    ]);
  });

  it("prod's deploy runners: an organization runner group for the platform repository's deploy workflow on main only", () => {
    // https://docs.github.com/en/rest/actions/self-hosted-runner-groups (restricted_to_workflows, selected_workflows)
    const groups = of("prod", "github:index/actionsRunnerGroup:ActionsRunnerGroup");
    assert.equal(groups.length, 1);
    const g = groups[0] as PlannedResource;
    assert.equal(g.inputs.name, "plugilo-prod-linux");
    assert.equal(g.inputs.visibility, "selected");
    assert.equal(g.inputs.restrictedToWorkflows, true);
    assert.deepEqual(g.inputs.selectedWorkflows, ["plugilo/platform/.github/workflows/infrastructure.yml@refs/heads/main"]);
    assert.equal(g.inputs.allowsPublicRepositories, false);
    const ids = g.inputs.selectedRepositoryIds as unknown[];
    assert.equal(ids.length, 1, "the platform repository only");
    assert.deepEqual(of("dev", "github:index/actionsRunnerGroup:ActionsRunnerGroup"), []);
  });
});
