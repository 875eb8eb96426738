/** The database-operators add-on: its spec, the operators it installs, and their image registries (its renderer: packages/gitops/src/addons/database-operators.ts). */
import type { DataOperatorModel } from "../../data/operators.ts";
import { defineAddon } from "./types.ts";

/**
 * The operators that replace the design's names for in-cluster databases (dev). Versions as published in
 * each chart repository (read 2026-08): the GitOps layer installs exactly these.
 */
export const DATA_OPERATORS: readonly DataOperatorModel[] = [
  {
    engine: "postgresql",
    operator: "CloudNativePG",
    replaces: "Kubegres",
    namespace: "cnpg-system",
    helm: { repository: "https://cloudnative-pg.github.io/charts", chart: "cloudnative-pg", version: "0.29.0" },
    instanceKind: "postgresql.cnpg.io/v1/Cluster",
    adr: "docs/adr/0046-cloudnativepg-instead-of-kubegres.md",
    source: "https://github.com/cloudnative-pg/charts",
  },
  {
    engine: "mongodb",
    operator: "MongoDB Controllers for Kubernetes (MCK)",
    replaces: "MongoDB Community Operator",
    namespace: "mongodb",
    // 1.10.0, the newest release tag (1.10.1 is only the default branch's Chart.yaml, untagged and unreleased in
    // the upstream snapshot of 2026-08-22): https://github.com/mongodb/mongodb-kubernetes/releases/tag/1.10.0
    helm: { repository: "https://mongodb.github.io/helm-charts", chart: "mongodb-kubernetes", version: "1.10.0" },
    instanceKind: "mongodbcommunity.mongodb.com/v1/MongoDBCommunity",
    adr: "docs/adr/0047-mongodb-controllers-for-kubernetes.md",
    source: "https://github.com/mongodb/mongodb-kubernetes",
  },
  {
    engine: "redis",
    operator: "OT-Container-Kit redis-operator",
    replaces: "Redis Operator (unnamed; Spotahome's is abandoned)",
    namespace: "redis-operator",
    // 0.26.1: the chart repository publishes from the default branch (Chart.yaml at 0bc34813, 2026-08-20); the
    // newest release tag is v0.26.0 (https://github.com/OT-CONTAINER-KIT/redis-operator/releases/tag/v0.26.0).
    helm: { repository: "https://ot-container-kit.github.io/helm-charts", chart: "redis-operator", version: "0.26.1" },
    instanceKind: "redis.redis.opstreelabs.in/v1beta2/RedisReplication",
    adr: "docs/adr/0048-ot-container-kit-redis-operator.md",
    source: "https://github.com/OT-CONTAINER-KIT/redis-operator",
  },
  {
    engine: "elasticsearch",
    operator: "Elastic Cloud on Kubernetes (ECK)",
    replaces: "Elasticsearch Operator",
    namespace: "elastic-system",
    helm: { repository: "https://helm.elastic.co", chart: "eck-operator", version: "3.5.0" },
    instanceKind: "elasticsearch.k8s.elastic.co/v1/Elasticsearch",
    adr: "docs/adr/0049-eck-for-in-cluster-elasticsearch.md",
    source: "https://github.com/elastic/cloud-on-k8s",
  },
];

export const databaseOperators = defineAddon({
  name: "database-operators",
  spec: {
    description: "In-cluster databases of non-production: CloudNativePG, MongoDB Controllers for Kubernetes, Redis operator, ECK",
    releases: ["cloudnative-pg", "mongodb-kubernetes", "redis-operator", "eck-operator"],
    dependsOn: ["external-secrets"],
    enabledByDefault: (config) => config.data.mode === "in-cluster",
    allowedIn: {
      test: (config) => config.data.mode === "in-cluster",
      reason: "in-cluster databases replace the managed services only with data.mode: in-cluster",
    },
  },
  charts: {},
  chartSources: DATA_OPERATORS.map((o) => ({ repoURL: o.helm.repository })),
  images: [
    {
      registry: "ghcr.io",
      images: "cloudnative-pg/cloudnative-pg; cloudnative-pg/postgresql (the Cluster's imageName)",
      source: "https://github.com/cloudnative-pg/charts/blob/cloudnative-pg-v0.29.0/charts/cloudnative-pg/values.yaml",
    },
    {
      registry: "quay.io",
      images: "mongodb/mongodb-kubernetes, mongodb-agent, mongodb-community-server; opstree/redis-operator, opstree/redis",
      source:
        "https://github.com/mongodb/mongodb-kubernetes/blob/1.10.0/helm_chart/values.yaml (chart 1.10.0, release tag) and https://github.com/OT-CONTAINER-KIT/redis-operator/blob/0bc34813ac968663d42e48c31436314cb173bd1f/charts/redis-operator/values.yaml (chart 0.26.1)",
    },
    {
      registry: "docker.elastic.co",
      images: "eck/eck-operator; elasticsearch/elasticsearch (config.containerRegistry)",
      source: "https://github.com/elastic/cloud-on-k8s/blob/v3.5.0/deploy/eck-operator/values.yaml",
    },
  ],
});
