/**
 * Stakater Reloader: rolls Deployments and Argo Rollouts when a ConfigMap or Secret they use changes. The
 * annotations strategy changes only a pod-template annotation, which Argo CD ignores as drift
 * (https://github.com/stakater/Reloader#reload-strategies).
 */
import type { AddonDefinition } from "../addon.ts";
import { CHARTS } from "../charts.ts";

export const reloader: AddonDefinition = {
  name: "reloader",
  releases: () => [
    {
      name: "reloader",
      valuesKey: "reloader",
      namespace: "reloader",
      chart: CHARTS.reloader,
      after: [],
      values: {
        reloader: {
          reloadStrategy: "annotations",
          isArgoRollouts: true,
          watchGlobally: true,
          enableHA: true,
          readOnlyRootFileSystem: true,
          deployment: { replicas: 2 },
        },
      },
    },
  ],
};
