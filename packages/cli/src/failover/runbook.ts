/**
 * The cross-region failover runbook of an environment, as data: for each service the ordered steps
 * (preconditions, actions, post-checks) with the exact Azure resources from the model, and the expected
 * recovery time. Pure: `plugilo failover` prints it (dry run) or hands it to the executor (--execute).
 * Mechanisms (docs/adr/0180, docs/data-recovery.md):
 * - Front Door: disable the failed region's origins, so traffic stops before the writers move;
 * - PostgreSQL: promote the other region's read replica to primary ("switchover"); the writer virtual endpoint
 *   follows; then switch on the HA mode the new region allows;
 * - Cosmos DB: a planned drill changes the failover priorities; an outage takes the failed region offline;
 * - Redis (active geo-replication): the surviving cache keeps serving; an outage force-unlinks the failed cache.
 */
import type { EnvironmentModel, RegionName } from "@plugilo/model";

export const FAILOVER_SERVICES = ["postgresql", "cosmos", "redis", "front-door"] as const;
export type FailoverService = (typeof FAILOVER_SERVICES)[number];

/**
 * The order of `all`: traffic first (the failed region's origins out, so nothing keeps writing to the old
 * primaries while they move), then the relational writer (the longest step), then Cosmos DB and Redis.
 */
export const FAILOVER_ORDER: readonly FailoverService[] = ["front-door", "postgresql", "cosmos", "redis"];

interface ArmTarget {
  subscriptionId: string;
  resourceGroup: string;
}

/** One Azure operation, in the shape of the SDK call that performs it (packages/cli/src/failover/arm-operations.ts). */
export type FailoverOperation =
  | (ArmTarget & { kind: "postgresql.expectRole"; server: string; roles: string[]; replicationActive: boolean })
  | (ArmTarget & { kind: "postgresql.promote"; server: string; promoteOption: "Planned" | "Forced" })
  | (ArmTarget & { kind: "postgresql.highAvailability"; server: string; mode: "SameZone" | "ZoneRedundant" })
  | (ArmTarget & { kind: "postgresql.expectWriter"; server: string; virtualEndpoint: string })
  | (ArmTarget & { kind: "cosmos.expectRegions"; account: string; regions: string[] })
  | (ArmTarget & {
      kind: "cosmos.failoverPriorityChange";
      account: string;
      failoverPolicies: { locationName: string; failoverPriority: number }[];
    })
  | (ArmTarget & { kind: "cosmos.offlineRegion"; account: string; region: string })
  | (ArmTarget & { kind: "cosmos.expectWriteRegion"; account: string; region: string })
  | (ArmTarget & { kind: "redis.expectLinked"; cluster: string; database: string; linkedIds: string[]; exact: boolean })
  | (ArmTarget & { kind: "redis.forceUnlink"; cluster: string; database: string; ids: string[] })
  | (ArmTarget & {
      kind: "frontDoor.expectOrigin";
      profile: string;
      originGroup: string;
      origin: string;
      enabledState: "Enabled" | "Disabled";
    })
  | (ArmTarget & {
      kind: "frontDoor.setOrigin";
      profile: string;
      originGroup: string;
      origin: string;
      enabledState: "Enabled" | "Disabled";
    });

export interface FailoverStep {
  phase: "precondition" | "action" | "post-check";
  /** What the step does, in one line. */
  title: string;
  /** The ARM ID of the resource the step reads or changes. */
  resource: string;
  /** The Azure CLI equivalent, for an operator without this tool. */
  az?: string;
  operation: FailoverOperation;
}

export interface ServiceRunbook {
  service: FailoverService;
  from: RegionName;
  to: RegionName;
  forced: boolean;
  steps: FailoverStep[];
  /** Expected recovery time and data loss, with their source. */
  rto: string;
  rpo: string;
  /** What the operator does outside this command (afterwards, or when a step cannot apply). */
  notes: string[];
}

export interface FailoverRequest {
  to?: string;
  /** The source region is down: do not wait for replication, take the region offline. */
  forced?: boolean;
}

/** A runbook that cannot apply to this environment: printed as the reason, exit 2. */
export class NotApplicable extends Error {}

