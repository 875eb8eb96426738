/**
 * Non-production databases in the cluster (data.mode in-cluster): the operators and the instances the data
 * tier declares (model.data.inCluster, packages/model/src/data/data.ts), which already names the maintained
 * operator that replaces each of the design's (CloudNativePG, MongoDB Controllers for Kubernetes,
 * OT-Container-Kit redis-operator, ECK). Passwords the operators do not generate come from Key Vault.
 * The services connect with what the operators create: CloudNativePG's generated `<cluster>-app` Secret (the
 * database owner's credentials; every database of the instance is a CloudNativePG Database owned by that user)
 * and the Redis password Secret; both allow the services' namespaces to mirror them with Reflector
 * (mirrored-secret.ts). CloudNativePG copies annotations onto the Secrets it generates only where its operator
 * configuration lists them (INHERITED_ANNOTATIONS, glob patterns):
 * https://cloudnative-pg.io/documentation/current/labels_annotations/ ,
 * https://cloudnative-pg.io/documentation/current/applications/ (`<cluster>-rw` service, `<cluster>-app` secret).
 */
import { type DataOperatorModel, type EnvironmentModel, type InClusterInstanceModel, inClusterSecretName } from "@plugilo/model";
import type { AddonDefinition, HelmRelease } from "../addon.ts";
import { keyVaultSecret } from "../external-secret.ts";
import { postgresImage, redisImage } from "../images.ts";
import { CustomResource, type KubeObject } from "../kube-object.ts";
import { REFLECTOR, reflectionAllowed } from "../mirrored-secret.ts";
import { SERVICES } from "../services/index.ts";

/** The namespaces of the services, which may mirror the instances' credentials. */
function serviceNamespaces(model: EnvironmentModel): string[] {
  return SERVICES.map((s) => s(model)).map((s) => s.namespace ?? s.name);
}

function storage(db: InClusterInstanceModel) {
  return { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: `${db.storageGi}Gi` } } };
}

/** Operator-specific values: MCK watches only the namespace of the instances. */
function operatorValues(op: DataOperatorModel, model: EnvironmentModel): Record<string, unknown> {
  const instanceNamespaces = [
    ...new Set(
      inCluster(model)
        .instances.filter((i) => i.engine === op.engine)
        .map((i) => i.namespace),
    ),
  ];
  switch (op.engine) {
    case "mongodb":
      return { operator: { watchNamespace: instanceNamespaces.join(","), watchedResources: ["mongodbcommunity"] } };
    case "elasticsearch":
      return { installCRDs: true };
    case "postgresql":
      // The chart's operator ConfigMap: inherit Reflector's annotations onto the generated Secrets.
      return { config: { data: { INHERITED_ANNOTATIONS: `${REFLECTOR}/*` } } };
    default:
      return {};
  }
}

function inCluster(model: EnvironmentModel) {
  const data = model.data.inCluster;
  if (!data)
    throw new Error(
      "database-operators is enabled but the data tier declares no in-cluster databases (data.mode is not in-cluster)",
    );
  return data;
}

