/**
 * Cross-field rules the schema cannot express: region capabilities from the catalogue, and ranges that must
 * not overlap (within the environment, across environments, and with the AWS, GCP and Tailscale ranges).
 */
import type { AddressProblem } from "./address-plan.ts";
import { overlaps, prefixLength } from "./cidr.ts";
import type { ConfigFinding } from "./findings.ts";
import { capabilityRestriction, REGIONS, serviceCapability, supports } from "./regions.ts";
import type { Reservation } from "./resources.ts";
import type { EnvironmentConfig } from "./schema.ts";

export interface SiblingEnvironment {
  name: string;
  file: string;
  addressSpace: string;
}

export function reservationsOf(config: EnvironmentConfig): Reservation[] {
  const out: Reservation[] = [
    {
      name: `${config.name} address space`,
      kind: "environment",
      cidr: config.addressSpace,
      routable: true,
      path: "addressSpace",
    },
    {
      name: "Tailscale tailnet",
      kind: "tailscale",
      cidr: config.access.tailscaleRange,
      routable: true,
      path: "access.tailscaleRange",
    },
  ];
  for (const cloud of ["aws", "gcp"] as const) {
    config.multicloud[cloud].ranges.forEach((cidr, i) => {
      const name = `${cloud.toUpperCase()} range ${i + 1}`;
      out.push({ name, kind: cloud, cidr, routable: true, path: `multicloud.${cloud}.ranges[${i}]` });
    });
  }
  config.clusters.forEach((c, i) => {
    out.push({
      name: `${c.name} pods (overlay)`,
      kind: "pods",
      cidr: c.podCidr,
      routable: false,
      path: `clusters[${i}].podCidr`,
    });
    out.push({
      name: `${c.name} services`,
      kind: "services",
      cidr: c.serviceCidr,
      routable: false,
      path: `clusters[${i}].serviceCidr`,
    });
  });
  return out;
}

export function capabilityFindings(config: EnvironmentConfig, file: string): ConfigFinding[] {
  const findings: ConfigFinding[] = [];
  const error = (path: string, message: string, source?: string) =>
    findings.push({ severity: "error", file, path, message, ...(source ? { source } : {}) });

  config.clusters.forEach((cluster, i) => {
    const region = REGIONS[cluster.region];
    const zones = cluster.systemPool.zones;
    if (zones && region.availabilityZones.length === 0) {
      error(`clusters[${i}].systemPool.zones`, `${region.name} has no availability zones: remove the zones`, region.source);
    } else if (zones) {
      const unknown = zones.filter((z) => !region.availabilityZones.includes(z));
      if (unknown.length)
        error(`clusters[${i}].systemPool.zones`, `${region.name} has no zone ${unknown.join(", ")}`, region.source);
    }
  });

  const apim = config.apiManagement;
  const apimRow = serviceCapability("apiManagement", apim.tier);
  if (apimRow && !supports("apiManagement", apim.tier, apim.region)) {
    error(
      "apiManagement.region",
      `API Management ${apim.tier} is not offered in ${apim.region} (only ${apimRow.regions.join(", ")})`,
      apimRow.source,
    );
  }
  if (apim.tier === "PremiumV2") {
    error(
      "apiManagement.tier",
      "Front Door cannot reach API Management Premium v2 over Private Link; use StandardV2 (inbound private endpoint + outbound VNet integration)",
      "https://learn.microsoft.com/azure/api-management/private-endpoint",
    );
  }

  const pg = config.data.postgresql.haMode;
  if (config.data.mode === "managed" && pg !== "Disabled" && !supports("postgresqlFlexible", pg, config.regions.primary)) {
    const row = serviceCapability("postgresqlFlexible", pg);
    error(
      "data.postgresql.haMode",
      `PostgreSQL Flexible Server ${pg} HA is not available in ${config.regions.primary}`,
      row?.source,
    );
  }
  const pgRestriction = config.data.mode === "managed" && capabilityRestriction("postgresqlFlexible", pg, config.regions.primary);
  if (pgRestriction) {
    findings.push({
      severity: "warning",
      file,
      path: "data.postgresql.haMode",
      message: `${pg}: ${pgRestriction.message}; ${pgRestriction.check}`,
      source: pgRestriction.source,
    });
  }

  const used = new Map<string, string>([
    [config.regions.primary, "regions.primary"],
    [config.regions.secondary, "regions.secondary"],
  ]);
  for (const [name, path] of used) {
    const region = REGIONS[name as keyof typeof REGIONS];
    if (region.restrictedAccess) {
      findings.push({
        severity: "warning",
        file,
        path,
        message: `${region.name} is a restricted-access region: request access for every subscription that deploys there before the first deployment`,
        source: region.source,
      });
    }
  }
  return findings;
}

export function addressFindings(
  config: EnvironmentConfig,
  file: string,
  problems: readonly AddressProblem[],
  siblings: readonly SiblingEnvironment[],
): ConfigFinding[] {
  const findings: ConfigFinding[] = problems.map((p) => ({ severity: "error", file, path: p.path, message: p.message }));
  const reservations = reservationsOf(config);
  for (let i = 0; i < reservations.length; i++) {
    const a = reservations[i] as Reservation;
    for (let j = i + 1; j < reservations.length; j++) {
      const b = reservations[j] as Reservation;
      // Overlay pod ranges are non-routable and may repeat across clusters; every other pair must be disjoint.
      if (!a.routable && !b.routable && a.kind === b.kind) continue;
      if (!overlaps(a.cidr, b.cidr)) continue;
      findings.push({
        severity: "error",
        file,
        path: b.path,
        message: `${b.cidr} (${b.name}) overlaps ${a.cidr} (${a.name}, ${a.path})`,
      });
    }
  }
  for (const sibling of siblings) {
    if (sibling.name === config.name) continue;
    for (const r of reservations) {
      if (r.kind === "pods" || r.kind === "services") continue;
      if (overlaps(r.cidr, sibling.addressSpace)) {
        findings.push({
          severity: "error",
          file,
          path: r.path,
          message: `${r.cidr} (${r.name}) overlaps the address space ${sibling.addressSpace} of environment ${sibling.name} (${sibling.file})`,
        });
      }
    }
  }
  config.clusters.forEach((c, i) => {
    // AKS takes the DNS service address from the service range and needs room for every Service.
    for (const field of ["podCidr", "serviceCidr"] as const) {
      const prefix = prefixLength(c[field]);
      if (prefix > 24 || prefix < 12) {
        findings.push({
          severity: "error",
          file,
          path: `clusters[${i}].${field}`,
          message: `/${prefix} is outside the /12 to /24 range AKS accepts`,
        });
      }
    }
  });
  return findings;
}
