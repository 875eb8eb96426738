/**
 * The workload: a Deployment (rolling), or an Argo Rollout: canary 10% -> 50% -> 100% through the Istio
 * VirtualService's weights, or blue-green with a manual promotion for critical services.
 */
import { Rollout } from "@kubernetes-models/argo-rollouts/argoproj.io/v1alpha1/Rollout";
import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import type { IPodTemplateSpec } from "kubernetes-models/v1/PodTemplateSpec";
import type { KubeObject } from "../kube-object.ts";
import { RELOADER_SEARCH, type ServiceFrame } from "./frame.ts";

/** The tag the pinned digest was built as (the image itself is referenced by digest). */
export const IMAGE_TAG_ANNOTATION = "plugilo.io/image-tag";
/** The canary's traffic steps (design: 10% -> 50% -> 100%), each held for `canaryPause` before the next. */
export const CANARY_WEIGHTS = [10, 50, 100] as const;

export function serviceWorkload(f: ServiceFrame, podTemplate: IPodTemplateSpec): KubeObject {
  const { spec, name, selector, meta, strategy } = f;
  const workloadAnnotations = { [RELOADER_SEARCH]: "true", [IMAGE_TAG_ANNOTATION]: spec.image.tag };
  if (strategy === "rolling") {
    return new Deployment({
      metadata: { ...meta(name), annotations: workloadAnnotations },
      spec: {
        selector: { matchLabels: selector },
        strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: 0 } },
        template: podTemplate,
      },
    });
  }
  const rolloutStrategy =
    strategy === "canary"
      ? {
          canary: {
            trafficRouting: {
              istio: {
                virtualService: { name, routes: ["primary"] },
                destinationRule: { name, canarySubsetName: "canary", stableSubsetName: "stable" },
              },
            },
            steps: CANARY_WEIGHTS.flatMap((weight) =>
              weight < 100 ? [{ setWeight: weight }, { pause: { duration: spec.canaryPause ?? "5m" } }] : [{ setWeight: weight }],
            ),
          },
        }
      : {
          blueGreen: {
            activeService: name,
            previewService: `${name}-preview`,
            // Critical services: a person promotes after checking the preview.
            autoPromotionEnabled: false,
            scaleDownDelaySeconds: 60,
          },
        };
  return new Rollout({
    metadata: { ...meta(name), annotations: workloadAnnotations },
    spec: { selector: { matchLabels: selector }, template: podTemplate, strategy: rolloutStrategy, revisionHistoryLimit: 5 },
  });
}
