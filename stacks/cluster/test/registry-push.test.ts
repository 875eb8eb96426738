/**
 * The build runners' push as the plan records it (dev, app1: the cluster its runners run in): the build set's
 * identity is Container Registry Repository Writer (2a1e307c-b015-4ebd-883e-5b7698a07328) on dev's registry
 * with the ABAC condition (version 2.0) naming its service's repositories, the kubelet is Container Registry
 * Repository Reader (b93aa761-3e63-49ed-ac28-beffa264f7ac), and nothing is AcrPush or AcrPull on that registry
 * (neither is honoured in ABAC mode). The identity trusts only the ServiceAccount `arc-runner-<set>` in the
 * set's own namespace `arc-<set>` (docs/adr/0139): subject `system:serviceaccount:<namespace>:<name>`.
 * https://learn.microsoft.com/azure/container-registry/container-registry-rbac-abac-repository-permissions
 * https://learn.microsoft.com/azure/aks/workload-identity-deploy-cluster (federated credential subject)
 * https://learn.microsoft.com/azure/aks/workload-identity-overview#service-account-annotations
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { loadModel } from "@plugilo/model";
import { type PlanResult, planEnvironment } from "@plugilo/plan";

const REGISTRY =
  "/subscriptions/00000000-0000-0000-0001-000000000006/resourceGroups/rg-plugilo-shared-dev-gwc/providers/Microsoft.ContainerRegistry/registries/crplugilodev";
let plan: PlanResult;
before(async () => {
  plan = await planEnvironment(loadModel("dev"), { only: ["app1"] });
});

const onRegistry = () =>
  plan.resources.filter((r) => r.type === "azure-native:authorization:RoleAssignment" && r.inputs.scope === REGISTRY);
const guid = (r: { inputs: Record<string, unknown> }) => String(r.inputs.roleDefinitionId).split("/").pop();

describe("registry push (dev)", () => {
  it("lets the example-api build runners write plugilo/example-api and below only", () => {
    const writers = onRegistry().filter((r) => guid(r) === "2a1e307c-b015-4ebd-883e-5b7698a07328");
    assert.deepEqual(
      writers.map((r) => r.name),
      ["id-plugilo-app1-dev-gwc-ghr-build-example-api-role-0"],
    );
    const w = writers[0] as { inputs: Record<string, unknown> };
    assert.equal(w.inputs.conditionVersion, "2.0");
    assert.equal(
      w.inputs.condition,
      "((!(ActionMatches{'Microsoft.ContainerRegistry/registries/repositories/content/read'}) AND !(ActionMatches{'Microsoft.ContainerRegistry/registries/repositories/content/write'}) AND !(ActionMatches{'Microsoft.ContainerRegistry/registries/repositories/metadata/read'}) AND !(ActionMatches{'Microsoft.ContainerRegistry/registries/repositories/metadata/write'})) OR (@Request[Microsoft.ContainerRegistry/registries/repositories:name] StringEqualsIgnoreCase 'plugilo/example-api' OR @Request[Microsoft.ContainerRegistry/registries/repositories:name] StringStartsWithIgnoreCase 'plugilo/example-api/'))",
    );
    assert.equal(w.inputs.principalType, "ServicePrincipal");
  });

  it("pulls with Repository Reader and holds neither AcrPush nor AcrPull on the ABAC registry", () => {
    const guids = onRegistry().map(guid);
    assert.ok(guids.includes("b93aa761-3e63-49ed-ac28-beffa264f7ac"), "the kubelet's Repository Reader");
    assert.ok(!guids.includes("8311e382-0749-4cb8-b61a-304f252e45ec"), "AcrPush");
    assert.ok(!guids.includes("7f951dda-4ed3-4680-a7ca-43fe172d538d"), "AcrPull");
    // Only the writer has a condition: the kubelet reads every repository (the services' images).
    assert.deepEqual(onRegistry().filter((r) => r.inputs.condition).length, 1);
  });

  it("federates the build identity with its set's own namespace only, on the cluster's issuer", () => {
    const fics = plan.resources.filter(
      (r) =>
        r.type === "azure-native:managedidentity:FederatedIdentityCredential" &&
        String(r.inputs.resourceName).endsWith("-ghr-build-example-api"),
    );
    assert.deepEqual(
      fics.map((f) => f.inputs.subject),
      ["system:serviceaccount:arc-build-example-api:arc-runner-build-example-api"],
    );
    // The issuer is still the cluster's own OIDC issuer output, like every other workload identity's.
    const issuer = plan.outputs.app1?.oidcIssuerUrl;
    assert.match(String(issuer), /^https:\/\/.+\.oic\.prod-aks\.azure\.com\//);
    assert.equal(fics[0]?.inputs.issuer, issuer);
    assert.deepEqual(fics[0]?.inputs.audiences, ["api://AzureADTokenExchange"]);
    // The stack makes that namespace and the ServiceAccount, annotated with the identity's client ID.
    const k8s = (type: string) =>
      plan.resources
        .filter((r) => r.type === type && r.stack === "app1")
        .map((r) => r.inputs.metadata as { name: string; namespace?: string; annotations?: Record<string, string> });
    assert.ok(k8s("kubernetes:core/v1:Namespace").some((m) => m.name === "arc-build-example-api"));
    const sa = k8s("kubernetes:core/v1:ServiceAccount").find((m) => m.name === "arc-runner-build-example-api");
    assert.equal(sa?.namespace, "arc-build-example-api");
    const clientIds = plan.outputs.app1?.workloadIdentityClientIds as Record<string, string>;
    assert.equal(sa?.annotations?.["azure.workload.identity/client-id"], clientIds["ghr-build-example-api"]);
    assert.ok(clientIds["ghr-build-example-api"]);
  });
});
