/** Argo Rollouts: canary (Istio VirtualService weights) and blue-green rollouts of the golden path. */
import type { AddonDefinition } from "../addon.ts";
import { CHARTS } from "../charts.ts";

export const argoRollouts: AddonDefinition = {
  name: "argo-rollouts",
  releases: () => [
    {
      name: "argo-rollouts",
      valuesKey: "argo-rollouts",
      namespace: "argo-rollouts",
      chart: CHARTS.argoRollouts,
      after: ["istiod"],
      values: { controller: { replicas: 2, pdb: { enabled: true, minAvailable: 1 } }, dashboard: { enabled: false } },
      serverSideApply: true,
    },
  ],
};
