// biome-ignore-all lint/suspicious/noExplicitAny: the assertions walk rendered JSON, whose shape the schemas already checked.
/**
 * Must show: workload identity wiring to the identities of the Clusters issue. The cluster stack federates
 * each identity of cluster.identities.workloads with <namespace>/<serviceAccount> and creates that
 * ServiceAccount with the client ID; the rendered charts must use exactly it, never create their own, and
 * no rendered file may carry a client ID (a value only Azure knows).
 */
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { SERVICE_DATA_ACCESS } from "@plugilo/model";
import { ESO_IDENTITY } from "../src/addons/external-secrets.ts";
import { toYaml } from "../src/deploy-folder.ts";
import { WORKLOAD_IDENTITY_CLIENT_ID, WORKLOAD_IDENTITY_USE } from "../src/workload-identity.ts";
import { ENVIRONMENTS, find, json, objectsOf, type Rendered, renderAll } from "./helpers.ts";

let rendered: ReturnType<typeof renderAll>;
before(() => {
  rendered = renderAll();
});

/** Which rendered release uses which identity, and where its ServiceAccount and pod label are in the values. */
const USERS = {
  eso: { release: "external-secrets", sa: (v: any) => v.serviceAccount, podLabel: (_v: any) => undefined },
  certmgr: {
    release: "cert-manager",
    sa: (v: any) => v.serviceAccount,
    podLabel: (v: any) => v.podLabels?.[WORKLOAD_IDENTITY_USE],
  },
  "ghr-build-example-api": {
    // The only scale set with an identity: dev's build set for example-api (runner-scale-sets.ts).
    release: "arc-runners-build-example-api",
    sa: (v: any) => ({ create: false, name: v.template.spec.serviceAccountName }),
    podLabel: (v: any) => v.template.metadata.labels[WORKLOAD_IDENTITY_USE],
  },
} as const;

describe("every identity of the cluster is used by its workload, through the ServiceAccount the cluster stack makes", () => {
  for (const env of ENVIRONMENTS) {
    test(env, () => {
      const { model, clusters } = rendered[env] as Rendered;
      for (const c of clusters) {
        const cluster = model.clusters.find((x) => x.name === c.cluster);
        assert.ok(cluster && cluster.identities.workloads.length > 0);
        const releases = new Map(c.releases.map((r) => [r.release.name, r]));
        for (const identity of cluster.identities.workloads) {
          if (identity.secretStore && identity.key !== ESO_IDENTITY) {
            // A store's own identity: the operator requests its token for the store (serviceAccountRef).
            const store = json<{ spec: { provider: { azurekv: Record<string, any> } } }>(
              find(c, "ClusterSecretStore", identity.secretStore),
            );
            assert.deepEqual(store.spec.provider.azurekv.serviceAccountRef, {
              name: identity.serviceAccount,
              namespace: identity.namespace,
            });
            continue;
          }
          const user = USERS[identity.key as keyof typeof USERS];
          assert.ok(user, `identity ${identity.key} has no workload in the GitOps layer: add one or drop the identity`);
          const release = releases.get(user.release);
          if (!release) {
            // Only the runners are per cluster (first cluster by default).
            assert.equal(identity.key, "ghr-build-example-api", `${c.cluster}: ${user.release} is not rendered`);
            assert.equal(c.cluster, model.clusters[1]?.name);
            continue;
          }
          assert.equal(release.release.namespace, identity.namespace, `${user.release} runs in the identity's namespace`);
          assert.equal(release.release.workloadIdentity?.key, identity.key);
          assert.deepEqual(user.sa(release.values), { create: false, name: identity.serviceAccount });
          if (identity.key !== ESO_IDENTITY)
            assert.equal(user.podLabel(release.values), "true", `${user.release} pods get the federated token`);
        }
      }
    });
  }
});

test("the Key Vault store authenticates as the External Secrets identity's ServiceAccount", () => {
  for (const env of ENVIRONMENTS) {
    const { model, clusters } = rendered[env] as Rendered;
    for (const c of clusters) {
      const eso = model.clusters.find((x) => x.name === c.cluster)?.identities.workloads.find((w) => w.key === ESO_IDENTITY);
      const store = json<{ spec: { provider: { azurekv: Record<string, any> } } }>(
        find(c, "ClusterSecretStore", "azure-key-vault"),
      );
      assert.deepEqual(store.spec.provider.azurekv, {
        authType: "WorkloadIdentity",
        vaultUrl: model.keyVault.uri,
        tenantId: model.tenantId,
        serviceAccountRef: { name: eso?.serviceAccount, namespace: eso?.namespace },
      });
    }
  }
});

test("the services' store authenticates as its own ServiceAccount, not the platform store's", () => {
  for (const env of ENVIRONMENTS) {
    const { clusters } = rendered[env] as Rendered;
    for (const c of clusters) {
      const store = json<{ spec: { provider: { azurekv: Record<string, any> } } }>(
        find(c, "ClusterSecretStore", "azure-key-vault-services"),
      );
      // The identity "esosvc" (packages/model/src/cluster/cluster-identities.ts), created by the cluster stack.
      assert.deepEqual(store.spec.provider.azurekv.serviceAccountRef, {
        name: "external-secrets-services",
        namespace: "external-secrets",
      });
    }
  }
});

test("no rendered file creates an identity's ServiceAccount or namespace, or carries a client ID", () => {
  for (const env of ENVIRONMENTS) {
    const { model, clusters } = rendered[env] as Rendered;
    for (const c of clusters) {
      const identities = model.clusters.find((x) => x.name === c.cluster)?.identities.workloads ?? [];
      for (const sa of objectsOf(c, "ServiceAccount")) {
        assert.ok(
          !identities.some((w) => w.namespace === sa.metadata?.namespace && w.serviceAccount === sa.metadata?.name),
          `${sa.metadata?.name}`,
        );
      }
      const namespaces = objectsOf(c, "Namespace").map((n) => n.metadata?.name);
      for (const w of identities) assert.ok(!namespaces.includes(w.namespace), `namespace ${w.namespace} is the cluster stack's`);
      // Only the services' own identities (data stack, ADR 0161) are annotated in GitOps: their ServiceAccounts.
      const annotated = c.files.filter((f) => toYaml(f).includes(WORKLOAD_IDENTITY_CLIENT_ID)).map((f) => f.path);
      const services = model.data.mode === "managed" ? SERVICE_DATA_ACCESS : [];
      assert.deepEqual(
        annotated.map((p) => p.split("/").pop()),
        services.map((s) => `serviceaccount-${s.serviceAccount}.yaml`),
        `${env}/${c.cluster}: files carrying a client ID`,
      );
    }
  }
});
