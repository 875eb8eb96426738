/**
 * Repository-scoped push (docs/adr/0135): in the registry the services build into, each build scale set's
 * identity is Container Registry Repository Writer under a condition on the repository name, the kubelets
 * pull with Container Registry Repository Reader (AcrPull is not honoured there), and no identity anywhere
 * holds AcrPush. Role IDs and the condition syntax:
 * https://learn.microsoft.com/azure/role-based-access-control/built-in-roles/containers
 * https://learn.microsoft.com/azure/container-registry/container-registry-rbac-abac-repository-permissions
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { loadModel, repositoryWriteCondition } from "@plugilo/model";

const DEV_REGISTRY =
  "/subscriptions/00000000-0000-0000-0001-000000000006/resourceGroups/rg-plugilo-shared-dev-gwc/providers/Microsoft.ContainerRegistry/registries/crplugilodev";
const EXAMPLE_API_CONDITION =
  "((!(ActionMatches{'Microsoft.ContainerRegistry/registries/repositories/content/read'})" +
  " AND !(ActionMatches{'Microsoft.ContainerRegistry/registries/repositories/content/write'})" +
  " AND !(ActionMatches{'Microsoft.ContainerRegistry/registries/repositories/metadata/read'})" +
  " AND !(ActionMatches{'Microsoft.ContainerRegistry/registries/repositories/metadata/write'}))" +
  " OR (@Request[Microsoft.ContainerRegistry/registries/repositories:name] StringEqualsIgnoreCase 'plugilo/example-api'" +
  " OR @Request[Microsoft.ContainerRegistry/registries/repositories:name] StringStartsWithIgnoreCase 'plugilo/example-api/'))";

describe("registry permissions", () => {
  it("puts dev's registry (where the build runners push) in ABAC mode, staging's and prod's not", () => {
    assert.equal(loadModel("dev").containerRegistry.roleAssignmentMode, "AbacRepositoryPermissions");
    assert.equal(loadModel("staging").containerRegistry.roleAssignmentMode, "LegacyRegistryPermissions");
    assert.equal(loadModel("prod").containerRegistry.roleAssignmentMode, "LegacyRegistryPermissions");
  });

  it("gives each dev build scale set its own identity, Writer on the registry for its service's repositories only", () => {
    const dev = loadModel("dev");
    for (const c of dev.clusters) {
      const build = c.identities.workloads.filter((w) => w.key.startsWith("ghr-"));
      assert.deepEqual(
        build.map((w) => [w.key, w.namespace, w.serviceAccount, w.subject]),
        [
          [
            "ghr-build-example-api",
            "arc-build-example-api",
            "arc-runner-build-example-api",
            "system:serviceaccount:arc-build-example-api:arc-runner-build-example-api",
          ],
        ],
      );
      assert.deepEqual(build[0]?.roleAssignments, [
        {
          role: "Container Registry Repository Writer",
          scope: DEV_REGISTRY,
          roleDefinitionId:
            "/subscriptions/00000000-0000-0000-0001-000000000006/providers/Microsoft.Authorization/roleDefinitions/2a1e307c-b015-4ebd-883e-5b7698a07328",
          condition: EXAMPLE_API_CONDITION,
        },
      ]);
    }
  });

  it("lets the kubelets pull with Repository Reader where the registry is ABAC, with AcrPull elsewhere", () => {
    for (const c of loadModel("dev").clusters)
      assert.equal(c.identities.kubelet.registryRole, "Container Registry Repository Reader");
    for (const c of loadModel("prod").clusters) assert.equal(c.identities.kubelet.registryRole, "AcrPull");
  });

  it("grants AcrPush (8311e382-0749-4cb8-b61a-304f252e45ec) to no identity of any environment", () => {
    for (const env of ["dev", "staging", "prod"]) {
      const grants = loadModel(env).clusters.flatMap((c) => c.identities.workloads.flatMap((w) => w.roleAssignments));
      assert.deepEqual(
        grants.filter((g) => g.roleDefinitionId.endsWith("/8311e382-0749-4cb8-b61a-304f252e45ec")),
        [],
        env,
      );
      // Every registry grant of a workload carries a condition: none is registry-wide.
      for (const g of grants.filter((g) => g.scope.includes("/Microsoft.ContainerRegistry/")))
        assert.ok(g.condition, `${env}: ${g.role} on the registry without a condition`);
    }
  });

  it("closes the prefix with a slash and refuses what is not a repository name", () => {
    const c = repositoryWriteCondition("Plugilo/Other");
    assert.match(c, /StringEqualsIgnoreCase 'plugilo\/other' OR /);
    assert.match(c, /StringStartsWithIgnoreCase 'plugilo\/other\/'\)\)$/);
    assert.throws(() => repositoryWriteCondition("plugilo/x' OR 'a"), /is not a container registry repository name/);
    assert.throws(() => repositoryWriteCondition(""), /is not a container registry repository name/);
  });
});
