/**
 * The Key Vault secrets the in-cluster databases (data.mode in-cluster, dev) read through ExternalSecrets and
 * that no operator generates: the Redis password (OT redis-operator's `redisSecret`) and the MongoDB admin
 * password (MCK's `passwordSecretRef`). CloudNativePG generates its own `<cluster>-app` Secret and
 * Elasticsearch (ECK) its `elastic` user's. The shared stack writes these (random, before the clusters that
 * read them); the GitOps layer names the same secrets (packages/gitops/src/addons/database-operators.ts).
 */
import type { EnvironmentModel } from "../core/model.ts";
import type { InClusterInstanceModel } from "./in-cluster.ts";

export interface InClusterSecretModel {
  /** The instance (model.data.inCluster.instances[].name) whose ExternalSecret reads it. */
  instance: string;
  /** The suffix of the secret's name: `password` (Redis) or `admin-password` (MongoDB). */
  key: string;
  /** The Key Vault secret name: `<env>-<instance>-<key>`. */
  secretName: string;
}

/** What each engine needs from Key Vault; engines absent here generate their credentials themselves. */
const KEYS: Partial<Record<InClusterInstanceModel["engine"], string>> = { redis: "password", mongodb: "admin-password" };

export function inClusterSecretName(env: string, instance: string, key: string): string {
  return `${env}-${instance}-${key}`;
}

export function inClusterSecrets(model: Pick<EnvironmentModel, "name" | "data">): InClusterSecretModel[] {
  return (model.data.inCluster?.instances ?? []).flatMap((db) => {
    const key = KEYS[db.engine];
    return key ? [{ instance: db.name, key, secretName: inClusterSecretName(model.name, db.name, key) }] : [];
  });
}
