/** Kubernetes Reflector: mirrors annotated Secrets and ConfigMaps into other namespaces. */
import type { AddonDefinition } from "../addon.ts";
import { CHARTS } from "../charts.ts";

export const reflector: AddonDefinition = {
  name: "reflector",
  releases: () => [
    {
      name: "reflector",
      valuesKey: "reflector",
      namespace: "reflector",
      chart: CHARTS.reflector,
      after: [],
      values: { configuration: { logging: { minimumLevel: "Information" } } },
    },
  ],
};
