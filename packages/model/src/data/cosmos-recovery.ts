/**
 * Cosmos DB's cross-region recovery, decided in docs/adr/0100:
 * - Service-managed failover on: during a write-region outage Azure moves writes to the next region by
 *   priority; a manual failover (failover-priority-change) needs both regions up, so it is the drill, not the
 *   outage path. For an outage Azure does not fail over, the forced path is taking the region offline
 *   (databaseAccounts/offlineRegion).
 * - Consistency meets the design's cross-region RPO < 5 min: with one write region, Bounded Staleness bounds
 *   the loss by K (versions) and T (seconds); Session, Consistent Prefix and Eventual give < 15 min. For a
 *   multi-region account the smallest bounds are K = 100,000 and T = 300 s, so T = 300 s is the target.
 * Sources: https://learn.microsoft.com/azure/reliability/reliability-cosmos-db-nosql
 *          https://learn.microsoft.com/azure/cosmos-db/consistency-levels
 */

/** The design's cross-region RPO: 5 minutes. */
export const CROSS_REGION_RPO_SECONDS = 300;

export type CosmosConsistencyModel =
  | { defaultConsistencyLevel: "BoundedStaleness"; maxIntervalInSeconds: number; maxStalenessPrefix: number }
  | { defaultConsistencyLevel: "Session" | "Strong" | "Eventual" | "ConsistentPrefix" };

/** The consistency of an account with `locations` regions and one write region. */
export function cosmosConsistency(locations: number): CosmosConsistencyModel {
  if (locations < 2) return { defaultConsistencyLevel: "Session" };
  return {
    defaultConsistencyLevel: "BoundedStaleness",
    maxIntervalInSeconds: CROSS_REGION_RPO_SECONDS,
    maxStalenessPrefix: 100_000,
  };
}

/** The cross-region RPO a consistency gives an account with one write region, in seconds (documented bounds). */
export function crossRegionRpoSeconds(consistency: { defaultConsistencyLevel?: string; maxIntervalInSeconds?: number }): number {
  switch (consistency.defaultConsistencyLevel) {
    case "Strong":
      return 0;
    case "BoundedStaleness":
      return consistency.maxIntervalInSeconds ?? 86_400;
    default:
      return 15 * 60;
  }
}
