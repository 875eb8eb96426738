/**
 * The example service on the golden path (services/example-api), in every environment: a canary rollout
 * behind the platform Gateway at api.<the environment's public zone>, scaling on CPU, its schema migrated
 * by a Job (an Argo CD Sync hook before the rollout) from the same image, feature flags through flagd.
 * Data access: in the managed environments the service signs in to PostgreSQL (through the built-in
 * PgBouncer) and to Azure Managed Redis with Entra ID tokens of its own user-assigned identity (no
 * password anywhere); the data stack creates that identity from SERVICE_DATA_ACCESS in @plugilo/model
 * (federated with both clusters), its PostgreSQL role and its Redis access policy assignment. In dev the
 * databases run in the clusters (model.data.inCluster): the service connects to CloudNativePG's `<cluster>-rw`
 * Service with the `<cluster>-app` Secret the operator generates, and to the OT redis-operator's
 * `<replication>-master` Service with the instance's password Secret, both mirrored into its namespace
 * (addons/database-operators.ts). https://cloudnative-pg.io/documentation/current/applications/ ,
 * OT-CONTAINER-KIT/redis-operator api/redisreplication/v1beta2 (MasterService: `<name>-master`, port 6379).
 */
import type { EnvironmentModel } from "@plugilo/model";
import type { ClusterContext } from "../context.ts";
import type { PlugiloServiceSpec } from "../plugilo-service.ts";
import { imagePin } from "./image-pins.ts";

/**
 * The client ID and object ID of the service's identity per environment: values Azure invents when the data
 * stack creates the identity. Recorded here from the data stack's `serviceIdentities` output after its first
 * `pulumi up` (like IMAGE_TAGS, by a commit); until then the all-zero placeholder renders and the pods fail
 * to get a token, visibly.
 */
export const IDENTITY_IDS: Readonly<Record<string, { clientId: string; objectId: string }>> = {
  dev: { clientId: "00000000-0000-0000-0000-000000000000", objectId: "00000000-0000-0000-0000-000000000000" },
  staging: { clientId: "00000000-0000-0000-0000-000000000000", objectId: "00000000-0000-0000-0000-000000000000" },
  prod: { clientId: "00000000-0000-0000-0000-000000000000", objectId: "00000000-0000-0000-0000-000000000000" },
};

const DATABASE = "example-api";

export function exampleApi(model: EnvironmentModel, ctx?: ClusterContext): PlugiloServiceSpec {
  const zone = model.dns.publicZones[0]?.name;
  const ids = IDENTITY_IDS[model.name];
  const d = model.data;
  const region = ctx?.cluster.region;
  const redis = d.redis?.caches.find((c) => c.region === region) ?? d.redis?.caches[0];
  const managed = Boolean(d.postgresql && d.pgbouncer && redis && ids);
  const inCluster = managed ? undefined : inClusterConnection(model);
  const data: Record<string, string> = managed
    ? {
        // The built-in PgBouncer (port 6432) on the writer endpoint; the Entra role is the service's name.
        DATABASE_HOST: d.pgbouncer?.host as string,
        DATABASE_PORT: String(d.pgbouncer?.port),
        DATABASE_NAME: DATABASE,
        DATABASE_USER: "example-api",
        DATABASE_AUTH: "entra",
        DATABASE_SSL: "true",
        REDIS_HOST: redis?.hostName as string,
        REDIS_PORT: String(d.redis?.port),
        REDIS_AUTH: "entra",
        REDIS_USER: ids?.objectId as string,
        REDIS_TLS: "true",
      }
    : (inCluster?.config ?? {});
  return {
    name: "example-api",
    team: "platform",
    sourceRepository: "plugilo/example-api",
    // The digest promotion pull requests set (services/images/<env>.yaml).
    image: { repository: "plugilo/example-api", ...imagePin("example-api", model.name) },
    port: 8080,
    replicas: { min: 2, max: model.name === "prod" ? 20 : 4 },
    scaling: { kind: "hpa", cpuUtilization: 70 },
    resources: { cpu: "250m", memory: "256Mi", memoryLimit: "512Mi" },
    probes: { readinessPath: "/ready", livenessPath: "/healthz" },
    config: { LOG_LEVEL: model.name === "prod" ? "info" : "debug", ENVIRONMENT: model.name, ...data },
    ...(inCluster ? { operatorSecrets: inCluster.secrets } : {}),
    ...(ids && managed ? { workloadIdentity: { clientId: ids.clientId } } : {}),
    // node-pg-migrate holds a session advisory lock: the migration connects to the server directly (5432),
    // not through PgBouncer's transaction pooling.
    migrations: {
      args: ["migrate"],
      ...(managed
        ? {
            env: {
              DATABASE_HOST: d.postgresql?.virtualEndpoint?.writerHost ?? (d.postgresql?.primary.fqdn as string),
              DATABASE_PORT: "5432",
            },
          }
        : {}),
    },
    ...(zone ? { hosts: [`api.${zone}`] } : {}),
    featureFlags: {
      "new-checkout": { variants: { on: true, off: false }, defaultVariant: "off" },
      "board-summary": { variants: { on: true, off: false }, defaultVariant: "off" },
    },
  };
}

/**
 * Dev: where the in-cluster instances listen and which operator-generated Secrets hold their credentials.
 * The service's database is one of the CloudNativePG instance's databases, owned by the instance's app user.
 */
function inClusterConnection(model: EnvironmentModel): {
  config: Record<string, string>;
  secrets: NonNullable<PlugiloServiceSpec["operatorSecrets"]>;
} {
  const instances = model.data.inCluster?.instances ?? [];
  const pg = instances.find((i) => i.engine === "postgresql");
  const redis = instances.find((i) => i.engine === "redis");
  if (!pg?.databases.includes(DATABASE))
    throw new Error(`service example-api: environments/${model.name}.yaml data.postgresql.databases does not list "${DATABASE}"`);
  if (!redis) throw new Error(`service example-api: environment ${model.name} runs no in-cluster Redis`);
  return {
    config: {
      DATABASE_HOST: `${pg.name}-rw.${pg.namespace}.svc.cluster.local`,
      DATABASE_PORT: "5432",
      DATABASE_NAME: DATABASE,
      DATABASE_AUTH: "password",
      // CloudNativePG's server certificate is signed by the instance's own CA, which the service does not trust.
      DATABASE_SSL: "false",
      REDIS_HOST: `${redis.name}-master.${redis.namespace}.svc.cluster.local`,
      REDIS_PORT: "6379",
      REDIS_AUTH: "password",
      REDIS_TLS: "false",
    },
    secrets: {
      DATABASE_USER: { namespace: pg.namespace, secret: `${pg.name}-app`, key: "username" },
      DATABASE_PASSWORD: { namespace: pg.namespace, secret: `${pg.name}-app`, key: "password" },
      REDIS_PASSWORD: { namespace: redis.namespace, secret: `${redis.name}-password`, key: "password" },
    },
  };
}
