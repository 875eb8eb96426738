/**
 * API Management Standard v2 / Premium v2 with outbound VNet integration depends on Azure Key Vault, Storage,
 * Microsoft Entra ID and Azure Monitor. When its subnet sends 0.0.0.0/0 to a firewall, that firewall's policy
 * must allow each of them (service tag and ports), or APIM cannot read its Key Vault named values and
 * certificates, sign in, or report health.
 * Sources: https://learn.microsoft.com/azure/api-management/integrate-vnet-outbound
 *          https://learn.microsoft.com/azure/api-management/virtual-network-reference (service tags and ports)
 */
import { APIM_OUTBOUND_DEPENDENCIES } from "@plugilo/model";
import type { PlanRule } from "../types.ts";
import { allowingNetworkRule, ruleCollectionGroupsOf } from "./firewall-allows.ts";

const V2_SKUS = new Set(["StandardV2", "PremiumV2"]);

export const apimOutboundDependencies: PlanRule = {
  name: "apim-outbound-dependencies",
  description:
    "An API Management v2 instance whose integrated subnet egresses through a firewall has its Key Vault, Storage, Entra ID and Azure Monitor dependencies allowed there.",
  severity: "error",
  checkPlan(resources, model) {
    const out = [];
    for (const apim of resources) {
      if (apim.type !== "azure-native:apimanagement:ApiManagementService") continue;
      const inputs = apim.inputs as {
        sku?: { name?: string };
        virtualNetworkType?: string;
        virtualNetworkConfiguration?: { subnetResourceId?: string };
      };
      const subnetId = inputs.virtualNetworkConfiguration?.subnetResourceId?.toLowerCase();
      if (!subnetId || inputs.virtualNetworkType !== "External" || !V2_SKUS.has(inputs.sku?.name ?? "")) continue;
      const subnet = model.vnets.flatMap((v) => v.subnets).find((s) => s.id.toLowerCase() === subnetId);
      const next = subnet?.routeTable?.routes.find(
        (r) => r.addressPrefix === "0.0.0.0/0" && r.nextHopType === "VirtualAppliance",
      );
      const hub = next && model.hubs.find((h) => h.firewallPrivateIp === next.nextHopIpAddress);
      if (!subnet || !hub) continue;
      const groups = ruleCollectionGroupsOf(resources, hub.firewallPolicyName);
      // A plan of some stacks only (no hub): nothing to check against.
      if (groups.length === 0) continue;
      for (const d of APIM_OUTBOUND_DEPENDENCIES) {
        if (allowingNetworkRule(groups, subnet.cidr, d.serviceTag, d.ports)) continue;
        out.push({
          urn: apim.urn,
          message: `its subnet ${subnet.cidr} egresses through ${hub.firewallName}, whose policy ${hub.firewallPolicyName} does not allow TCP ${d.ports.join(",")} to ${d.serviceTag} (${d.purpose}); see https://learn.microsoft.com/azure/api-management/integrate-vnet-outbound`,
        });
      }
    }
    return out;
  },
};
