/** What every part of a rendered service shares: its names, labels, selector, and the add-on check. */
import type { ClusterContext } from "../context.ts";
import type { PlugiloServiceSpec, RolloutStrategy } from "./spec.ts";

export interface ServiceFrame {
  ctx: ClusterContext;
  spec: PlugiloServiceSpec;
  name: string;
  namespace: string;
  strategy: RolloutStrategy;
  /** The service's in-mesh host name. */
  host: string;
  selector: Record<string, string>;
  labels: Record<string, string>;
  meta: (
    objectName: string,
    extra?: Record<string, string>,
  ) => {
    name: string;
    namespace: string;
    labels: Record<string, string>;
  };
  /** Fails, naming the service and what needs it, when an add-on is off in the cluster. */
  needs: (addon: Parameters<ClusterContext["enabled"]>[0], what: string) => void;
  /** Sync-wave annotations of what the migration Job's pod needs (empty without migrations). */
  beforeMigration: Record<string, string>;
}

/** Reloader: a workload that searches is restarted when a ConfigMap or Secret that matches changes. */
export const RELOADER_SEARCH = "reloader.stakater.com/search";
export const RELOADER_MATCH = "reloader.stakater.com/match";
