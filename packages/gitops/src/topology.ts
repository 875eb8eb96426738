/**
 * Spreading pods over the availability zones of the cluster's region, and over nodes where the region has
 * no zones (germanynorth): the zones come from the region catalogue, never from a guess.
 */
import type { ClusterContext } from "./context.ts";

export const ZONE_KEY = "topology.kubernetes.io/zone";
export const HOSTNAME_KEY = "kubernetes.io/hostname";

export interface SpreadConstraint {
  maxSkew: number;
  topologyKey: string;
  whenUnsatisfiable: "DoNotSchedule" | "ScheduleAnyway";
  labelSelector: { matchLabels: Record<string, string> };
}

/** Zones first (hard), then nodes (soft); nodes only in a region without zones. */
export function spreadConstraints(ctx: ClusterContext, matchLabels: Record<string, string>): SpreadConstraint[] {
  const byNode: SpreadConstraint = {
    maxSkew: 1,
    topologyKey: HOSTNAME_KEY,
    whenUnsatisfiable: "ScheduleAnyway",
    labelSelector: { matchLabels },
  };
  if (ctx.zones.length === 0) return [byNode];
  return [{ maxSkew: 1, topologyKey: ZONE_KEY, whenUnsatisfiable: "DoNotSchedule", labelSelector: { matchLabels } }, byNode];
}

/** Replicas so that every zone has one: at least two, at least one per zone. */
export function replicasPerZone(ctx: ClusterContext, minimum = 2): number {
  return Math.max(minimum, ctx.zones.length);
}