export function instanceObjects(db: InClusterInstanceModel, model: EnvironmentModel): KubeObject[] {
  const secret = (key: string) => inClusterSecretName(model.name, db.name, key);
  const meta = { name: db.name, namespace: db.namespace };
  switch (db.engine) {
    case "postgresql": {
      const owner = db.databases[0] ?? "app";
      return [
        new CustomResource({
          apiVersion: "postgresql.cnpg.io/v1",
          kind: "Cluster",
          metadata: meta,
          spec: {
            instances: db.members,
            imageName: postgresImage(db.version),
            storage: { size: `${db.storageGi}Gi` },
            bootstrap: { initdb: { database: owner, owner } },
            inheritedMetadata: { annotations: reflectionAllowed(serviceNamespaces(model)) },
          },
        }),
        // initdb creates the first database; the others exist through CloudNativePG's declarative Databases.
        ...db.databases.slice(1).map(
          (database) =>
            new CustomResource({
              apiVersion: "postgresql.cnpg.io/v1",
              kind: "Database",
              metadata: { name: `${db.name}-${database}`, namespace: db.namespace },
              spec: { cluster: { name: db.name }, name: database, owner, ensure: "present" },
            }),
        ),
      ];
    }
    case "mongodb":
      return [
        keyVaultSecret({
          name: `${db.name}-admin-password`,
          namespace: db.namespace,
          data: { password: secret("admin-password") },
        }),
        new CustomResource({
          apiVersion: "mongodbcommunity.mongodb.com/v1",
          kind: "MongoDBCommunity",
          metadata: meta,
          spec: {
            type: "ReplicaSet",
            members: db.members,
            version: db.version,
            security: { authentication: { modes: ["SCRAM"] } },
            users: [
              {
                name: "admin",
                db: "admin",
                passwordSecretRef: { name: `${db.name}-admin-password` },
                roles: [
                  { name: "clusterAdmin", db: "admin" },
                  { name: "userAdminAnyDatabase", db: "admin" },
                  { name: "readWriteAnyDatabase", db: "admin" },
                ],
                scramCredentialsSecretName: `${db.name}-admin`,
              },
            ],
            statefulSet: { spec: { volumeClaimTemplates: [{ metadata: { name: "data-volume" }, spec: storage(db) }] } },
          },
        }),
      ];
    case "redis":
      return [
        (() => {
          const es = keyVaultSecret({
            name: `${db.name}-password`,
            namespace: db.namespace,
            data: { password: secret("password") },
          });
          // ESO copies the template's metadata onto the Secret: the services may mirror it.
          (es.spec as { target: { template?: unknown } }).target.template = {
            engineVersion: "v2",
            metadata: { annotations: reflectionAllowed(serviceNamespaces(model)) },
          };
          return es;
        })(),
        new CustomResource({
          apiVersion: "redis.redis.opstreelabs.in/v1beta2",
          kind: "RedisReplication",
          metadata: meta,
          spec: {
            clusterSize: db.members,
            kubernetesConfig: {
              image: redisImage(db.version),
              imagePullPolicy: "IfNotPresent",
              resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "512Mi" } },
              redisSecret: { name: `${db.name}-password`, key: "password" },
            },
            podSecurityContext: { runAsUser: 1000, fsGroup: 1000 },
            storage: { volumeClaimTemplate: { spec: storage(db) } },
          },
        }),
      ];
    case "elasticsearch":
      return [
        new CustomResource({
          apiVersion: "elasticsearch.k8s.elastic.co/v1",
          kind: "Elasticsearch",
          metadata: meta,
          spec: {
            version: db.version,
            nodeSets: [
              {
                name: "default",
                count: db.members,
                // No privileged init container to raise vm.max_map_count: mmap off instead (ECK's documented option).
                config: { "node.store.allow_mmap": false },
                volumeClaimTemplates: [{ metadata: { name: "elasticsearch-data" }, spec: storage(db) }],
              },
            ],
          },
        }),
      ];
  }
}

export const databaseOperators: AddonDefinition = {
  name: "database-operators",
  releases: (ctx) =>
    inCluster(ctx.model).operators.map(
      (op): HelmRelease => ({
        name: op.helm.chart,
        valuesKey: op.helm.chart,
        namespace: op.namespace,
        chart: { repoURL: op.helm.repository, chart: op.helm.chart, version: op.helm.version, source: op.source },
        after: [],
        values: operatorValues(op, ctx.model),
        serverSideApply: true,
      }),
    ),
  manifests: (ctx) => {
    const { operators, instances } = inCluster(ctx.model);
    const mine = instances.filter((i) => i.clusters.includes(ctx.cluster.name));
    return [
      {
        name: "databases",
        after: [
          ...operators.map((o) => o.helm.chart),
          ...(mine.some((i) => i.engine === "mongodb" || i.engine === "redis") ? ["external-secrets-store"] : []),
        ],
        objects: mine.flatMap((db) => instanceObjects(db, ctx.model)),
      },
    ];
  },
};
