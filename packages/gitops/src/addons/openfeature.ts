/**
 * The OpenFeature operator with flagd: the design's "LaunchDarkly or similar" feature flags, as Kubernetes
 * resources in Git (docs/adr/0050). A service declares its flags (FeatureFlag) and gets a flagd sidecar
 * through the operator's webhook; the chart needs cert-manager for that webhook's certificate.
 */
import type { AddonDefinition } from "../addon.ts";
import { CHARTS } from "../charts.ts";

export const OPENFEATURE_NAMESPACE = "open-feature-operator-system";

export const openfeature: AddonDefinition = {
  name: "openfeature",
  releases: () => [
    {
      name: "open-feature-operator",
      valuesKey: "open-feature-operator",
      namespace: OPENFEATURE_NAMESPACE,
      chart: CHARTS.openFeatureOperator,
      after: ["cert-manager"],
      values: {
        defaultNamespace: OPENFEATURE_NAMESPACE,
        namespace: { create: false },
        sidecarConfiguration: { logFormat: "json" },
      },
      serverSideApply: true,
    },
  ],
};