export function failoverDirection(model: EnvironmentModel, to: string | undefined): { from: RegionName; to: RegionName } {
  const primary = model.regions.primary.name;
  const secondary = model.regions.secondary.name;
  const target = to ?? secondary;
  if (target !== primary && target !== secondary) {
    throw new NotApplicable(`--to ${target}: ${model.name} runs in ${primary} and ${secondary} only`);
  }
  return { from: target === primary ? secondary : primary, to: target as RegionName };
}

/** Cosmos DB names regions with spaces between capitalized words ("Germany West Central"). */
function cosmosRegionName(model: EnvironmentModel, region: RegionName): string {
  const capability = [model.regions.primary, model.regions.secondary].find((r) => r.name === region);
  return (capability?.displayName ?? region).replace(/\s*\(.*\)$/, "");
}

function armTarget(id: string): ArmTarget {
  const m = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\//i.exec(id);
  if (!m) throw new Error(`not an ARM resource ID: ${id}`);
  return { subscriptionId: m[1] as string, resourceGroup: m[2] as string };
}

function postgresql(model: EnvironmentModel, from: RegionName, to: RegionName, forced: boolean): ServiceRunbook {
  const pg = model.data.postgresql;
  if (!pg) throw new NotApplicable(`${model.name} has no managed PostgreSQL (data.mode ${model.data.mode})`);
  const servers = [pg.primary, ...pg.replicas];
  const target = servers.find((s) => s.region === to);
  const source = servers.find((s) => s.region === from && s.role === "primary") ?? servers.find((s) => s.region === from);
  const ve = pg.virtualEndpoint;
  if (!target || !source || !ve) {
    throw new NotApplicable(
      `${model.name}: PostgreSQL has no read replica in ${to} with a virtual endpoint (data.postgresql.readReplicas.secondaryRegion)`,
    );
  }
  const at = armTarget(target.id);
  const option = forced ? "Forced" : "Planned";
  const steps: FailoverStep[] = [
    {
      phase: "precondition",
      title: `${target.name} is a read replica${forced ? "" : " whose replication is active (Planned waits for it to catch up)"}`,
      resource: target.id,
      operation: {
        kind: "postgresql.expectRole",
        ...at,
        server: target.name,
        roles: ["AsyncReplica", "GeoAsyncReplica"],
        replicationActive: !forced,
      },
    },
    {
      phase: "action",
      title: `promote ${target.name} to primary server (switchover, ${option}): ${source.name} becomes its replica, the writer endpoint ${ve.writerHost} follows`,
      resource: target.id,
      az: `az postgres flexible-server replica promote -g ${at.resourceGroup} -n ${target.name} --promote-mode switchover --promote-option ${option.toLowerCase()}`,
      operation: { kind: "postgresql.promote", ...at, server: target.name, promoteOption: option },
    },
  ];
  const ha = to === model.regions.primary.name ? pg.highAvailability.mode : pg.failoverHighAvailabilityMode;
  if (ha !== "Disabled") {
    steps.push({
      phase: "action",
      title: `high availability ${ha} on the new primary ${target.name}`,
      resource: target.id,
      az: `az postgres flexible-server update -g ${at.resourceGroup} -n ${target.name} --high-availability ${ha}`,
      operation: { kind: "postgresql.highAvailability", ...at, server: target.name, mode: ha },
    });
  }
  steps.push({
    phase: "post-check",
    title: `${target.name} is the primary and the virtual endpoint ${ve.name} writes to it`,
    resource: `${target.id}/virtualEndpoints/${ve.name}`,
    operation: { kind: "postgresql.expectWriter", ...at, server: target.name, virtualEndpoint: ve.name },
  });
  return {
    service: "postgresql",
    from,
    to,
    forced,
    steps,
    rto: "< 15 min (the design's cross-region target; docs/data-recovery.md)",
    rpo: forced
      ? "the replication lag at the time of the outage (alert above 5 min)"
      : "0: Planned waits until the replica has caught up",
    notes: [
      `services connect through ${ve.writerHost}: no connection string changes`,
      `after the failover the data stack's model (primary in ${model.regions.primary.name}) differs from Azure: do not deploy the data stack until the failback`,
    ],
  };
}

