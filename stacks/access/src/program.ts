/** Layer access: Azure Virtual Desktop in production; Tailscale (non-production) runs in the clusters. */
import type { EnvironmentModel } from "@plugilo/model";

export function access(model: EnvironmentModel) {
  return { mode: model.config.access.mode, accessVnets: model.vnets.filter((v) => v.kind === "access").map((v) => v.name) };
}
