/**
 * A planned resource that uses a feature the region catalogue (packages/model/src/core/regions.ts) lists as
 * restricted in its region: a warning naming the source and what to check live before deploying. Today:
 * PostgreSQL Flexible Server zone-redundant HA in germanywestcentral, which Microsoft's regions table marks as
 * temporarily blocked for new deployments.
 * Source: https://learn.microsoft.com/azure/postgresql/flexible-server/overview (regions table)
 */
import { capabilityRestriction } from "@plugilo/model";
import type { PolicyRule } from "../types.ts";

export const catalogueRestrictions: PolicyRule = {
  name: "catalogue-restrictions",
  description:
    "A resource that uses a feature the region catalogue marks as restricted in its region gets a warning with the live check to run.",
  severity: "warning",
  check(resource) {
    if (resource.type !== "azure-native:dbforpostgresql:Server") return [];
    const { location, highAvailability } = resource.inputs as { location?: string; highAvailability?: { mode?: string } };
    const mode = highAvailability?.mode;
    if (!mode || mode === "Disabled" || !location) return [];
    const restriction = capabilityRestriction("postgresqlFlexible", mode, location);
    if (!restriction) return [];
    return [
      `highAvailability.mode ${mode} in ${location}: ${restriction.message}; ${restriction.check} (see ${restriction.source})`,
    ];
  },
};
