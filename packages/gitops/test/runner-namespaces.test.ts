// biome-ignore-all lint/suspicious/noExplicitAny: the assertions walk rendered Helm values and objects.
/**
 * Each runner scale set in a namespace of its own, as rendered (docs/adr/0139). Sources, gha-runner-scale-set
 * and gha-runner-scale-set-controller 0.14.2 (actions/actions-runner-controller at gha-runner-scale-set-0.14.2):
 * - scale set values.yaml 431-432 and _helpers.tpl `gha-runner-scale-set.namespace`: every object of the release
 *   (runner pods, their ServiceAccount, the manager Role and RoleBinding) goes to `.Release.Namespace`, which
 *   Argo CD sets to the Application's destination namespace;
 * - scale set values.yaml 33-35: the pre-defined GitHub App secret is read from that same namespace;
 * - scale set values.yaml 421-429: `controllerServiceAccount` names the controller's ServiceAccount for the
 *   manager RoleBinding in the set's namespace;
 * - controller values.yaml 109-111: `flags.watchSingleNamespace` unset = the controller watches all namespaces;
 * - scale set templates kube_mode_role(_binding).yaml: a Role that creates pods only with containerMode
 *   `kubernetes` or `kubernetes-novolume`.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { RenderedCluster } from "../src/render.ts";
import { json, renderAll, valuesOf } from "./helpers.ts";

const rendered = renderAll();
const app1 = (env: keyof typeof rendered) => rendered[env].clusters.find((c) => c.cluster === "app1") as RenderedCluster;

const scaleSetApps = (c: RenderedCluster) =>
  c.files
    .map((f) => json<any>(f.object))
    .filter((o) => o.kind === "Application" && o.spec?.source?.chart === "gha-runner-scale-set");

/** Argo CD destination namespaces are globs; the platform project uses `*` or exact names. */
const admits = (pattern: string, ns: string) =>
  new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`).test(ns);

describe("runner namespaces", () => {
  it("releases each scale set into its own namespace arc-<set>", () => {
    const destinations = (env: keyof typeof rendered) =>
      Object.fromEntries(scaleSetApps(app1(env)).map((a) => [a.metadata.name, a.spec.destination.namespace]));
    assert.deepEqual(destinations("dev"), {
      "arc-runners-build-example-api": "arc-build-example-api",
      "arc-runners-linux": "arc-linux",
      "arc-runners-preview": "arc-preview",
    });
    assert.deepEqual(destinations("staging"), { "arc-runners-linux": "arc-linux", "arc-runners-preview": "arc-preview" });
    assert.deepEqual(destinations("prod"), { "arc-runners-linux": "arc-linux" });
  });

  it("never puts two scale sets in one namespace, nor one in the controller's", () => {
    for (const env of ["dev", "staging", "prod"] as const) {
      const namespaces = scaleSetApps(app1(env)).map((a) => a.spec.destination.namespace);
      assert.equal(new Set(namespaces).size, namespaces.length, `${env}: ${namespaces.join(", ")}`);
      assert.ok(!namespaces.includes("arc-system"), env);
    }
  });

  it("runs dev's build set's pods as its own ServiceAccount, with the workload identity label", () => {
    const v = valuesOf(app1("dev"), "arc-runners-build-example-api");
    assert.equal(v.template.spec.serviceAccountName, "arc-runner-build-example-api");
    assert.equal(v.template.metadata.labels["azure.workload.identity/use"], "true");
    // Deploy and preview sets have no Azure identity: the chart's no-permission ServiceAccount.
    for (const set of ["arc-runners-linux", "arc-runners-preview"])
      assert.equal(valuesOf(app1("dev"), set).template.spec.serviceAccountName, undefined, set);
  });

  it("gives every set's namespace its GitHub App secret from Key Vault, through the platform store", () => {
    for (const env of ["dev", "staging", "prod"] as const) {
      const c = app1(env);
      const objects = c.files.map((f) => json<any>(f.object));
      const secrets = objects
        .filter((o) => o.kind === "ExternalSecret" && o.metadata.name === "github-app")
        .map((o) => o.metadata.namespace)
        .sort();
      const namespaces = scaleSetApps(c)
        .map((a) => a.spec.destination.namespace)
        .sort();
      assert.deepEqual(secrets, namespaces, env);
      const store = objects.find((o) => o.kind === "ClusterSecretStore" && o.metadata.name === "azure-key-vault");
      const allowed: string[] = store.spec.conditions.flatMap((k: any) => k.namespaces);
      for (const ns of namespaces) assert.ok(allowed.includes(ns), `${env}: the platform store serves ${ns}`);
    }
  });

  it("lets the controller watch every namespace and manage each set through its manager RoleBinding", () => {
    const controller = valuesOf(app1("dev"), "arc-controller");
    assert.equal(controller.flags?.watchSingleNamespace, undefined);
    for (const a of scaleSetApps(app1("dev")))
      assert.deepEqual(a.spec.source.helm.valuesObject.controllerServiceAccount, {
        namespace: "arc-system",
        name: "arc-controller",
      });
  });

  it("lets the platform project deploy into each runner namespace", () => {
    for (const env of ["dev", "staging", "prod"] as const) {
      const c = app1(env);
      const project = c.files
        .map((f) => json<any>(f.object))
        .find((o) => o.kind === "AppProject" && o.metadata.name === "platform");
      for (const a of scaleSetApps(c)) {
        assert.equal(a.spec.project, "platform");
        assert.ok(
          project.spec.destinations.some(
            (d: any) => d.server === a.spec.destination.server && admits(d.namespace, a.spec.destination.namespace),
          ),
          `${env}: ${a.spec.destination.namespace}`,
        );
      }
    }
  });

  it("denies by default: no kubernetes container mode, no rendered RBAC for or in a runner namespace", () => {
    for (const env of ["dev", "staging", "prod"] as const) {
      for (const c of rendered[env].clusters) {
        const runnerNamespaces = new Set(scaleSetApps(c).map((a) => a.spec.destination.namespace));
        for (const a of scaleSetApps(c))
          assert.equal(a.spec.source.helm.valuesObject.containerMode, undefined, `${env}: ${a.metadata.name}`);
        for (const o of c.files.map((f) => json<any>(f.object))) {
          if (!["Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding"].includes(o.kind)) continue;
          assert.ok(!runnerNamespaces.has(o.metadata.namespace), `${env}: ${o.kind} ${o.metadata.name} in a runner namespace`);
          for (const s of o.subjects ?? [])
            assert.ok(!runnerNamespaces.has(s.namespace), `${env}: ${o.kind} ${o.metadata.name} binds ${s.namespace}/${s.name}`);
        }
      }
    }
  });
});
