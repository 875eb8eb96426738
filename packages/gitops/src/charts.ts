/**
 * The Helm charts of the platform add-ons. The catalogue lives in the model (ADDON_CHARTS in
 * packages/model/src/gitops/gitops-sources.ts), next to the hosts each chart and its images are fetched from, so the
 * hub firewall opens exactly what the enabled add-ons fetch (docs/adr/0090). Upgrading a chart is a change
 * there; `plugilo render` then rewrites deploy/. The in-cluster database operators' charts are the data tier's
 * (model.data.inCluster.operators).
 */
import { ADDON_CHARTS } from "@plugilo/model";
import type { ChartRef } from "./addon.ts";

export const CHARTS = ADDON_CHARTS satisfies Record<string, ChartRef>;
