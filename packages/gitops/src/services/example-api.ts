/**
 * The example service on the golden path (services/example-api), in every environment: a canary rollout
 * behind the platform Gateway at api.<the environment's public zone>, scaling on CPU, its schema migrated
 * by a PreSync Job from the same image, feature flags through flagd.
 * Data access: in the managed environments the service signs in to PostgreSQL (through the built-in
 * PgBouncer) and to Azure Managed Redis with Entra ID tokens of its own user-assigned identity (no
 * password anywhere); the data stack creates that identity from SERVICE_DATA_ACCESS in @plugilo/model
 * (federated with both clusters), its PostgreSQL role and its Redis access policy assignment. In dev the
 * databases run in the clusters with the operators' generated passwords.
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
    : {};
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
    ...(managed ? {} : { secrets: { DATABASE_PASSWORD: "example-api-database-password" } }),
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
