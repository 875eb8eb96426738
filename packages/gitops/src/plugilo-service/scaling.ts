/** How the service scales and stays available: an HPA on CPU or a KEDA ScaledObject on events, and a PDB. */
import { ScaledObject } from "@kubernetes-models/keda/keda.sh/v1alpha1/ScaledObject";
import { HorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import type { KubeObject } from "../kube-object.ts";
import type { ServiceFrame } from "./frame.ts";

export function serviceScaling(f: ServiceFrame): KubeObject[] {
  const { spec, name, selector, meta, strategy } = f;
  const objects: KubeObject[] = [];
  const target = {
    apiVersion: strategy === "rolling" ? "apps/v1" : "argoproj.io/v1alpha1",
    kind: strategy === "rolling" ? "Deployment" : "Rollout",
    name,
  };
  if (spec.scaling.kind === "hpa") {
    objects.push(
      new HorizontalPodAutoscaler({
        metadata: meta(name),
        spec: {
          scaleTargetRef: target,
          minReplicas: spec.replicas.min,
          maxReplicas: spec.replicas.max,
          metrics: [
            {
              type: "Resource",
              resource: { name: "cpu", target: { type: "Utilization", averageUtilization: spec.scaling.cpuUtilization } },
            },
          ],
        },
      }),
    );
  } else {
    f.needs("keda", "event scaling");
    objects.push(
      new ScaledObject({
        metadata: meta(name),
        spec: {
          scaleTargetRef: target,
          minReplicaCount: spec.replicas.min,
          maxReplicaCount: spec.replicas.max,
          triggers: spec.scaling.triggers.map((t) => ({ type: t.type, metadata: { ...t.metadata } })),
        },
      }),
    );
  }
  objects.push(
    new PodDisruptionBudget({ metadata: meta(name), spec: { selector: { matchLabels: selector }, maxUnavailable: 1 } }),
  );
  return objects;
}
