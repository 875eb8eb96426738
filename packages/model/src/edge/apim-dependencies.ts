/**
 * What API Management Standard v2 / Premium v2 with outbound VNet integration needs to reach from its
 * subnet. The APIM subnet sends 0.0.0.0/0 to the region's firewall (spoke-network.ts), so the firewall must
 * allow each of these, or APIM cannot read its Key Vault named values and certificates, write its diagnostics
 * or sign in. Service tags, TCP, as the pages list them:
 *   https://learn.microsoft.com/azure/api-management/integrate-vnet-outbound (dependencies of the integrated subnet)
 *   https://learn.microsoft.com/azure/api-management/virtual-network-reference (the service tags and ports)
 */
import type { DataAccessRuleModel, VnetModel } from "../core/resources.ts";

export interface ApimDependency {
  name: string;
  serviceTag: string;
  ports: string[];
  purpose: string;
}

export const APIM_OUTBOUND_DEPENDENCIES: readonly ApimDependency[] = [
  {
    name: "apim-to-key-vault",
    serviceTag: "AzureKeyVault",
    ports: ["443"],
    purpose: "named values and certificates from Key Vault",
  },
  { name: "apim-to-storage", serviceTag: "Storage", ports: ["443"], purpose: "the service's own configuration and artifacts" },
  { name: "apim-to-entra-id", serviceTag: "AzureActiveDirectory", ports: ["443"], purpose: "Microsoft Entra ID sign-in" },
  {
    name: "apim-to-azure-monitor",
    serviceTag: "AzureMonitor",
    ports: ["443", "1886"],
    purpose: "diagnostics, metrics and health",
  },
];

/** One network rule per dependency, from the APIM subnets (only the APIM region has one). */
export function apimDependencyRules(vnets: readonly VnetModel[]): DataAccessRuleModel[] {
  const apim = vnets.flatMap((v) => v.subnets.filter((s) => s.kind === "apim").map((s) => s.cidr));
  if (apim.length === 0) return [];
  return APIM_OUTBOUND_DEPENDENCIES.map((d) => ({
    name: d.name,
    protocol: "TCP",
    sourceAddresses: apim,
    destinationAddresses: [d.serviceTag],
    destinationPorts: [...d.ports],
  }));
}
