/** GDPR residency: every Azure resource sits in germanywestcentral, germanynorth or is global. */
import { REGION_NAMES } from "@plugilo/model";
import { isAzureResource, type PolicyRule } from "../types.ts";

const ALLOWED = new Set<string>([...REGION_NAMES, "global"]);

/** Azure accepts display names ("Germany West Central") as locations too. */
export function normalizeLocation(location: string): string {
  return location.toLowerCase().replace(/\s+/g, "");
}

export const allowedLocations: PolicyRule = {
  name: "allowed-locations",
  description: "Every Azure resource is in germanywestcentral, germanynorth or global (GDPR residency).",
  severity: "error",
  check(resource) {
    if (!isAzureResource(resource)) return [];
    const location = resource.inputs.location;
    if (location === undefined) return [];
    if (typeof location !== "string" || !ALLOWED.has(normalizeLocation(location))) {
      return [`location ${JSON.stringify(location)} is outside Germany: use germanywestcentral, germanynorth or global`];
    }
    return [];
  },
};
