/**
 * Every zonal or zone-redundant setting of a planned resource is one its region has, by the region catalogue
 * (packages/model/src/core/regions.ts, from the Azure regions list): zone numbers inside the region's zones, zone
 * redundancy only in a region with zones. germanynorth has none, so any zone there is rejected by Azure.
 * Settings checked: zones, availabilityZone, highAvailability.standbyAvailabilityZone,
 * agentPoolProfiles[].availabilityZones, locations[].isZoneRedundant (Cosmos DB), zoneRedundancy (registry),
 * the AZ SKUs of VPN gateways.
 * Source: https://learn.microsoft.com/azure/reliability/regions-list
 */
import { isRegionName, REGIONS } from "@plugilo/model";
import type { PolicyRule } from "../types.ts";

const SOURCE = "https://learn.microsoft.com/azure/reliability/regions-list";

function zonesOf(region: string): readonly string[] | undefined {
  const r = region.toLowerCase().replace(/\s/g, "");
  return isRegionName(r) ? REGIONS[r].availabilityZones : undefined;
}

export const zonesInCatalogue: PolicyRule = {
  name: "zones-in-catalogue",
  description: "Zonal and zone-redundant settings name only zones the resource's region has (region catalogue).",
  severity: "error",
  check(resource) {
    if (!resource.type.startsWith("azure-native:")) return [];
    const i = resource.inputs as Record<string, unknown>;
    const location = typeof i.location === "string" ? i.location : "";
    const out: string[] = [];
    const checkZones = (field: string, region: string, values: unknown) => {
      const zones = zonesOf(region);
      if (!zones) return;
      const list = (Array.isArray(values) ? values : [values]).map(String).filter((z) => z !== "");
      const bad = list.filter((z) => !zones.includes(z));
      if (bad.length > 0) {
        out.push(
          `${field} ${bad.join(", ")} in ${region}, which has ${zones.length ? `zones ${zones.join(", ")}` : "no availability zones"} (${SOURCE})`,
        );
      }
    };
    const checkRedundant = (field: string, region: string, on: boolean) => {
      const zones = zonesOf(region);
      if (on && zones && zones.length === 0) out.push(`${field} is on in ${region}, which has no availability zones (${SOURCE})`);
    };
    if (i.zones !== undefined) checkZones("zones", location, i.zones);
    if (i.availabilityZone !== undefined) checkZones("availabilityZone", location, i.availabilityZone);
    const ha = i.highAvailability as { standbyAvailabilityZone?: string } | undefined;
    if (ha?.standbyAvailabilityZone !== undefined)
      checkZones("highAvailability.standbyAvailabilityZone", location, ha.standbyAvailabilityZone);
    for (const [n, pool] of ((i.agentPoolProfiles ?? []) as { name?: string; availabilityZones?: string[] }[]).entries()) {
      if (pool.availabilityZones) checkZones(`agentPoolProfiles[${n}].availabilityZones`, location, pool.availabilityZones);
    }
    for (const [n, l] of ((i.locations ?? []) as { locationName?: string; isZoneRedundant?: boolean }[]).entries()) {
      if (l.locationName) checkRedundant(`locations[${n}].isZoneRedundant`, l.locationName, l.isZoneRedundant === true);
    }
    if (typeof i.zoneRedundancy === "string") checkRedundant("zoneRedundancy", location, i.zoneRedundancy === "Enabled");
    // VPN gateway AZ SKUs spread over zones: https://learn.microsoft.com/azure/vpn-gateway/about-zone-redundant-vnet-gateways
    const sku = (i.sku as { name?: string } | undefined)?.name;
    if (resource.type === "azure-native:network:VirtualNetworkGateway" && typeof sku === "string") {
      checkRedundant(`sku ${sku}`, location, /AZ$/.test(sku));
    }
    return out;
  },
};
