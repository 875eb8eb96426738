/**
 * A Cosmos DB account with more than one region and one write region:
 * - error without service-managed failover: a manual failover (failover-priority-change) does not succeed
 *   while the write region is down, so during the outage the second region is for, writes stay down;
 * - warning when its consistency does not bound the cross-region RPO within the design's 5 minutes:
 *   Session, Consistent Prefix and Eventual are documented at < 15 min; Bounded Staleness at T seconds.
 * Sources: https://learn.microsoft.com/azure/reliability/reliability-cosmos-db-nosql
 *          https://learn.microsoft.com/azure/cosmos-db/consistency-levels
 */
import { CROSS_REGION_RPO_SECONDS, crossRegionRpoSeconds } from "@plugilo/model";
import type { PolicyRule } from "../types.ts";

interface AccountInputs {
  locations?: unknown[];
  enableAutomaticFailover?: boolean;
  enableMultipleWriteLocations?: boolean;
  consistencyPolicy?: { defaultConsistencyLevel?: string; maxIntervalInSeconds?: number };
}

const multiRegionSingleWrite = (inputs: AccountInputs) =>
  (inputs.locations?.length ?? 0) > 1 && inputs.enableMultipleWriteLocations !== true;

export const cosmosServiceManagedFailover: PolicyRule = {
  name: "cosmos-service-managed-failover",
  description:
    "A multi-region, single-write Cosmos DB account has service-managed failover on: a manual failover cannot run while the write region is down.",
  severity: "error",
  check(resource) {
    if (resource.type !== "azure-native:cosmosdb:DatabaseAccount") return [];
    const inputs = resource.inputs as AccountInputs;
    if (!multiRegionSingleWrite(inputs) || inputs.enableAutomaticFailover === true) return [];
    return [
      "enableAutomaticFailover is off: a manual failover (failover-priority-change) does not succeed while the write region is down, so writes stay down for the whole regional outage; turn service-managed failover on (https://learn.microsoft.com/azure/reliability/reliability-cosmos-db-nosql)",
    ];
  },
};

export const cosmosCrossRegionRpo: PolicyRule = {
  name: "cosmos-cross-region-rpo",
  description:
    "A multi-region, single-write Cosmos DB account's consistency bounds the cross-region RPO within 5 minutes, or the plan says it does not.",
  severity: "warning",
  check(resource) {
    if (resource.type !== "azure-native:cosmosdb:DatabaseAccount") return [];
    const inputs = resource.inputs as AccountInputs;
    if (!multiRegionSingleWrite(inputs)) return [];
    const policy = inputs.consistencyPolicy ?? {};
    const rpo = crossRegionRpoSeconds(policy);
    if (rpo <= CROSS_REGION_RPO_SECONDS) return [];
    return [
      `Cosmos DB cross-region RPO is up to ${rpo} s with ${policy.defaultConsistencyLevel ?? "the default"} consistency, above the design's ${CROSS_REGION_RPO_SECONDS} s: a germanywestcentral outage can lose that much acknowledged writes; use Bounded Staleness with maxIntervalInSeconds <= ${CROSS_REGION_RPO_SECONDS} (or Strong), or accept it in docs/data-recovery.md (https://learn.microsoft.com/azure/cosmos-db/consistency-levels)`,
    ];
  },
};