function cosmos(model: EnvironmentModel, from: RegionName, to: RegionName, forced: boolean): ServiceRunbook {
  const account = model.data.cosmos;
  if (!account) throw new NotApplicable(`${model.name} has no Cosmos DB account (data.mode ${model.data.mode})`);
  const at = armTarget(account.id);
  const fromName = cosmosRegionName(model, from);
  const toName = cosmosRegionName(model, to);
  const steps: FailoverStep[] = [
    {
      phase: "precondition",
      title: `${account.name} replicates to ${toName} and ${fromName}`,
      resource: account.id,
      operation: { kind: "cosmos.expectRegions", ...at, account: account.name, regions: [toName, fromName] },
    },
    forced
      ? {
          phase: "action",
          title: `take ${fromName} offline for ${account.name}: ${toName} becomes the write region`,
          resource: account.id,
          az: `az rest --method post --url "https://management.azure.com${account.id}/offlineRegion?api-version=2026-03-15" --body '{"region":"${fromName}"}'`,
          operation: { kind: "cosmos.offlineRegion", ...at, account: account.name, region: fromName },
        }
      : {
          phase: "action",
          title: `failover priorities of ${account.name}: ${to}=0 (write region), ${from}=1`,
          resource: account.id,
          az: `az cosmosdb failover-priority-change --name ${account.name} --resource-group ${at.resourceGroup} --failover-policies ${to}=0 ${from}=1`,
          operation: {
            kind: "cosmos.failoverPriorityChange",
            ...at,
            account: account.name,
            failoverPolicies: [
              { locationName: to, failoverPriority: 0 },
              { locationName: from, failoverPriority: 1 },
            ],
          },
        },
    {
      phase: "post-check",
      title: `${account.name} writes in ${toName}`,
      resource: account.id,
      operation: { kind: "cosmos.expectWriteRegion", ...at, account: account.name, region: toName },
    },
  ];
  return {
    service: "cosmos",
    from,
    to,
    forced,
    steps,
    rto: "< 15 min (docs/data-recovery.md); with service-managed failover Azure may already have moved the write region",
    rpo: forced
      ? "writes not yet replicated from the offline region (session consistency, asynchronous: typically seconds)"
      : "0: a priority change is a graceful switch",
    notes: forced ? [`when ${fromName} recovers, bring it back online (az cosmosdb ... onlineRegion) before a failback`] : [],
  };
}

function redis(model: EnvironmentModel, from: RegionName, to: RegionName, forced: boolean): ServiceRunbook {
  const r = model.data.redis;
  if (r?.mode !== "active-geo-replication") {
    throw new NotApplicable(
      `${model.name}: Redis has no second region (mode ${r?.mode ?? "in-cluster"}): a regional outage loses the cache, rebuilt from the databases`,
    );
  }
  const survivor = r.caches.find((c) => c.region === to);
  const failed = r.caches.find((c) => c.region === from);
  if (!survivor || !failed) throw new NotApplicable(`${model.name}: Redis has no cache in ${!survivor ? to : from}`);
  const at = armTarget(survivor.id);
  const steps: FailoverStep[] = [
    {
      phase: "precondition",
      title: `${survivor.name} serves its own endpoint ${survivor.hostName}:${r.port} and is linked in ${r.geoReplicationGroup}`,
      resource: survivor.databaseId,
      operation: {
        kind: "redis.expectLinked",
        ...at,
        cluster: survivor.name,
        database: "default",
        linkedIds: [survivor.databaseId, failed.databaseId],
        exact: false,
      },
    },
  ];
  if (forced) {
    steps.push(
      {
        phase: "action",
        title: `force-unlink ${failed.name} (${from}) from ${r.geoReplicationGroup}, through ${survivor.name}`,
        resource: survivor.databaseId,
        az: `az redisenterprise database force-unlink --cluster-name ${survivor.name} -g ${at.resourceGroup} --unlink-ids ${failed.databaseId}`,
        operation: { kind: "redis.forceUnlink", ...at, cluster: survivor.name, database: "default", ids: [failed.databaseId] },
      },
      {
        phase: "post-check",
        title: `${survivor.name} no longer lists ${failed.name} in its replication group`,
        resource: survivor.databaseId,
        operation: {
          kind: "redis.expectLinked",
          ...at,
          cluster: survivor.name,
          database: "default",
          linkedIds: [survivor.databaseId],
          exact: true,
        },
      },
    );
  }
  return {
    service: "redis",
    from,
    to,
    forced,
    steps,
    rto: "minutes: clients already use their own region's cache (docs/data-recovery.md)",
    rpo: "seconds: writes not yet replicated from the failed cache (asynchronous)",
    notes: forced
      ? [`to rejoin ${failed.name} later, it is recreated and linked to ${r.geoReplicationGroup} again (the data stack)`]
      : ["no Azure operation without --forced: both caches are writable; --forced unlinks the failed cache during an outage"],
  };
}

