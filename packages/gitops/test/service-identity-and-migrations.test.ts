// biome-ignore-all lint/suspicious/noExplicitAny: the assertions walk rendered JSON, whose shape the schemas already checked.
/**
 * The reference service's identity and migration in the rendered manifests. Literal keys from
 * https://learn.microsoft.com/azure/aks/workload-identity-overview (ServiceAccount annotation
 * azure.workload.identity/client-id, pod label azure.workload.identity/use: "true") and
 * https://argo-cd.readthedocs.io/en/stable/user-guide/resource_hooks/ (argocd.argoproj.io/hook: Sync,
 * hook-delete-policy BeforeHookCreation); the order of the waves: service-sync-order.test.ts.
 */
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import type { EnvironmentModel } from "@plugilo/model";
import { clusterContext } from "../src/context.ts";
import { renderPlugiloService } from "../src/plugilo-service.ts";
import { exampleApi } from "../src/services/example-api.ts";
import { json, renderAll } from "./helpers.ts";

let prod: EnvironmentModel;
let dev: EnvironmentModel;
before(() => {
  const all = renderAll();
  prod = all.prod.model;
  dev = all.dev.model;
});

const render = (model: EnvironmentModel, cluster: string) => {
  const ctx = clusterContext(model, cluster);
  const s = renderPlugiloService(ctx, exampleApi(model, ctx));
  const find = (kind: string, name: string): any => {
    const o = s.objects.find((x) => x.kind === kind && x.metadata?.name === name);
    assert.ok(o, `no ${kind} ${name}`);
    return json(o);
  };
  return { s, find };
};

describe("example-api in production: Entra ID for PostgreSQL and Redis, no password", () => {
  test("its own ServiceAccount carries the workload identity client ID; the pods are labelled to use it", () => {
    const { find } = render(prod, "app1");
    const sa = find("ServiceAccount", "example-api");
    assert.match(sa.metadata.annotations["azure.workload.identity/client-id"], /^[0-9a-f-]{36}$/);
    const pod = find("Rollout", "example-api").spec.template;
    assert.equal(pod.metadata.labels["azure.workload.identity/use"], "true");
    assert.equal(pod.spec.serviceAccountName, "example-api");
    assert.equal(pod.spec.automountServiceAccountToken, true, "the projected token needs the mount");
  });

  test("configuration: PgBouncer on 6432 with TLS, Redis on 10000 with TLS, Entra auth; no secret, no password", () => {
    const { s, find } = render(prod, "app1");
    const data = find("ConfigMap", "example-api-config").data;
    assert.equal(data.DATABASE_PORT, "6432");
    assert.equal(data.DATABASE_AUTH, "entra");
    assert.equal(data.DATABASE_SSL, "true");
    assert.match(data.DATABASE_HOST, /\.postgres\.database\.azure\.com$/);
    assert.equal(data.REDIS_PORT, "10000");
    assert.equal(data.REDIS_AUTH, "entra");
    assert.equal(data.REDIS_TLS, "true");
    assert.ok(!s.objects.some((o) => o.kind === "ExternalSecret"), "no secret to fetch");
    assert.ok(!JSON.stringify(s.objects.map(json)).match(/PASSWORD|DATABASE_URL/), "no password anywhere");
  });

  test("each cluster talks to its own region's Redis", () => {
    const a = render(prod, "app1").find("ConfigMap", "example-api-config").data.REDIS_HOST;
    const b = render(prod, "app2").find("ConfigMap", "example-api-config").data.REDIS_HOST;
    assert.match(a, /\.germanywestcentral\.redis\.azure\.net$/);
    assert.match(b, /\.germanynorth\.redis\.azure\.net$/);
  });

  test("the migration is an Argo CD Sync hook Job from the same image, as the same identity, direct to 5432", () => {
    const { find } = render(prod, "app1");
    const job = find("Job", "example-api-migrate");
    const rollout = find("Rollout", "example-api");
    assert.equal(job.metadata.annotations["argocd.argoproj.io/hook"], "Sync");
    assert.equal(job.metadata.annotations["argocd.argoproj.io/hook-delete-policy"], "BeforeHookCreation");
    const c = job.spec.template.spec.containers[0];
    assert.equal(c.image, rollout.spec.template.spec.containers[0].image);
    assert.deepEqual(c.args, ["migrate"]);
    assert.equal(job.spec.template.spec.serviceAccountName, "example-api");
    assert.equal(job.spec.template.metadata.labels["azure.workload.identity/use"], "true");
    assert.equal(job.spec.template.spec.restartPolicy, "Never");
    const env = Object.fromEntries(c.env.map((e: any) => [e.name, e.value]));
    assert.equal(env.DATABASE_PORT, "5432", "not through transaction pooling: the migration takes an advisory lock");
    assert.equal(env.DATABASE_AUTH, "entra");
    assert.equal(c.envFrom, undefined, "values inline: the Job does not wait for the ConfigMap");
    assert.equal(job.spec.template.metadata.annotations["sidecar.istio.io/inject"], "false");
    assert.equal(job.spec.template.metadata.annotations["openfeature.dev/enabled"], undefined, "no flagd sidecar in a Job");
    assert.equal(c.readinessProbe, undefined);
  });
});

describe("example-api in dev: in-cluster databases", () => {
  test("no workload identity (no Azure data service), no Key Vault secret, still a migration Job", () => {
    const { s, find } = render(dev, "app1");
    const sa = find("ServiceAccount", "example-api");
    assert.equal(sa.metadata.annotations?.["azure.workload.identity/client-id"], undefined);
    assert.ok(!s.objects.some((o) => o.kind === "ExternalSecret"), "the operators' Secrets, not Key Vault (dev-connection test)");
    find("Job", "example-api-migrate");
  });
});

test("a client ID that is not a GUID is refused with the service's name", () => {
  const ctx = clusterContext(prod, "app1");
  assert.throws(
    () => renderPlugiloService(ctx, { ...exampleApi(prod, ctx), workloadIdentity: { clientId: "not-a-guid" } }),
    /service example-api: workloadIdentity.clientId "not-a-guid" is not a GUID/,
  );
});
