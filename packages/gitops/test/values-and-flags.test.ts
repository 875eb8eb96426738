/** Must show: value layering (add-on default -> environment -> cluster) and add-on flags per cluster. */
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { renderCluster } from "../src/render.ts";
import { layerValues, mergeValues } from "../src/values.ts";
import { ENVIRONMENTS, modelWith, objectsOf, type Rendered, renderAll, valuesOf } from "./helpers.ts";

let rendered: ReturnType<typeof renderAll>;
before(() => {
  rendered = renderAll();
});

describe("mergeValues", () => {
  test("mappings merge key by key, the later layer wins, lists and scalars are replaced whole", () => {
    const merged = mergeValues({ a: { b: 1, c: [1, 2] }, d: "x" }, { a: { c: [3] }, d: "y", e: true });
    assert.deepEqual(merged, { a: { b: 1, c: [3] }, d: "y", e: true });
  });
  test("null removes a key, as in Helm", () => {
    assert.deepEqual(mergeValues({ a: 1, b: 2 }, { a: null }), { b: 2 });
  });
  test("the layers are not changed", () => {
    const base = { a: { b: 1 } };
    layerValues(base, { a: { b: 2 } });
    assert.deepEqual(base, { a: { b: 1 } });
  });
});

describe("values layered default -> environment -> cluster", () => {
  // istiod's default autoscaleMin is one per zone (3 in germanywestcentral, 2 in germanynorth).
  const layered = () =>
    modelWith("prod", (config) => {
      config.gitops.addons.istio = { values: { istiod: { autoscaleMin: 5, meshConfig: { accessLogFile: "" } } } };
      (config.clusters[1] as (typeof config.clusters)[number]).addons = { istio: { values: { istiod: { autoscaleMin: 7 } } } };
    });
  test("the environment overrides the default; the cluster overrides the environment; untouched defaults stay", () => {
    const model = layered();
    const app1 = valuesOf(renderCluster(model, "app1"), "istiod");
    const app2 = valuesOf(renderCluster(model, "app2"), "istiod");
    assert.equal(app1.autoscaleMin, 5, "environment layer");
    assert.equal(app2.autoscaleMin, 7, "cluster layer");
    for (const v of [app1, app2]) {
      assert.equal(v.meshConfig.accessLogFile, "", "environment layer, nested key");
      assert.equal(v.meshConfig.enablePrometheusMerge, true, "default kept beside the environment's key");
      assert.deepEqual(v.pdb, { minAvailable: 1 }, "default kept");
    }
  });
  test("without layers, the defaults come from the model (one istiod per zone, at least two)", () => {
    const prod = rendered.prod as Rendered;
    assert.equal(valuesOf(prod.clusters[0] as never, "istiod").autoscaleMin, 3);
    assert.equal(valuesOf(prod.clusters[1] as never, "istiod").autoscaleMin, 2);
  });
  test("the environment files' own layers arrive (dev: one External Secrets replica)", () => {
    const dev = rendered.dev as Rendered;
    for (const c of dev.clusters) {
      const v = valuesOf(c, "external-secrets");
      assert.equal(v.replicaCount, 1);
      assert.equal(v.podDisruptionBudget.enabled, false);
      assert.equal(v.installCRDs, true, "default kept");
    }
    for (const c of (rendered.prod as Rendered).clusters) assert.equal(valuesOf(c, "external-secrets").replicaCount, 2);
  });
  test("no layer can point a chart at another ServiceAccount than its workload identity's", () => {
    const model = modelWith("prod", (config) => {
      config.gitops.addons["external-secrets"] = {
        values: { "external-secrets": { serviceAccount: { create: true, name: "mine" } } },
      };
    });
    const v = valuesOf(renderCluster(model, "app1"), "external-secrets");
    assert.deepEqual(v.serviceAccount, { create: false, name: "external-secrets" });
  });
});

describe("add-on flags per cluster", () => {
  const apps = (r: Rendered, i: number) =>
    objectsOf(r.clusters[i] as never, "Application").map((a) => a.metadata?.name as string);
  test("the runners run in the first cluster only (default), everything else in both", () => {
    for (const env of ENVIRONMENTS) {
      const r = rendered[env] as Rendered;
      assert.ok(apps(r, 0).includes("arc-controller"), `${env}/app1`);
      assert.ok(!apps(r, 1).includes("arc-controller"), `${env}/app2`);
      const common = apps(r, 0).filter((a) => !a.startsWith("arc-"));
      assert.deepEqual(common, apps(r, 1), `${env}: the same add-ons otherwise`);
    }
  });
  test("Tailscale only where access is Tailscale; PgBouncer settings only with managed data; operators only in-cluster; ILM everywhere", () => {
    const has = (env: (typeof ENVIRONMENTS)[number], name: string) =>
      (rendered[env] as Rendered).clusters.every((_, i) => apps(rendered[env] as Rendered, i).includes(name));
    const none = (env: (typeof ENVIRONMENTS)[number], name: string) =>
      (rendered[env] as Rendered).clusters.every((_, i) => !apps(rendered[env] as Rendered, i).includes(name));
    assert.ok(has("dev", "tailscale-operator") && has("staging", "tailscale-operator") && none("prod", "tailscale-operator"));
    // postgresql-connection has no Helm release (the pooler is the server's own, docs/adr/0060): its flag decides.
    const flag = (env: (typeof ENVIRONMENTS)[number], name: "postgresql-connection" | "elasticsearch-ilm") =>
      (rendered[env] as Rendered).model.gitops.clusters.map((c) => c.addons[name].enabled);
    assert.deepEqual(
      [flag("dev", "postgresql-connection"), flag("staging", "postgresql-connection"), flag("prod", "postgresql-connection")],
      [
        [false, false],
        [true, true],
        [true, true],
      ],
    );
    for (const env of ENVIRONMENTS) assert.deepEqual(flag(env, "elasticsearch-ilm"), [true, true], env);
    assert.ok(has("dev", "cloudnative-pg") && none("staging", "cloudnative-pg") && none("prod", "cloudnative-pg"));
  });
  test("a cluster flag turns an add-on off in that cluster only, and its files disappear", () => {
    // KEDA: nothing else depends on it (Reflector would be refused in prod, where the PgBouncer settings need it).
    const model = modelWith("prod", (config) => {
      (config.clusters[1] as (typeof config.clusters)[number]).addons = { keda: { enabled: false } };
    });
    assert.equal(model.gitops.clusters[1]?.addons.keda.decidedBy, "cluster");
    const app1 = renderCluster(model, "app1");
    const app2 = renderCluster(model, "app2");
    assert.ok(app1.files.some((f) => f.path.includes("/addons/keda/")));
    assert.ok(!app2.files.some((f) => f.path.includes("/addons/keda/")));
  });
  test("an environment flag turns an add-on on for every cluster, a cluster flag can still turn it off", () => {
    const model = modelWith("prod", (config) => {
      config.gitops.addons["actions-runner-controller"] = { enabled: true };
      (config.clusters[0] as (typeof config.clusters)[number]).addons = { "actions-runner-controller": { enabled: false } };
    });
    assert.deepEqual(
      model.gitops.clusters.map((c) => [
        c.addons["actions-runner-controller"].enabled,
        c.addons["actions-runner-controller"].decidedBy,
      ]),
      [
        [false, "cluster"],
        [true, "environment"],
      ],
    );
  });
});
