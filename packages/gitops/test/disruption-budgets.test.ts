// biome-ignore-all lint/suspicious/noExplicitAny: the test walks rendered YAML and chart values as plain data.
/**
 * Every PodDisruptionBudget the platform renders or asks a chart for must allow at least one eviction with the
 * replicas it protects, or it blocks every node drain (AKS upgrades, Node Auto Provisioning consolidation):
 * https://kubernetes.io/docs/tasks/run-application/configure-pdb/ ("if you set minAvailable to the number of
 * replicas ... no voluntary evictions"). Over the whole deploy/ tree: PodDisruptionBudget objects against the
 * workloads they select (the HorizontalPodAutoscaler's minimum where one scales them), and the PDB values of
 * each chart against its replica values, read with the chart's defaults from its values.json at the pinned
 * version (../shared/upstream/charts/<chart>@<version>).
 */
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { test } from "node:test";
import { parse } from "yaml";
import { REPO } from "./helpers.ts";

const UPSTREAM = join(process.env.PLUGILO_UPSTREAM ?? join(REPO, "..", "shared", "upstream"), "charts");

const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? files(p) : p.endsWith(".yaml") ? [p] : [];
  });
const docs = files(join(REPO, "deploy")).map((file) => ({
  file: relative(REPO, file),
  doc: parse(readFileSync(file, "utf8")) as any,
}));

/** Evictions a budget allows with `replicas` healthy pods (integers or percentages, as the eviction API). */
export function allowedDisruptions(
  budget: { minAvailable?: number | string; maxUnavailable?: number | string },
  replicas: number,
): number {
  const count = (v: number | string, roundUp: boolean) =>
    typeof v === "number" ? v : (roundUp ? Math.ceil : Math.floor)((Number.parseInt(v, 10) / 100) * replicas);
  if (budget.maxUnavailable !== undefined && budget.maxUnavailable !== null) return count(budget.maxUnavailable, true);
  if (budget.minAvailable !== undefined && budget.minAvailable !== null) return replicas - count(budget.minAvailable, true);
  return replicas;
}

const get = (o: any, path: string) => path.split(".").reduce((v, k) => v?.[k], o);
const merge = (base: any, over: any): any =>
  over && typeof over === "object" && !Array.isArray(over) && base && typeof base === "object" && !Array.isArray(base)
    ? Object.fromEntries([...new Set([...Object.keys(base), ...Object.keys(over)])].map((k) => [k, merge(base[k], over[k])]))
    : over === undefined
      ? base
      : over;

interface ChartBudget {
  /** Values path of the budget (minAvailable / maxUnavailable under it). */
  budget: string;
  /** Whether the chart renders it, from the merged values. */
  rendered: (values: any) => boolean;
  /** Replicas it protects, from the merged values. */
  replicas: (values: any) => number;
}
const hasBudget = (path: string) => (v: any) =>
  get(v, `${path}.minAvailable`) != null || get(v, `${path}.maxUnavailable`) != null;
const enabled = (path: string) => (v: any) => get(v, `${path}.enabled`) === true;

/** Each chart's budget values and the replica values they protect (keys from the chart's values.json). */
const CHART_BUDGETS: Record<string, ChartBudget[]> = {
  keda: [
    {
      budget: "podDisruptionBudget.operator",
      rendered: hasBudget("podDisruptionBudget.operator"),
      replicas: (v) => v.operator.replicaCount,
    },
    {
      budget: "podDisruptionBudget.metricServer",
      rendered: hasBudget("podDisruptionBudget.metricServer"),
      replicas: (v) => v.metricsServer.replicaCount,
    },
    {
      budget: "podDisruptionBudget.webhooks",
      rendered: hasBudget("podDisruptionBudget.webhooks"),
      replicas: (v) => v.webhooks.replicaCount,
    },
  ],
  "cert-manager": ["", "webhook.", "cainjector."].map((p) => ({
    budget: `${p}podDisruptionBudget`,
    rendered: enabled(`${p}podDisruptionBudget`),
    replicas: (v: any) => get(v, `${p}replicaCount`),
  })),
  "external-secrets": ["", "webhook.", "certController."].map((p) => ({
    budget: `${p}podDisruptionBudget`,
    rendered: enabled(`${p}podDisruptionBudget`),
    replicas: (v: any) => get(v, `${p}replicaCount`),
  })),
  "argo-rollouts": ["controller", "dashboard"].map((c) => ({
    budget: `${c}.pdb`,
    rendered: (v: any) => enabled(`${c}.pdb`)(v) && (c !== "dashboard" || v.dashboard.enabled === true),
    replicas: (v: any) => get(v, `${c}.replicas`),
  })),
  istiod: [
    {
      budget: "pdb",
      rendered: (v) => v.global?.defaultPodDisruptionBudget?.enabled !== false,
      replicas: (v) => (v.autoscaleEnabled ? v.autoscaleMin : v.replicaCount),
    },
  ],
  gateway: [
    {
      budget: "podDisruptionBudget",
      rendered: hasBudget("podDisruptionBudget"),
      replicas: (v) => (v.autoscaling?.enabled ? v.autoscaling.minReplicas : (v.replicaCount ?? 1)),
    },
  ],
};

