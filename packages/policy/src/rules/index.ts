import type { PolicyRule } from "../types.ts";
import { allowedLocations } from "./allowed-locations.ts";
import { DEPLOYABILITY_RULES } from "./deployability.ts";
import { hubAndSpokePeering } from "./hub-and-spoke-peering.ts";
import { multicloudEuRegions } from "./multicloud-eu-regions.ts";
import { noPremiumInDev } from "./no-premium-in-dev.ts";
import { noPublicNetworkAccess } from "./no-public-network-access.ts";
import { noRetiredVmSizes } from "./no-retired-vm-sizes.ts";
import { protectStatefulInProduction } from "./protect-stateful-in-production.ts";
import { requiredTags } from "./required-tags.ts";
import { tlsMinimumVersion } from "./tls-minimum-version.ts";

/** Every rule the offline plan applies (and a CrossGuard pack would wrap). */
export const RULES: readonly PolicyRule[] = [
  allowedLocations,
  requiredTags,
  hubAndSpokePeering,
  multicloudEuRegions,
  noRetiredVmSizes,
  noPublicNetworkAccess,
  tlsMinimumVersion,
  protectStatefulInProduction,
  noPremiumInDev,
  ...DEPLOYABILITY_RULES,
];
export * from "./deployability.ts";
export {
  allowedLocations,
  hubAndSpokePeering,
  multicloudEuRegions,
  noPremiumInDev,
  noPublicNetworkAccess,
  noRetiredVmSizes,
  protectStatefulInProduction,
  requiredTags,
  tlsMinimumVersion,
};
