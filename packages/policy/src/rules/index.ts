import type { PolicyRule } from "../types.ts";
import { allowedLocations } from "./allowed-locations.ts";
import { hubAndSpokePeering } from "./hub-and-spoke-peering.ts";
import { multicloudEuRegions } from "./multicloud-eu-regions.ts";
import { noRetiredVmSizes } from "./no-retired-vm-sizes.ts";
import { requiredTags } from "./required-tags.ts";

/** Every rule the offline plan applies (and a CrossGuard pack would wrap). */
export const RULES: readonly PolicyRule[] = [
  allowedLocations,
  requiredTags,
  hubAndSpokePeering,
  multicloudEuRegions,
  noRetiredVmSizes,
];
export { allowedLocations, hubAndSpokePeering, multicloudEuRegions, noRetiredVmSizes, requiredTags };
