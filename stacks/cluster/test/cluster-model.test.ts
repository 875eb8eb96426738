/**
 * The cluster data of the model that the GitOps layer renders: workload classes for Node Auto Provisioning
 * (current sizes only, a tainted GPU class on NCasT4_v3, spot only with burst: spot) and the workload
 * identities (namespace, ServiceAccount, identity, roles on resources the model names).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  GPU_SIZES,
  loadModel,
  retiredVmFamily,
  WORKLOAD_CLASS_LABEL,
  WORKLOAD_CLASSES,
  workloadClassesFor,
} from "@plugilo/model";

const prod = loadModel("prod");

describe("workload classes", () => {
  it("offers general purpose, memory-optimized, CPU-optimized, GPU and spot", () => {
    assert.deepEqual(
      WORKLOAD_CLASSES.map((c) => c.name),
      ["general-purpose", "memory-optimized", "cpu-optimized", "gpu", "spot"],
    );
  });

  it("puts GPU work on NVIDIA T4 (NCasT4_v3), never the retired NCv3, behind a taint", () => {
    const gpu = WORKLOAD_CLASSES.find((c) => c.name === "gpu");
    assert.deepEqual(gpu?.requirements[0]?.values, [...GPU_SIZES]);
    for (const size of GPU_SIZES) {
      assert.match(size, /^Standard_NC\d+as_T4_v3$/);
      assert.equal(retiredVmFamily(size), undefined);
    }
    assert.ok(!JSON.stringify(WORKLOAD_CLASSES).includes("NC6s_v3"));
    assert.deepEqual(gpu?.taints, [{ key: "nvidia.com/gpu", value: "present", effect: "NoSchedule" }]);
  });

  it("asks only for current generations: v5 or newer, F v6 for CPU-optimized", () => {
    const version = (name: string) =>
      WORKLOAD_CLASSES.find((c) => c.name === name)?.requirements.find((r) => r.key === "karpenter.azure.com/sku-version");
    for (const name of ["general-purpose", "memory-optimized", "spot"]) assert.deepEqual(version(name)?.values, ["4"]);
    assert.deepEqual(version("cpu-optimized")?.values, ["5"]);
  });

  it("resolves per cluster: a CPU budget per class, the class label, and spot only with NAP and burst: spot", () => {
    for (const c of prod.clusters) {
      assert.deepEqual(
        c.workloadClasses.map((w) => [w.name, w.cpuLimit, w.labels[WORKLOAD_CLASS_LABEL]]),
        [
          ["general-purpose", 256, "general-purpose"],
          ["memory-optimized", 102, "memory-optimized"],
          ["cpu-optimized", 102, "cpu-optimized"],
          ["gpu", 51, "gpu"],
          ["spot", 256, "spot"],
        ],
      );
      const spot = c.workloadClasses.find((w) => w.name === "spot");
      assert.equal(spot?.capacityType, "spot");
      assert.deepEqual(spot?.taints, [{ key: "kubernetes.azure.com/scalesetpriority", value: "spot", effect: "NoSchedule" }]);
    }
    assert.deepEqual(workloadClassesFor({ nodeProvisioning: "manual", burst: "virtual-nodes", maxProvisionedCpu: 64 }), []);
  });
});

describe("workload identities", () => {
  it("lists External Secrets Operator, the GitHub Actions runners and cert-manager with their roles", () => {
    const [app1] = prod.clusters;
    const byKey = Object.fromEntries((app1?.identities.workloads ?? []).map((w) => [w.key, w]));
    // prod has no build runners: no identity may push to the prod registry (only az acr import copies into it).
    assert.deepEqual(Object.keys(byKey), ["eso", "esosvc", "certmgr"]);
    // The stores' identities hold no vault-wide role: the cluster stack grants them one role per secret
    // their store's ExternalSecrets name (stacks/cluster/test/secret-access.test.ts).
    assert.deepEqual(byKey.eso?.roleAssignments, []);
    assert.equal(byKey.eso?.secretStore, "azure-key-vault");
    assert.deepEqual(byKey.esosvc?.roleAssignments, []);
    assert.equal(byKey.esosvc?.secretStore, "azure-key-vault-services");
    assert.equal(byKey.esosvc?.subject, "system:serviceaccount:external-secrets:external-secrets-services");
    const dev = loadModel("dev");
    // dev's build set pushes with its own identity: Container Registry Repository Writer under a condition on
    // the repository name (packages/model/test/registry-permissions.test.ts), never AcrPush.
    const build = dev.clusters[0]?.identities.workloads.find((w) => w.key === "ghr-build-example-api");
    assert.equal(build?.roleAssignments[0]?.scope, dev.containerRegistry.id);
    assert.equal(build?.roleAssignments[0]?.role, "Container Registry Repository Writer");
    assert.equal(build?.roleAssignments[0]?.roleDefinitionId.endsWith("/2a1e307c-b015-4ebd-883e-5b7698a07328"), true);
    assert.match(build?.roleAssignments[0]?.condition ?? "", /StringStartsWithIgnoreCase 'plugilo\/example-api\/'/);
    // DNS Zone Contributor (befefa01-2a29-4197-83a8-272ff33ce314) on the delegated challenge zone only, not the
    // domain's zone (https://cert-manager.io/docs/configuration/acme/dns01/#delegated-domains-for-dns01).
    assert.deepEqual(byKey.certmgr?.roleAssignments, [
      {
        role: "DNS Zone Contributor",
        scope:
          "/subscriptions/00000000-0000-0000-0003-000000000002/resourceGroups/rg-plugilo-hub-prod-gwc/providers/Microsoft.Network/dnsZones/acme.plugilo.example",
        roleDefinitionId:
          "/subscriptions/00000000-0000-0000-0003-000000000002/providers/Microsoft.Authorization/roleDefinitions/befefa01-2a29-4197-83a8-272ff33ce314",
      },
    ]);
    assert.equal(byKey.eso?.identityName, "id-plugilo-app1-prod-gwc-eso");
  });

  it("names identities per cluster, so each cluster federates its own", () => {
    const names = prod.clusters.flatMap((c) => c.identities.workloads.map((w) => w.identityName));
    assert.equal(new Set(names).size, names.length);
  });
});