function frontDoor(model: EnvironmentModel, from: RegionName, to: RegionName): ServiceRunbook {
  const fd = model.edge.frontDoor;
  const at = armTarget(fd.profileId);
  const steps: FailoverStep[] = [];
  const notes: string[] = [];
  for (const group of fd.originGroups) {
    const leaving = group.origins.filter((o) => o.region === from);
    const staying = group.origins.filter((o) => o.region !== from);
    if (leaving.length === 0) continue;
    if (staying.length === 0) {
      notes.push(
        `origin group ${group.name} has no origin outside ${from} (${leaving.map((o) => o.name).join(", ")}): left enabled; its recovery is a redeployment (docs/adr/0021)`,
      );
      continue;
    }
    const origin = (o: { name: string }, enabledState: "Enabled" | "Disabled") => ({
      ...at,
      profile: fd.profileName,
      originGroup: group.name,
      origin: o.name,
      enabledState,
    });
    for (const o of staying) {
      steps.push({
        phase: "precondition",
        title: `origin ${group.name}/${o.name} (${o.region}) is enabled`,
        resource: `${group.id}/origins/${o.name}`,
        operation: { kind: "frontDoor.expectOrigin", ...origin(o, "Enabled") },
      });
    }
    for (const o of leaving) {
      steps.push({
        phase: "action",
        title: `disable origin ${group.name}/${o.name} (${o.region})`,
        resource: `${group.id}/origins/${o.name}`,
        az: `az afd origin update -g ${at.resourceGroup} --profile-name ${fd.profileName} --origin-group-name ${group.name} --origin-name ${o.name} --enabled-state Disabled`,
        operation: { kind: "frontDoor.setOrigin", ...origin(o, "Disabled") },
      });
    }
    for (const o of leaving) {
      steps.push({
        phase: "post-check",
        title: `origin ${group.name}/${o.name} is disabled`,
        resource: `${group.id}/origins/${o.name}`,
        operation: { kind: "frontDoor.expectOrigin", ...origin(o, "Disabled") },
      });
    }
  }
  if (steps.length === 0)
    throw new NotApplicable(`${model.name}: Front Door has no origin in ${from} that another region can replace`);
  notes.push(`failback: plugilo deploy ${model.name} --stack edge --yes enables every origin again (the model's state)`);
  return {
    service: "front-door",
    from,
    to,
    forced: false,
    steps,
    rto: "minutes: the configuration change reaches Front Door's edge locations",
    rpo: "none: Front Door holds no data",
    notes,
  };
}

export function serviceRunbook(model: EnvironmentModel, service: FailoverService, request: FailoverRequest = {}): ServiceRunbook {
  const { from, to } = failoverDirection(model, request.to);
  const forced = request.forced ?? false;
  switch (service) {
    case "postgresql":
      return postgresql(model, from, to, forced);
    case "cosmos":
      return cosmos(model, from, to, forced);
    case "redis":
      return redis(model, from, to, forced);
    case "front-door":
      return frontDoor(model, from, to);
  }
}

/** `all`: every service that applies to the environment, in FAILOVER_ORDER; the others with their reason. */
export function allRunbooks(
  model: EnvironmentModel,
  request: FailoverRequest = {},
): { runbooks: ServiceRunbook[]; skipped: { service: FailoverService; reason: string }[] } {
  const runbooks: ServiceRunbook[] = [];
  const skipped: { service: FailoverService; reason: string }[] = [];
  for (const service of FAILOVER_ORDER) {
    try {
      runbooks.push(serviceRunbook(model, service, request));
    } catch (e) {
      if (!(e instanceof NotApplicable)) throw e;
      skipped.push({ service, reason: e.message });
    }
  }
  return { runbooks, skipped };
}
