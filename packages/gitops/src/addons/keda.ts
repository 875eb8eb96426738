/** KEDA: the ScaledObjects of the golden path scale on events (queues, streams, schedules). */
import type { AddonDefinition } from "../addon.ts";
import { CHARTS } from "../charts.ts";

export const keda: AddonDefinition = {
  name: "keda",
  releases: () => [
    {
      name: "keda",
      valuesKey: "keda",
      namespace: "keda",
      chart: CHARTS.keda,
      after: [],
      // A budget of minAvailable 1 over the chart's default single replica allows no eviction and blocks
      // every node drain: two replicas each (keys operator.replicaCount, metricsServer.replicaCount,
      // podDisruptionBudget.operator / .metricServer in the chart's values.yaml at v2.20.2). The second operator
      // stands by for leader election, the second metrics server serves too
      // (https://keda.sh/docs/2.20/operate/cluster/#high-availability).
      values: {
        operator: { replicaCount: 2 },
        metricsServer: { replicaCount: 2 },
        podDisruptionBudget: { operator: { minAvailable: 1 }, metricServer: { minAvailable: 1 } },
      },
      serverSideApply: true,
    },
  ],
};
