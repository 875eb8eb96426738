/**
 * Layer access: Azure Virtual Desktop in production; Tailscale (non-production) runs in the clusters. The
 * access spoke exists when the environment uses AVD; the desktops arrive with their own issue.
 */
import { Spoke, subscriptionProviders } from "@plugilo/components";
import type { EnvironmentModel } from "@plugilo/model";

export function access(model: EnvironmentModel) {
  const providerFor = subscriptionProviders(model);
  const vnets = model.vnets.filter((v) => v.layer === "access");
  for (const vnet of vnets) new Spoke(`spoke-${vnet.key}`, { model, vnet, providerFor });
  return { mode: model.config.access.mode, accessVnets: vnets.map((v) => v.name) };
}
