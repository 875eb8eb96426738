/**
 * The rules that turn what Azure would reject or break at deployment into plan findings (docs/azure-review.md
 * lists each with its source): per-resource rules, and plan rules that join resources of several stacks.
 */
import type { PlanRule, PolicyRule } from "../types.ts";
import { aksPrivateDnsZone } from "./aks-private-dns-zone.ts";
import { apimOutboundDependencies } from "./apim-outbound-dependencies.ts";
import { catalogueRestrictions } from "./catalogue-restrictions.ts";
import { cosmosCrossRegionRpo, cosmosServiceManagedFailover } from "./cosmos-failover-and-rpo.ts";
import { frontDoorOriginHost } from "./front-door-origin-host.ts";
import { frontDoorPrivateLinkLocation, frontDoorPrivateLinkLocationOffered } from "./front-door-private-link-location.ts";
import { privateEndpointSharedZone, sharedServicesPerRegion } from "./private-endpoint-dns.ts";
import { metricAlertNames, recoveryAlerts } from "./recovery-alerts.ts";
import { redisOssShardPorts } from "./redis-oss-shard-ports.ts";
import { zonesInCatalogue } from "./zones-in-catalogue.ts";

export const DEPLOYABILITY_RULES: readonly PolicyRule[] = [
  aksPrivateDnsZone,
  redisOssShardPorts,
  cosmosServiceManagedFailover,
  cosmosCrossRegionRpo,
  catalogueRestrictions,
  frontDoorPrivateLinkLocationOffered,
  frontDoorPrivateLinkLocation,
  metricAlertNames,
  zonesInCatalogue,
];

export const PLAN_RULES: readonly PlanRule[] = [
  apimOutboundDependencies,
  frontDoorOriginHost,
  privateEndpointSharedZone,
  sharedServicesPerRegion,
  recoveryAlerts,
];

export {
  aksPrivateDnsZone,
  apimOutboundDependencies,
  catalogueRestrictions,
  cosmosCrossRegionRpo,
  cosmosServiceManagedFailover,
  frontDoorOriginHost,
  frontDoorPrivateLinkLocation,
  frontDoorPrivateLinkLocationOffered,
  metricAlertNames,
  privateEndpointSharedZone,
  recoveryAlerts,
  redisOssShardPorts,
  sharedServicesPerRegion,
  zonesInCatalogue,
};
