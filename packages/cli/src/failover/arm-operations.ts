/**
 * Performs one failover operation through the Azure SDK for JavaScript (docs/adr/0180). Each long-running
 * operation is awaited through the SDK's poller (Azure-AsyncOperation or Location header, as the service
 * answers), reporting its status while it runs; an AbortSignal bounds every request and every wait.
 * Operation names and shapes, from the SDK types:
 * - PostgreSQL: servers.get, servers.beginUpdate({ replica: { promoteMode, promoteOption } }),
 *   servers.beginUpdate({ highAvailability: { mode } }), virtualEndpoints.get
 *   (https://learn.microsoft.com/azure/postgresql/read-replica/concepts-read-replica-promote);
 * - Cosmos DB: databaseAccounts.get, .failoverPriorityChange, .offlineRegion
 *   (https://learn.microsoft.com/rest/api/cosmos-db-resource-provider/database-accounts/failover-priority-change);
 * - Azure Managed Redis: databases.get, databases.beginForceUnlink
 *   (https://learn.microsoft.com/azure/redis/how-to-active-geo-replication);
 * - Front Door Standard/Premium: afdOrigins.get, afdOrigins.beginUpdate({ enabledState }).
 */
import { CdnManagementClient } from "@azure/arm-cdn";
import { CosmosDBManagementClient } from "@azure/arm-cosmosdb";
import { PostgreSQLManagementFlexibleServerClient } from "@azure/arm-postgresql-flexible";
import { RedisEnterpriseManagementClient } from "@azure/arm-redisenterprisecache";
import type { TokenCredential } from "@azure/identity";
import type { FailoverOperation } from "./runbook.ts";

/** The API version of Azure Managed Redis the data stack deploys with (@pulumi/azure-native redisenterprise). */
const MANAGED_REDIS_API_VERSION = "2025-07-01";

export interface ArmConnection {
  credential: TokenCredential;
  /** Azure Resource Manager; default https://management.azure.com. */
  endpoint?: string;
  /** Extra trusted CA certificates (PEM), for a private ARM endpoint. */
  ca?: string;
  /** How often a long-running operation is polled when the service sends no Retry-After. */
  pollIntervalMs?: number;
}

/** A precondition or post-check that Azure's answer does not meet. */
export class CheckFailed extends Error {}

export type ProgressReporter = (status: string) => void;

interface Poller {
  /** core-lro 3 states carry a status; the older pollers (Redis, Front Door) only whether they completed. */
  onProgress(callback: (state: { status?: string; isCompleted?: boolean }) => void): unknown;
  pollUntilDone(options?: { abortSignal?: AbortSignal }): Promise<unknown>;
}

/** The SDK clients of one subscription, created on first use. */
export class ArmClients {
  readonly #connection: ArmConnection;
  readonly #clients = new Map<string, unknown>();

  constructor(connection: ArmConnection) {
    this.#connection = connection;
  }

  #options() {
    const endpoint = this.#connection.endpoint ?? "https://management.azure.com";
    return {
      endpoint,
      $host: endpoint,
      ...(this.#connection.ca ? { tlsOptions: { ca: this.#connection.ca } } : {}),
    };
  }

  #client<T>(kind: string, subscriptionId: string, create: () => T): T {
    const key = `${kind}/${subscriptionId}`;
    if (!this.#clients.has(key)) this.#clients.set(key, create());
    return this.#clients.get(key) as T;
  }

  postgresql(subscriptionId: string): PostgreSQLManagementFlexibleServerClient {
    return this.#client(
      "postgresql",
      subscriptionId,
      () => new PostgreSQLManagementFlexibleServerClient(this.#connection.credential, subscriptionId, this.#options()),
    );
  }

  cosmos(subscriptionId: string): CosmosDBManagementClient {
    return this.#client(
      "cosmos",
      subscriptionId,
      () => new CosmosDBManagementClient(this.#connection.credential, subscriptionId, this.#options()),
    );
  }

  redis(subscriptionId: string): RedisEnterpriseManagementClient {
    return this.#client(
      "redis",
      subscriptionId,
      () =>
        new RedisEnterpriseManagementClient(this.#connection.credential, subscriptionId, {
          ...this.#options(),
          apiVersion: MANAGED_REDIS_API_VERSION,
        }),
    );
  }

  cdn(subscriptionId: string): CdnManagementClient {
    return this.#client(
      "cdn",
      subscriptionId,
      () => new CdnManagementClient(this.#connection.credential, subscriptionId, this.#options()),
    );
  }

  get pollIntervalMs(): number {
    return this.#connection.pollIntervalMs ?? 10_000;
  }
}

async function untilDone(poller: Poller, progress: ProgressReporter, abortSignal: AbortSignal): Promise<void> {
  let last = "";
  poller.onProgress((state) => {
    const status = state.status ?? (state.isCompleted ? "succeeded" : "running");
    if (status !== last) progress(status);
    last = status;
  });
  await poller.pollUntilDone({ abortSignal });
}

