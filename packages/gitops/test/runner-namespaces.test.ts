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
 * The build sets' one Role: what docker/buildx driver/kubernetes does with the runner's ServiceAccount in the
 * `driver-opts: namespace=` it is given (Bootstrap/Rm: the BuildKit Deployment and the buildkitd ConfigMaps; the
 * pod chooser: get/list of the Deployment's pods; the connection: `buildctl dial-stdio` through pods/exec,
 * execconn.ExecConn). https://docs.docker.com/build/builders/drivers/kubernetes/
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Role } from "kubernetes-models/rbac.authorization.k8s.io/v1/Role";
import type { RenderedCluster } from "../src/render.ts";
import { renderCluster } from "../src/render.ts";
import { json, modelWith, renderAll, valuesOf } from "./helpers.ts";

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

  it("denies by default: no kubernetes container mode; RBAC in a runner namespace only for a build set's driver", () => {
    for (const env of ["dev", "staging", "prod"] as const) {
      for (const c of rendered[env].clusters) {
        const runnerNamespaces = new Set(scaleSetApps(c).map((a) => a.spec.destination.namespace));
        for (const a of scaleSetApps(c))
          assert.equal(a.spec.source.helm.valuesObject.containerMode, undefined, `${env}: ${a.metadata.name}`);
        const inRunnerNamespaces: string[] = [];
        for (const o of c.files.map((f) => json<any>(f.object))) {
          if (!["Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding"].includes(o.kind)) continue;
          const bound = (o.subjects ?? []).filter((s: any) => runnerNamespaces.has(s.namespace));
          if (runnerNamespaces.has(o.metadata.namespace) || bound.length)
            inRunnerNamespaces.push(`${o.kind} ${o.metadata.namespace}/${o.metadata.name}`);
        }
        const expected =
          env === "dev" && c.cluster === "app1"
            ? [
                "Role arc-build-example-api/buildx-kubernetes-driver",
                "RoleBinding arc-build-example-api/buildx-kubernetes-driver",
              ]
            : [];
        assert.deepEqual(inRunnerNamespaces.sort(), expected, `${env}/${c.cluster}`);
      }
    }
  });

  /** The Buildx kubernetes driver's rights, literally: a new verb or resource fails here. */
  const DRIVER_RULES = [
    { apiGroups: ["apps"], resources: ["deployments"], verbs: ["get", "list", "watch", "create", "update", "patch", "delete"] },
    { apiGroups: [""], resources: ["configmaps"], verbs: ["get", "create", "update", "delete"] },
    { apiGroups: [""], resources: ["pods"], verbs: ["get", "list", "watch"] },
    { apiGroups: [""], resources: ["pods/exec"], verbs: ["create"] },
  ];

  const rbacOf = (c: RenderedCluster) =>
    c.files
      .map((f) => json<any>(f.object))
      .filter((o) => ["Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding"].includes(o.kind));

  it("gives each build set exactly the driver's Role, bound to its own runner ServiceAccount only", () => {
    // dev with a second build set: each namespace's binding names that namespace's ServiceAccount, no other.
    const model = modelWith("dev", (config) => {
      config.gitops.runners.scaleSets.push({
        name: "build-web",
        purpose: "build",
        repository: "web",
        minRunners: 0,
        maxRunners: 2,
      });
    });
    const c = renderCluster(model, "app1");
    const rbac = rbacOf(c);
    for (const set of ["build-example-api", "build-web"]) {
      const ns = `arc-${set}`;
      const here = rbac.filter((o) => o.metadata.namespace === ns);
      assert.deepEqual(here.map((o) => o.kind).sort(), ["Role", "RoleBinding"], ns);
      const role = here.find((o) => o.kind === "Role");
      const binding = here.find((o) => o.kind === "RoleBinding");
      assert.equal(role.apiVersion, "rbac.authorization.k8s.io/v1");
      assert.deepEqual(role.rules, DRIVER_RULES, ns);
      assert.deepEqual(binding.roleRef, { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: role.metadata.name });
      assert.deepEqual(binding.subjects, [{ kind: "ServiceAccount", name: `arc-runner-${set}`, namespace: ns }], ns);
    }
    // Deploy and preview sets: no RBAC at all; nothing cluster-wide names a runner namespace.
    for (const ns of ["arc-linux", "arc-preview"])
      assert.deepEqual(
        rbac.filter((o) => o.metadata.namespace === ns),
        [],
        ns,
      );
    for (const o of rbac.filter((o) => o.kind.startsWith("Cluster")))
      for (const s of o.subjects ?? [])
        assert.ok(!String(s.namespace ?? "").startsWith("arc-"), `${o.metadata.name} binds ${s.namespace}`);
  });

  it("binds the ServiceAccount the cluster stack makes for the build set's identity", () => {
    const c = app1("dev");
    const identity = rendered.dev.model.clusters
      .find((k) => k.name === "app1")
      ?.identities.workloads.find((w) => w.key === "ghr-build-example-api");
    assert.deepEqual(
      { namespace: identity?.namespace, serviceAccount: identity?.serviceAccount },
      { namespace: "arc-build-example-api", serviceAccount: "arc-runner-build-example-api" },
    );
    const binding = rbacOf(c).find((o) => o.kind === "RoleBinding" && o.metadata.namespace === "arc-build-example-api");
    assert.deepEqual(binding.subjects, [
      { kind: "ServiceAccount", name: "arc-runner-build-example-api", namespace: "arc-build-example-api" },
    ]);
    // The runner pods run as that ServiceAccount (Helm values), so the job's buildx gets exactly these rights.
    assert.equal(valuesOf(c, "arc-runners-build-example-api").template.spec.serviceAccountName, "arc-runner-build-example-api");
  });

  it("applies the RBAC no later than the build set's runners, and checks it against the Kubernetes schema", () => {
    const c = app1("dev");
    const files = c.files.filter((f) => f.object.kind === "Role" || f.object.kind === "RoleBinding");
    assert.equal(files.length, 2);
    const runners = scaleSetApps(c).find((a) => a.metadata.name === "arc-runners-build-example-api");
    const wave = (o: any) => Number(o.metadata.annotations["argocd.argoproj.io/sync-wave"]);
    for (const f of files) {
      assert.ok(wave(json<any>(f.object)) < wave(runners), f.path);
      f.object.validate();
    }
    // The same schema rejects a rule without verbs: the render's check is real for these kinds.
    assert.throws(() =>
      new Role({
        metadata: { name: "x", namespace: "arc-x" },
        rules: [{ apiGroups: [""], resources: ["pods"] } as any],
      }).validate(),
    );
  });

  it("lets the platform project hold Role and RoleBinding in runner namespaces", () => {
    const project = rendered.dev.clusters
      .find((k) => k.cluster === "app1")
      ?.files.map((f) => json<any>(f.object))
      .find((o) => o.kind === "AppProject" && o.metadata.name === "platform");
    // Argo CD: without namespaceResourceWhitelist every namespaced kind is allowed unless blacklisted. (The root
    // Application applies these files, under its own project: stacks/cluster/test/argocd-access.test.ts.)
    assert.equal(project.spec.namespaceResourceWhitelist, undefined);
    for (const kind of ["Role", "RoleBinding"])
      assert.ok(!(project.spec.namespaceResourceBlacklist ?? []).some((k: any) => k.kind === kind || k.kind === "*"), kind);
  });
});
