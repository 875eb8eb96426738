/** The in-cluster databases of non-production (data.mode in-cluster): one instance per engine and cluster, run by the operators. */
import type { ClusterModel } from "../cluster/types.ts";
import type { DataConfig } from "../core/schema.ts";
import type { DataOperatorModel } from "./operators.ts";
import type { DataStorageModel } from "./storage.ts";

export interface InClusterInstanceModel {
  engine: DataOperatorModel["engine"];
  name: string;
  namespace: string;
  /** Every cluster runs its own instance: dev data is disposable and never crosses regions. */
  clusters: string[];
  members: number;
  storageGi: number;
  version: string;
  databases: string[];
  /** Where backups go: the data storage account's backups container (CloudNativePG, MCK). */
  backupContainer?: string;
}

export function resolveInCluster(
  data: DataConfig,
  clusters: readonly ClusterModel[],
  storage: DataStorageModel,
  operators: readonly DataOperatorModel[],
): { operators: DataOperatorModel[]; instances: InClusterInstanceModel[] } {
  const names = clusters.map((c) => c.name);
  const mongoDatabases = data.cosmos.databases.map((d) => d.name);
  const backups = storage.containers.includes("backups") ? "backups" : undefined;
  return {
    operators: operators.map((o) => ({ ...o, helm: { ...o.helm } })),
    instances: [
      {
        engine: "postgresql",
        name: "postgres",
        namespace: "data",
        clusters: names,
        members: 1,
        storageGi: 20,
        version: data.postgresql.version,
        databases: [...data.postgresql.databases],
        ...(backups ? { backupContainer: backups } : {}),
      },
      {
        engine: "mongodb",
        name: "mongodb",
        namespace: "data",
        clusters: names,
        members: 1,
        storageGi: 20,
        version: "8.0.12",
        databases: mongoDatabases,
        ...(backups ? { backupContainer: backups } : {}),
      },
      {
        engine: "redis",
        name: "redis",
        namespace: "data",
        clusters: names,
        members: 1,
        storageGi: 5,
        // A release quay.io/opstree/redis publishes (packages/gitops/src/images.ts); it has no 7.4 image.
        version: "7.2.7",
        databases: [],
      },
      {
        engine: "elasticsearch",
        name: "elasticsearch",
        namespace: "data",
        clusters: names,
        members: 1,
        storageGi: 30,
        version: data.elastic.version,
        databases: [],
      },
    ],
  };
}