/** Performs one operation; throws CheckFailed when a check does not hold, the SDK's error when Azure refuses. */
export async function performOperation(
  clients: ArmClients,
  op: FailoverOperation,
  progress: ProgressReporter,
  abortSignal: AbortSignal,
): Promise<string> {
  const lro = { updateIntervalInMs: clients.pollIntervalMs, abortSignal };
  switch (op.kind) {
    case "postgresql.expectRole": {
      const server = await clients.postgresql(op.subscriptionId).servers.get(op.resourceGroup, op.server, { abortSignal });
      const role = server.replica?.role ?? "None";
      if (!op.roles.includes(role))
        throw new CheckFailed(`${op.server} has replication role ${role}, expected ${op.roles.join(" or ")}`);
      const replication = server.replica?.replicationState ?? "unknown";
      if (op.replicationActive && replication !== "Active") {
        throw new CheckFailed(
          `${op.server} replication state is ${replication}, not Active: a Planned promotion would wait; use --forced if the primary region is down`,
        );
      }
      return `${op.server}: ${role}, replication ${replication}`;
    }
    case "postgresql.promote": {
      const poller = await clients
        .postgresql(op.subscriptionId)
        .servers.beginUpdate(
          op.resourceGroup,
          op.server,
          { replica: { promoteMode: "Switchover", promoteOption: op.promoteOption } },
          lro,
        );
      await untilDone(poller, progress, abortSignal);
      return `${op.server} promoted`;
    }
    case "postgresql.highAvailability": {
      const poller = await clients
        .postgresql(op.subscriptionId)
        .servers.beginUpdate(op.resourceGroup, op.server, { highAvailability: { mode: op.mode } }, lro);
      await untilDone(poller, progress, abortSignal);
      return `${op.server}: high availability ${op.mode}`;
    }
    case "postgresql.expectWriter": {
      const client = clients.postgresql(op.subscriptionId);
      const server = await client.servers.get(op.resourceGroup, op.server, { abortSignal });
      if (server.replica?.role !== "Primary") {
        throw new CheckFailed(
          `${op.server} has replication role ${server.replica?.role ?? "None"} after the promotion, expected Primary`,
        );
      }
      const ve = await client.virtualEndpoints.get(op.resourceGroup, op.server, op.virtualEndpoint, { abortSignal });
      if (ve.endpointType !== "ReadWrite")
        throw new CheckFailed(`virtual endpoint ${op.virtualEndpoint} is ${ve.endpointType}, expected ReadWrite`);
      return `${op.server} is Primary; ${op.virtualEndpoint}: ${(ve.virtualEndpoints ?? []).join(", ")}`;
    }
    case "cosmos.expectRegions": {
      const account = await clients.cosmos(op.subscriptionId).databaseAccounts.get(op.resourceGroup, op.account, { abortSignal });
      const regions = (account.locations ?? []).map((l) => l.locationName ?? "");
      const missing = op.regions.filter((r) => !regions.includes(r));
      if (missing.length)
        throw new CheckFailed(`${op.account} has no location ${missing.join(", ")} (has ${regions.join(", ")})`);
      return `${op.account}: ${regions.join(", ")}`;
    }
    case "cosmos.failoverPriorityChange": {
      const poller = clients
        .cosmos(op.subscriptionId)
        .databaseAccounts.failoverPriorityChange(op.resourceGroup, op.account, { failoverPolicies: op.failoverPolicies }, lro);
      await untilDone(poller, progress, abortSignal);
      return `${op.account}: ${op.failoverPolicies.map((p) => `${p.locationName}=${p.failoverPriority}`).join(" ")}`;
    }
    case "cosmos.offlineRegion": {
      const poller = clients
        .cosmos(op.subscriptionId)
        .databaseAccounts.offlineRegion(op.resourceGroup, op.account, { region: op.region }, lro);
      await untilDone(poller, progress, abortSignal);
      return `${op.account}: ${op.region} offline`;
    }
    case "cosmos.expectWriteRegion": {
      const account = await clients.cosmos(op.subscriptionId).databaseAccounts.get(op.resourceGroup, op.account, { abortSignal });
      const writes = (account.writeLocations ?? []).map((l) => l.locationName ?? "");
      if (!writes.includes(op.region))
        throw new CheckFailed(`${op.account} writes in ${writes.join(", ") || "no region"}, expected ${op.region}`);
      return `${op.account} writes in ${op.region}`;
    }
    case "redis.expectLinked": {
      const db = await clients.redis(op.subscriptionId).databases.get(op.resourceGroup, op.cluster, op.database, { abortSignal });
      const linked = (db.geoReplication?.linkedDatabases ?? []).map((l) => (l.id ?? "").toLowerCase()).sort();
      const expected = op.linkedIds.map((id) => id.toLowerCase()).sort();
      const holds = op.exact ? JSON.stringify(linked) === JSON.stringify(expected) : expected.every((id) => linked.includes(id));
      if (!holds) {
        throw new CheckFailed(
          `${op.cluster}/${op.database} links ${linked.join(", ") || "nothing"}, expected ${op.exact ? "exactly " : ""}${expected.join(", ")}`,
        );
      }
      return `${op.cluster}/${op.database}: linked ${linked.length}`;
    }
    case "redis.forceUnlink": {
      const poller = await clients
        .redis(op.subscriptionId)
        .databases.beginForceUnlink(op.resourceGroup, op.cluster, op.database, { ids: op.ids }, lro);
      await untilDone(poller, progress, abortSignal);
      return `${op.cluster}/${op.database}: unlinked ${op.ids.length}`;
    }
    case "frontDoor.expectOrigin": {
      const origin = await clients
        .cdn(op.subscriptionId)
        .afdOrigins.get(op.resourceGroup, op.profile, op.originGroup, op.origin, { abortSignal });
      if (origin.enabledState !== op.enabledState) {
        throw new CheckFailed(
          `origin ${op.originGroup}/${op.origin} is ${origin.enabledState ?? "unknown"}, expected ${op.enabledState}`,
        );
      }
      return `${op.originGroup}/${op.origin}: ${op.enabledState}`;
    }
    case "frontDoor.setOrigin": {
      const poller = await clients
        .cdn(op.subscriptionId)
        .afdOrigins.beginUpdate(op.resourceGroup, op.profile, op.originGroup, op.origin, { enabledState: op.enabledState }, lro);
      await untilDone(poller, progress, abortSignal);
      return `${op.originGroup}/${op.origin}: ${op.enabledState}`;
    }
  }
}
