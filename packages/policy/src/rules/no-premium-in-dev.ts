/**
 * Cost: in dev, no SKU that costs production money where a smaller one does the job. Only choices the design
 * leaves open are flagged, as warnings:
 * - AKS control plane tier Standard or Premium (Free exists; dev needs no uptime SLA);
 * - API Management Premium or Premium v2 (the design's tier is Standard v2, docs/adr/0021);
 * - Premium storage account SKUs (Standard exists);
 * - PostgreSQL Memory Optimized compute (General Purpose and Burstable exist).
 * Not flagged because the design requires them in every environment: Azure Firewall Premium (IDPS, TLS
 * inspection), Front Door Premium (Private Link origins), Key Vault Premium (HSM-backed keys), ACR Premium
 * (geo-replication, private endpoints) and Application Gateway WAF_v2.
 */
import type { PolicyRule } from "../types.ts";

interface Sku {
  name?: unknown;
  tier?: unknown;
}

export const noPremiumInDev: PolicyRule = {
  name: "no-premium-in-dev",
  description:
    "In dev, no AKS Standard/Premium tier, API Management Premium, Premium storage or PostgreSQL Memory Optimized where a smaller SKU exists (design-required Premium SKUs are not flagged).",
  severity: "warning",
  check(resource, model) {
    if (model.name !== "dev") return [];
    const sku = (resource.inputs.sku ?? {}) as Sku;
    const name = typeof sku.name === "string" ? sku.name : "";
    const tier = typeof sku.tier === "string" ? sku.tier : "";
    switch (resource.type) {
      case "azure-native:containerservice:ManagedCluster":
        return tier === "Standard" || tier === "Premium"
          ? [`AKS tier ${tier} in dev: the Free tier has the same features without the uptime SLA dev does not need`]
          : [];
      case "azure-native:apimanagement:ApiManagementService":
        return name === "Premium" || name === "PremiumV2"
          ? [`API Management ${name} in dev: the design's tier is StandardV2 (or Developer/BasicV2 for dev)`]
          : [];
      case "azure-native:storage:StorageAccount":
        return name.startsWith("Premium_") ? [`storage SKU ${name} in dev: use a Standard_ SKU`] : [];
      case "azure-native:dbforpostgresql:Server":
        return tier === "MemoryOptimized" ? [`PostgreSQL ${tier} compute in dev: use GeneralPurpose or Burstable`] : [];
      default:
        return [];
    }
  },
};
