// biome-ignore-all lint/suspicious/noExplicitAny: the assertions walk rendered JSON, whose shape the schemas already checked.
/** Node Auto Provisioning objects from the cluster's workload classes (the cluster model). */
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { clusterContext } from "../src/context.ts";
import { nodePoolObjects } from "../src/node-pools.ts";
import { ENVIRONMENTS, find, json, objectsOf, type Rendered, renderAll } from "./helpers.ts";

let rendered: ReturnType<typeof renderAll>;
before(() => {
  rendered = renderAll();
});

test("a NodePool and an AKSNodeClass per workload class, with its limit, labels and node class", () => {
  for (const env of ENVIRONMENTS) {
    const { model, clusters } = rendered[env] as Rendered;
    for (const c of clusters) {
      const cluster = model.clusters.find((x) => x.name === c.cluster);
      assert.ok(cluster && cluster.workloadClasses.length > 0);
      assert.equal(objectsOf(c, "NodePool").length, cluster.workloadClasses.length);
      for (const wc of cluster.workloadClasses) {
        const pool = json<any>(find(c, "NodePool", wc.name));
        const nodeClass = json<any>(find(c, "AKSNodeClass", wc.name));
        assert.equal(pool.spec.limits.cpu, String(wc.cpuLimit));
        assert.deepEqual(pool.spec.template.metadata.labels, wc.labels);
        assert.deepEqual(pool.spec.template.spec.nodeClassRef, {
          group: "karpenter.azure.com",
          kind: "AKSNodeClass",
          name: wc.name,
        });
        assert.equal(nodeClass.apiVersion, "karpenter.azure.com/v1beta1");
        assert.equal(
          nodeClass.spec.vnetSubnetID,
          cluster.aks.nodeSubnetId,
          "NAP nodes join the cluster's node subnet (UDR to the firewall)",
        );
        const capacity = pool.spec.template.spec.requirements.find((r: any) => r.key === "karpenter.sh/capacity-type");
        assert.deepEqual(capacity.values, [wc.capacityType]);
        assert.deepEqual(pool.spec.template.spec.taints ?? [], wc.taints);
        assert.ok(pool.spec.disruption.budgets.length > 0);
      }
    }
  }
});

test("GPU nodes are tainted; spot nodes are spot capacity with their own taint and disruption budgets", () => {
  const c = (rendered.prod as Rendered).clusters[0];
  assert.ok(c);
  const gpu = json<any>(find(c, "NodePool", "gpu"));
  assert.ok(gpu.spec.template.spec.taints.some((t: any) => t.key === "nvidia.com/gpu" && t.effect === "NoSchedule"));
  assert.deepEqual(gpu.spec.disruption.budgets, [{ nodes: "1" }]);
  const spot = json<any>(find(c, "NodePool", "spot"));
  assert.ok(
    spot.spec.template.spec.requirements.some((r: any) => r.key === "karpenter.sh/capacity-type" && r.values[0] === "spot"),
  );
  assert.ok(spot.spec.template.spec.taints.some((t: any) => t.key === "kubernetes.azure.com/scalesetpriority"));
  assert.ok(spot.spec.disruption.budgets.some((b: any) => b.nodes === "0" && b.reasons?.includes("Drifted") && b.schedule));
});

test("zones only where the region has them", () => {
  const [gwc, gn] = (rendered.prod as Rendered).clusters;
  const zoneReq = (c: typeof gwc) =>
    json<any>(find(c as never, "NodePool", "general-purpose")).spec.template.spec.requirements.find(
      (r: any) => r.key === "topology.kubernetes.io/zone",
    );
  assert.deepEqual(zoneReq(gwc)?.values, ["germanywestcentral-1", "germanywestcentral-2", "germanywestcentral-3"]);
  assert.equal(zoneReq(gn), undefined);
});

test("no NodePools for a cluster without Node Auto Provisioning", () => {
  const model = (rendered.prod as Rendered).model;
  const ctx = clusterContext(model, "app1");
  assert.deepEqual(nodePoolObjects({ ...ctx, cluster: { ...ctx.cluster, workloadClasses: [] } }), []);
});
