// biome-ignore-all lint/suspicious/noExplicitAny: the assertions walk rendered JSON, whose shape the schemas already checked.
/** The golden path: canary weights, blue-green, scaling, spread, identity, security, node class. */
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import type { EnvironmentModel } from "@plugilo/model";
import { type ClusterContext, clusterContext } from "../src/context.ts";
import { CANARY_WEIGHTS, type PlugiloServiceSpec, type RenderedService, renderPlugiloService } from "../src/plugilo-service.ts";
import { exampleApi } from "../src/services/example-api.ts";
import { json, renderAll } from "./helpers.ts";

let prod: EnvironmentModel;
let gwc: ClusterContext;
let gn: ClusterContext;
before(() => {
  prod = renderAll().prod.model;
  gwc = clusterContext(prod, "app1");
  gn = clusterContext(prod, "app2");
});

const base = (): PlugiloServiceSpec => ({
  name: "orders",
  team: "checkout",
  sourceRepository: "plugilo/orders",
  image: { repository: "plugilo/orders", digest: `sha256:${"ab".repeat(32)}`, tag: "2.3.1" },
  port: 8080,
  replicas: { min: 3, max: 12 },
  scaling: { kind: "hpa", cpuUtilization: 60 },
  resources: { cpu: "500m", memory: "512Mi" },
  probes: { readinessPath: "/ready", livenessPath: "/healthz" },
});

function get(s: RenderedService, kind: string, name = s.name): any {
  const found = s.objects.find((o) => o.kind === kind && o.metadata?.name === name);
  assert.ok(found, `${s.name}: no ${kind} ${name}`);
  return json(found);
}
const has = (s: RenderedService, kind: string) => s.objects.some((o) => o.kind === kind);

describe("canary (the default): 10% -> 50% -> 100% through Istio weights", () => {
  test("the Rollout's steps set the design's weights, pausing between them", () => {
    const s = renderPlugiloService(gwc, base());
    const rollout = get(s, "Rollout");
    const weights = rollout.spec.strategy.canary.steps.filter((x: any) => x.setWeight !== undefined).map((x: any) => x.setWeight);
    assert.deepEqual(weights, [...CANARY_WEIGHTS]);
    assert.deepEqual(weights, [10, 50, 100]);
    assert.equal(rollout.spec.strategy.canary.steps.filter((x: any) => x.pause).length, 2);
    assert.ok(!has(s, "Deployment"));
  });
  test("the Rollout drives the VirtualService route and the DestinationRule subsets it renders", () => {
    const s = renderPlugiloService(gwc, base());
    const istio = get(s, "Rollout").spec.strategy.canary.trafficRouting.istio;
    const vs = get(s, "VirtualService", istio.virtualService.name);
    const dr = get(s, "DestinationRule", istio.destinationRule.name);
    const route = vs.spec.http.find((r: any) => r.name === istio.virtualService.routes[0]);
    assert.deepEqual(
      route.route.map((r: any) => [r.destination.subset, r.weight]),
      [
        [istio.destinationRule.stableSubsetName, 100],
        [istio.destinationRule.canarySubsetName, 0],
      ],
      "all traffic on stable until a rollout moves it",
    );
    assert.deepEqual(dr.spec.subsets.map((x: any) => x.name).sort(), ["canary", "stable"]);
    assert.equal(dr.spec.host, "orders.orders.svc.cluster.local");
  });
});

describe("blue-green for critical services", () => {
  test("manual promotion, an active and a preview Service", () => {
    const s = renderPlugiloService(gwc, { ...base(), critical: true });
    const bg = get(s, "Rollout").spec.strategy.blueGreen;
    assert.equal(bg.activeService, "orders");
    assert.equal(bg.previewService, "orders-preview");
    assert.equal(bg.autoPromotionEnabled, false);
    get(s, "Service", "orders-preview");
    assert.equal(get(s, "VirtualService").spec.http[0].route.length, 1, "no weights: the Services switch");
  });
  test("a plain rolling Deployment when asked", () => {
    const s = renderPlugiloService(gwc, { ...base(), strategy: "rolling" });
    assert.ok(has(s, "Deployment") && !has(s, "Rollout"));
    assert.equal(get(s, "HorizontalPodAutoscaler").spec.scaleTargetRef.kind, "Deployment");
  });
});

test("HPA from a CPU target, KEDA ScaledObject from event triggers, both on the Rollout", () => {
  const hpa = get(renderPlugiloService(gwc, base()), "HorizontalPodAutoscaler");
  assert.deepEqual([hpa.spec.minReplicas, hpa.spec.maxReplicas], [3, 12]);
  assert.equal(hpa.spec.scaleTargetRef.kind, "Rollout");
  const keda = renderPlugiloService(gwc, {
    ...base(),
    scaling: {
      kind: "keda",
      triggers: [
        {
          type: "cron",
          metadata: { timezone: "Europe/Berlin", start: "0 7 * * 1-5", end: "0 20 * * 1-5", desiredReplicas: "6" },
        },
      ],
    },
  });
  const so = get(keda, "ScaledObject");
  assert.equal(so.spec.scaleTargetRef.kind, "Rollout");
  assert.equal(so.spec.triggers[0].type, "cron");
  assert.ok(!has(keda, "HorizontalPodAutoscaler"));
});

