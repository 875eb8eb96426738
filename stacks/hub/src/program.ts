/**
 * Layer hub. Its Azure resources arrive with the Hub issue (#3); until then the stack publishes what the
 * model has already decided for it, so other layers and the plan can rely on the same values.
 */
import type { EnvironmentModel } from "@plugilo/model";

export function hub(model: EnvironmentModel) {
  return {
    hubs: model.hubs.map((h) => ({ region: h.region, firewallPrivateIp: h.firewallPrivateIp, vnet: h.vnetKey })),
  };
}
