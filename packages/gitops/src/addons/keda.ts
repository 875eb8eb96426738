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
      values: { podDisruptionBudget: { operator: { minAvailable: 1 }, metricServer: { minAvailable: 1 } } },
      serverSideApply: true,
    },
  ],
};