test("spread over zones where the region has them, over nodes where it has none", () => {
  const keys = (ctx: ClusterContext) =>
    get(renderPlugiloService(ctx, base()), "Rollout").spec.template.spec.topologySpreadConstraints.map((t: any) => t.topologyKey);
  assert.deepEqual(keys(gwc), ["topology.kubernetes.io/zone", "kubernetes.io/hostname"]);
  assert.deepEqual(keys(gn), ["kubernetes.io/hostname"]);
});

test("restricted security context, probes, requests, a PodDisruptionBudget", () => {
  const s = renderPlugiloService(gwc, base());
  const pod = get(s, "Rollout").spec.template.spec;
  const c = pod.containers[0];
  assert.equal(pod.securityContext.runAsNonRoot, true);
  assert.equal(pod.securityContext.seccompProfile.type, "RuntimeDefault");
  assert.deepEqual(c.securityContext.capabilities.drop, ["ALL"]);
  assert.equal(c.securityContext.allowPrivilegeEscalation, false);
  assert.equal(c.securityContext.readOnlyRootFilesystem, true);
  assert.equal(c.readinessProbe.httpGet.path, "/ready");
  assert.equal(c.livenessProbe.httpGet.path, "/healthz");
  assert.deepEqual(c.resources.requests, { cpu: "500m", memory: "512Mi" });
  // By digest (the tag only in the plugilo.io/image-tag annotation).
  assert.equal(c.image, `crplugiloprod.azurecr.io/plugilo/orders@sha256:${"ab".repeat(32)}`);
  assert.equal(get(s, "PodDisruptionBudget").spec.maxUnavailable, 1);
});

test("ConfigMap and Key Vault secrets, watched by Reloader; AuthorizationPolicy for the gateway and callers", () => {
  const s = renderPlugiloService(gwc, {
    ...base(),
    config: { LOG_LEVEL: "info" },
    secrets: { DB_PASSWORD: "orders-db-password" },
    hosts: ["orders.plugilo.example"],
    callers: [{ namespace: "web", serviceAccount: "web" }],
  });
  assert.equal(get(s, "ConfigMap", "orders-config").metadata.annotations["reloader.stakater.com/match"], "true");
  const es = get(s, "ExternalSecret", "orders-secrets");
  assert.equal(es.spec.secretStoreRef.name, "azure-key-vault-services");
  assert.equal(es.spec.target.template.metadata.annotations["reloader.stakater.com/match"], "true");
  assert.equal(get(s, "Rollout").metadata.annotations["reloader.stakater.com/search"], "true");
  const principals = get(s, "AuthorizationPolicy").spec.rules[0].from[0].source.principals;
  assert.deepEqual(principals, ["cluster.local/ns/istio-ingress/sa/istio-ingress", "cluster.local/ns/web/sa/web"]);
  assert.deepEqual(get(s, "VirtualService").spec.gateways, ["mesh", "istio-ingress/platform"]);
});

describe("node class and identity", () => {
  test("a workload class selects its nodes and tolerates its taint (GPU)", () => {
    const pod = get(renderPlugiloService(gwc, { ...base(), workloadClass: "gpu" }), "Rollout").spec.template.spec;
    assert.deepEqual(pod.nodeSelector, { "plugilo.io/workload-class": "gpu" });
    assert.deepEqual(pod.tolerations, [{ key: "nvidia.com/gpu", operator: "Equal", value: "present", effect: "NoSchedule" }]);
    assert.throws(() => renderPlugiloService(gwc, { ...base(), workloadClass: "quantum" }), /no workload class/);
  });
  test("a workload identity: the cluster stack's ServiceAccount, the pod label, no ServiceAccount of our own", () => {
    const identity = gwc.cluster.identities.workloads[0];
    assert.ok(identity);
    const s = renderPlugiloService(gwc, { ...base(), name: "svc", namespace: identity.namespace, azureIdentity: identity.key });
    const pod = get(s, "Rollout", "svc").spec.template;
    assert.equal(pod.spec.serviceAccountName, identity.serviceAccount);
    assert.equal(pod.metadata.labels["azure.workload.identity/use"], "true");
    assert.ok(!has(s, "ServiceAccount"));
    assert.throws(() => renderPlugiloService(gwc, { ...base(), azureIdentity: identity.key }), /federated with/);
    assert.throws(() => renderPlugiloService(gwc, { ...base(), azureIdentity: "nobody" }), /no workload identity/);
  });
  test("without an identity: its own ServiceAccount, no token unless flags need one", () => {
    const s = renderPlugiloService(gwc, base());
    assert.equal(get(s, "ServiceAccount").automountServiceAccountToken, false);
    assert.equal(get(s, "Rollout").spec.template.spec.automountServiceAccountToken, false);
  });
});

test("the example service: feature flags through flagd, and every environment renders it", () => {
  const s = renderPlugiloService(gwc, exampleApi(prod));
  const annotations = get(s, "Rollout", "example-api").spec.template.metadata.annotations;
  assert.equal(annotations["openfeature.dev/enabled"], "true");
  assert.equal(annotations["openfeature.dev/featureflagsource"], "example-api-flags");
  assert.ok(get(s, "FeatureFlag", "example-api-flags").spec.flagSpec.flags["new-checkout"]);
  const all = renderAll();
  for (const env of ["dev", "staging", "prod"] as const) {
    const r = all[env];
    for (const c of r.clusters)
      assert.ok(
        c.services.some((x) => x.name === "example-api"),
        `${env}/${c.cluster}`,
      );
  }
});

test("a spec that cannot work is refused", () => {
  assert.throws(() => renderPlugiloService(gwc, { ...base(), replicas: { min: 1, max: 3 } }), /at least 2 replicas/);
});
