// biome-ignore-all lint/suspicious/noExplicitAny: the assertions walk rendered JSON, whose shape the schemas already checked.
/**
 * The order Argo CD applies a service's objects in, read from the rendered files' annotations as Argo CD reads
 * them. https://argo-cd.readthedocs.io/en/stable/user-guide/sync-waves/ : phases run PreSync, then Sync, then
 * PostSync ("PreSync: executes prior to the application of the manifests"); within a phase, hooks and resources
 * go by the wave `argocd.argoproj.io/sync-wave` (default "0", lower first), and the next wave starts when the
 * current one is synced and healthy. A resource without `argocd.argoproj.io/hook` is in the Sync phase.
 * So on a brand-new service's first sync, the migration Job can use the ServiceAccount only if both are in the
 * Sync phase with the ServiceAccount's wave lower than the Job's, and the workload's higher.
 */
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import type { RenderedCluster } from "../src/render.ts";
import { json, renderAll } from "./helpers.ts";

let clusters: RenderedCluster[];
before(() => {
  const all = renderAll();
  clusters = [...all.dev.clusters, ...all.staging.clusters, ...all.prod.clusters];
});

const PHASES = ["PreSync", "Sync", "PostSync"];

/** [phase index, wave] as Argo CD orders a resource. */
function position(o: any): [number, number] {
  const a = o.metadata.annotations ?? {};
  const hook: string | undefined = a["argocd.argoproj.io/hook"];
  const phase = hook === undefined ? 1 : PHASES.indexOf(hook);
  assert.ok(phase >= 0, `${o.kind} ${o.metadata.name}: hook ${hook} is not a sync phase`);
  return [phase, Number(a["argocd.argoproj.io/sync-wave"] ?? "0")];
}
const before_ = (a: [number, number], b: [number, number]) => a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);

function serviceObjects(c: RenderedCluster, name: string): any[] {
  return c.files
    .filter((f) => f.path.startsWith(`deploy/${c.environment}/services/${c.cluster}/${name}/`))
    .map((f) => json(f.object));
}
const one = (objects: any[], kind: string, name: string) => {
  const o = objects.find((x) => x.kind === kind && x.metadata.name === name);
  assert.ok(o, `no ${kind} ${name}`);
  return o;
};

describe("example-api: ServiceAccount, then migration, then workload, in every cluster", () => {
  test("literal annotations: ServiceAccount wave -2, Job a Sync hook in wave -1 replaced before each run, workload wave 1", () => {
    for (const c of clusters) {
      const objects = serviceObjects(c, "example-api");
      const where = `${c.environment}/${c.cluster}`;
      const sa = one(objects, "ServiceAccount", "example-api");
      const job = one(objects, "Job", "example-api-migrate");
      const workload = objects.find(
        (o) => (o.kind === "Rollout" || o.kind === "Deployment") && o.metadata.name === "example-api",
      );
      assert.ok(workload, `${where}: no workload`);
      assert.equal(sa.metadata.annotations["argocd.argoproj.io/sync-wave"], "-2", where);
      assert.equal(
        sa.metadata.annotations["argocd.argoproj.io/hook"],
        undefined,
        `${where}: the ServiceAccount is a resource, not a hook`,
      );
      assert.equal(job.metadata.annotations["argocd.argoproj.io/hook"], "Sync", where);
      assert.equal(job.metadata.annotations["argocd.argoproj.io/sync-wave"], "-1", where);
      assert.equal(job.metadata.annotations["argocd.argoproj.io/hook-delete-policy"], "BeforeHookCreation", where);
      assert.equal(workload.metadata.annotations["argocd.argoproj.io/sync-wave"], "1", where);
      assert.equal(job.spec.template.spec.serviceAccountName, sa.metadata.name, where);
    }
  });

  test("by Argo CD's ordering: the ServiceAccount and every Secret the Job reads come before it, every other object after", () => {
    for (const c of clusters) {
      const objects = serviceObjects(c, "example-api");
      const where = `${c.environment}/${c.cluster}`;
      const job = one(objects, "Job", "example-api-migrate");
      const jobAt = position(job);
      assert.ok(
        before_(position(one(objects, "ServiceAccount", "example-api")), jobAt),
        `${where}: ServiceAccount after the Job`,
      );
      const secretsRead = new Set<string>(
        job.spec.template.spec.containers
          .flatMap((k: any) => (k.env ?? []).map((e: any) => e.valueFrom?.secretKeyRef?.name))
          .filter(Boolean),
      );
      for (const name of secretsRead) {
        // The Secret itself (mirrored) or the ExternalSecret that writes it.
        const source = objects.find((o) => (o.kind === "Secret" || o.kind === "ExternalSecret") && o.metadata.name === name);
        assert.ok(source, `${where}: the Job reads Secret ${name}, which the service does not render`);
        assert.ok(before_(position(source), jobAt), `${where}: ${source.kind} ${name} is not before the Job`);
      }
      for (const o of objects.filter((x) => ["Rollout", "Deployment", "Service", "HorizontalPodAutoscaler"].includes(x.kind)))
        assert.ok(before_(jobAt, position(o)), `${where}: ${o.kind} ${o.metadata.name} is not after the Job`);
      assert.ok(
        !objects.some((o) => position(o)[0] === 0),
        `${where}: nothing in PreSync (it would run before the ServiceAccount)`,
      );
    }
  });

  test("the check fails on the old order: a PreSync migration comes before a ServiceAccount of any wave", () => {
    const sa = { kind: "ServiceAccount", metadata: { name: "x", annotations: { "argocd.argoproj.io/sync-wave": "-100" } } };
    const presync = { kind: "Job", metadata: { name: "m", annotations: { "argocd.argoproj.io/hook": "PreSync" } } };
    assert.equal(before_(position(sa), position(presync)), false);
    assert.equal(before_(position(presync), position(sa)), true);
  });
});
