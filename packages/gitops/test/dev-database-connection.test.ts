// biome-ignore-all lint/suspicious/noExplicitAny: the assertions walk rendered JSON, whose shape the schemas already checked.
/**
 * Dev runs its databases in the clusters (operators): example-api must connect to what the operators create.
 * Literal names from the operators' sources:
 * - CloudNativePG: the read-write Service `<cluster>-rw` and the generated app user Secret `<cluster>-app` with
 *   the keys `username` and `password` (https://cloudnative-pg.io/documentation/current/applications/ ,
 *   pkg/specs/secrets.go); annotations reach the generated Secrets only when the operator's INHERITED_ANNOTATIONS
 *   lists them (https://cloudnative-pg.io/documentation/current/labels_annotations/); a declarative Database
 *   needs spec.cluster, spec.name and spec.owner (the postgresql.cnpg.io/v1 Database CRD).
 * - OT-CONTAINER-KIT redis-operator: a RedisReplication's master Service is `<name>-master`, port 6379
 *   (api/redisreplication/v1beta2, MasterService).
 * - Reflector: reflection-allowed / reflection-allowed-namespaces on the source, reflects: <namespace>/<name>
 *   on the mirror (https://github.com/emberstack/kubernetes-reflector).
 */
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { loadConfig } from "../../../services/example-api/src/config.ts";
import type { RenderedCluster } from "../src/render.ts";
import { exampleApi } from "../src/services/example-api.ts";
import { json, modelWith, renderAll } from "./helpers.ts";

let dev: RenderedCluster[];
before(() => {
  dev = renderAll().dev.clusters;
});

const R = "reflector.v1.k8s.emberstack.com";
const at = (c: RenderedCluster, path: string): any => {
  const f = c.files.find(
    (x) => x.path === `deploy/dev/${c.cluster}/${path}` || x.path === `deploy/dev/services/${c.cluster}/${path}`,
  );
  assert.ok(f, `${c.cluster}: no ${path}`);
  return json(f.object);
};
const envOf = (container: any) =>
  Object.fromEntries((container.env ?? []).map((e: any) => [e.name, e.valueFrom?.secretKeyRef ?? e.value]));