test("every chart's disruption budget leaves at least one eviction with the replicas it protects", () => {
  let checked = 0;
  for (const { file, doc } of docs) {
    if (doc?.kind !== "Application") continue;
    for (const source of doc.spec.sources ?? [doc.spec.source]) {
      const budgets = CHART_BUDGETS[source?.chart];
      if (!budgets) continue;
      const dir = join(UPSTREAM, `${source.chart}@${source.targetRevision}`);
      assert.ok(existsSync(dir), `${file}: no upstream values for ${source.chart}@${source.targetRevision}`);
      const values = merge(JSON.parse(readFileSync(join(dir, "values.json"), "utf8")), source.helm?.valuesObject ?? {});
      for (const b of budgets) {
        if (!b.rendered(values)) continue;
        const replicas = b.replicas(values);
        checked++;
        assert.ok(
          allowedDisruptions(get(values, b.budget), replicas) >= 1,
          `${file}: ${source.chart} ${b.budget} ${JSON.stringify(get(values, b.budget))} with ${replicas} replica(s) blocks every drain`,
        );
      }
    }
  }
  assert.ok(checked >= 3 * 2 * 5, `expected the budgets of every cluster, checked ${checked}`);
});

test("every PodDisruptionBudget object leaves at least one eviction with the pods it selects", () => {
  let checked = 0;
  const folder = (file: string) => file.split("/").slice(0, -1).join("/");
  for (const { file, doc } of docs) {
    if (doc?.kind !== "PodDisruptionBudget") continue;
    const selector = doc.spec.selector.matchLabels as Record<string, string>;
    const workloads = docs.filter(
      (d) =>
        folder(d.file) === folder(file) &&
        ["Deployment", "StatefulSet", "Rollout"].includes(d.doc?.kind) &&
        Object.entries(selector).every(([k, v]) => d.doc.spec.template?.metadata?.labels?.[k] === v),
    );
    assert.equal(workloads.length, 1, `${file}: selects ${workloads.length} workloads`);
    const workload = (workloads[0] as { doc: any }).doc;
    const hpa = docs.find(
      (d) =>
        folder(d.file) === folder(file) &&
        d.doc?.kind === "HorizontalPodAutoscaler" &&
        d.doc.spec.scaleTargetRef.name === workload.metadata.name,
    );
    const replicas = hpa ? (hpa.doc.spec.minReplicas ?? 1) : (workload.spec.replicas ?? 1);
    checked++;
    assert.ok(allowedDisruptions(doc.spec, replicas) >= 1, `${file}: blocks every drain with ${replicas} replica(s)`);
  }
  assert.ok(checked >= 6, `expected the services' budgets, checked ${checked}`);
});

test("the eviction arithmetic: a budget of minAvailable 1 over one replica allows none", () => {
  assert.equal(allowedDisruptions({ minAvailable: 1 }, 1), 0);
  assert.equal(allowedDisruptions({ minAvailable: 1 }, 2), 1);
  assert.equal(allowedDisruptions({ maxUnavailable: 1 }, 1), 1);
  assert.equal(allowedDisruptions({ minAvailable: "50%" }, 3), 1);
  assert.equal(allowedDisruptions({ maxUnavailable: "0%" }, 3), 0);
});
