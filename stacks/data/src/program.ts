/**
 * Layer data. The data spokes (private endpoints, PostgreSQL) are here; the data services arrive with the
 * Data platform issue (#6).
 */
import { Spoke, subscriptionProviders } from "@plugilo/components";
import type { EnvironmentModel } from "@plugilo/model";

export function data(model: EnvironmentModel) {
  const providerFor = subscriptionProviders(model);
  const vnets = model.vnets.filter((v) => v.layer === "data");
  for (const vnet of vnets) new Spoke(`spoke-${vnet.key}`, { model, vnet, providerFor });
  return { mode: model.config.data.mode, dataVnets: vnets.map((v) => v.name) };
}