describe("dev: example-api connects to the in-cluster CloudNativePG and OT Redis", () => {
  test("configuration: the operators' Services in namespace data, password auth, the service's own database", () => {
    for (const c of dev) {
      const data = at(c, "example-api/configmap-example-api-config.yaml").data;
      assert.equal(data.DATABASE_HOST, "postgres-rw.data.svc.cluster.local");
      assert.equal(data.DATABASE_PORT, "5432");
      assert.equal(data.DATABASE_NAME, "example-api");
      assert.equal(data.DATABASE_AUTH, "password");
      assert.equal(data.REDIS_HOST, "redis-master.data.svc.cluster.local");
      assert.equal(data.REDIS_PORT, "6379");
      assert.equal(data.REDIS_AUTH, "password");
      assert.equal(data.REDIS_TLS, "false");
    }
  });

  test("credentials: the operators' Secrets, mirrored into the service's namespace; no Key Vault secret", () => {
    for (const c of dev) {
      for (const [file, workload] of [
        ["example-api/rollout-example-api.yaml", "Rollout"],
        ["example-api/job-example-api-migrate.yaml", "Job"],
      ]) {
        const o = at(c, file as string);
        const env = envOf(o.spec.template.spec.containers[0]);
        assert.deepEqual(env.DATABASE_USER, { name: "postgres-app", key: "username" }, `${workload}`);
        assert.deepEqual(env.DATABASE_PASSWORD, { name: "postgres-app", key: "password" }, `${workload}`);
        assert.deepEqual(env.REDIS_PASSWORD, { name: "redis-password", key: "password" }, `${workload}`);
      }
      const pgMirror = at(c, "example-api/secret-postgres-app.yaml");
      assert.equal(pgMirror.metadata.namespace, "example-api");
      assert.equal(pgMirror.metadata.annotations[`${R}/reflects`], "data/postgres-app");
      assert.equal(pgMirror.data, undefined, "Reflector fills it; nothing secret in git");
      const redisMirror = at(c, "example-api/secret-redis-password.yaml");
      assert.equal(redisMirror.metadata.annotations[`${R}/reflects`], "data/redis-password");
      const files = c.files.filter((f) => f.path.startsWith(`deploy/dev/services/${c.cluster}/example-api/`));
      assert.ok(!files.some((f) => f.object.kind === "ExternalSecret"), "no Key Vault secret that nothing writes");
      assert.ok(!JSON.stringify(files.map((f) => json(f.object))).includes("example-api-database-password"));
    }
  });

  test("the sources allow the mirror: CloudNativePG inherits Reflector's annotations onto postgres-app; the Redis Secret carries them", () => {
    for (const c of dev) {
      const cluster = at(c, "addons/database-operators/cluster-postgres.yaml");
      assert.equal(cluster.kind, "Cluster");
      assert.equal(cluster.metadata.name, "postgres", "the name behind postgres-rw and postgres-app");
      assert.equal(cluster.metadata.namespace, "data");
      assert.equal(cluster.spec.inheritedMetadata.annotations[`${R}/reflection-allowed`], "true");
      assert.equal(cluster.spec.inheritedMetadata.annotations[`${R}/reflection-allowed-namespaces`], "example-api");
      const app = at(c, "addons/database-operators/application-cloudnative-pg.yaml");
      assert.equal(app.spec.source.helm.valuesObject.config.data.INHERITED_ANNOTATIONS, "reflector.v1.k8s.emberstack.com/*");
      const redis = at(c, "addons/database-operators/redisreplication-redis.yaml");
      assert.equal(redis.metadata.name, "redis", "the name behind redis-master");
      assert.equal(redis.metadata.namespace, "data");
      assert.deepEqual(redis.spec.kubernetesConfig.redisSecret, { name: "redis-password", key: "password" });
      const es = at(c, "addons/database-operators/externalsecret-redis-password.yaml");
      assert.equal(es.spec.target.name, "redis-password");
      assert.equal(es.spec.target.template.metadata.annotations[`${R}/reflection-allowed`], "true");
      assert.equal(es.spec.target.template.metadata.annotations[`${R}/reflection-allowed-namespaces`], "example-api");
    }
  });

  test("the database exists: a CloudNativePG Database example-api owned by the app user (initdb's owner)", () => {
    for (const c of dev) {
      const cluster = at(c, "addons/database-operators/cluster-postgres.yaml");
      const db = at(c, "addons/database-operators/database-postgres-example-api.yaml");
      assert.equal(db.apiVersion, "postgresql.cnpg.io/v1");
      assert.equal(db.kind, "Database");
      assert.equal(db.metadata.namespace, "data");
      assert.deepEqual(db.spec.cluster, { name: "postgres" });
      assert.equal(db.spec.name, "example-api");
      assert.equal(db.spec.owner, "users");
      assert.equal(cluster.spec.bootstrap.initdb.owner, "users", "postgres-app holds the credentials of this owner");
    }
  });

  test("a database the environment does not declare is an error naming the file and field", () => {
    const model = modelWith("dev", (config: any) => {
      config.data.postgresql.databases = config.data.postgresql.databases.filter((d: string) => d !== "example-api");
    });
    assert.throws(
      () => exampleApi(model),
      /service example-api: environments\/dev.yaml data.postgresql.databases does not list "example-api"/,
    );
  });

  test("the service accepts the rendered environment: what its pods would read, with stand-ins for the mirrored values", () => {
    for (const c of dev) {
      const data = at(c, "example-api/configmap-example-api-config.yaml").data;
      const env = envOf(at(c, "example-api/rollout-example-api.yaml").spec.template.spec.containers[0]);
      // What the Secrets would hold: CloudNativePG's username is the initdb owner.
      const secretValues: Record<string, string> = {
        "postgres-app/username": "users",
        "postgres-app/password": "pg-stand-in",
        "redis-password/password": "redis-stand-in",
      };
      const fromSecrets = Object.fromEntries(
        Object.entries(env).map(([k, ref]: [string, any]) => [k, secretValues[`${ref.name}/${ref.key}`]]),
      );
      const config = loadConfig({ ...data, ...fromSecrets });
      assert.deepEqual(
        {
          host: config.database.host,
          port: config.database.port,
          database: config.database.database,
          user: config.database.user,
          auth: config.database.auth,
          password: config.database.password,
          ssl: config.database.ssl,
        },
        {
          host: "postgres-rw.data.svc.cluster.local",
          port: 5432,
          database: "example-api",
          user: "users",
          auth: "password",
          password: "pg-stand-in",
          ssl: false,
        },
      );
      assert.equal(config.redis.host, "redis-master.data.svc.cluster.local");
      assert.equal(config.redis.port, 6379);
      assert.equal(config.redis.auth, "password");
      assert.equal(config.redis.password, "redis-stand-in");
      assert.equal(config.redis.tls, false);
    }
  });
});
