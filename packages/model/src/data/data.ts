/**
 * The data tier, resolved once for the data stack, the hub firewall, the GitOps renderer and the
 * reports: names and IDs of every data service, where each private endpoint goes and which private DNS zone
 * answers for it, the PostgreSQL replicas and their regions, the Cosmos DB locations, the Redis mode, the
 * Elastic Cloud deployment and its lifecycle policies, the storage account, and, for dev, the operators and
 * instances that run inside the clusters instead.
 *
 * Decisions: docs/adr/0040-0049. RPO and RTO of each service: docs/data-recovery.md.
 */
import type { ClusterModel } from "../cluster/types.ts";
import type { ConfigFinding } from "../core/findings.ts";
import { type PartsOf, resourceId, resourceName } from "../core/naming.ts";
import { privateDnsZoneFor } from "../core/private-dns-resolution.ts";
import { REGIONS, type RegionName, supports } from "../core/regions.ts";
import type {
  DnsModel,
  EastWestRuleModel,
  LayerModel,
  PrivateDnsZoneModel,
  ResourceGroupModel,
  VnetModel,
} from "../core/resources.ts";
import type { DataConfig, EnvironmentConfig } from "../core/schema.ts";
import { type CosmosConsistencyModel, cosmosConsistency } from "./cosmos-recovery.ts";

// ---------------------------------------------------------------------------------------------------------
// Types

/** A private endpoint of a data service, in the data spoke of its region, with its DNS registration. */
export interface DataPrivateEndpointModel {
  name: string;
  id: string;
  region: RegionName;
  resourceGroup: string;
  subscriptionId: string;
  /** The dataPrivateEndpoints subnet of the region's data spoke. */
  subnetId: string;
  subnetCidr: string;
  /** Name of the network interface Azure creates (fixed, so a stack can read its address back). */
  networkInterfaceName: string;
  /** Private Link sub-resource (group ID): postgresqlServer, MongoDB, redisEnterprise, blob; absent for a Private Link service alias. */
  groupId?: string;
  /** The hub's private DNS zone that resolves the service's name to this endpoint. */
  privateDnsZone: { name: string; id: string };
  /**
   * zoneGroup: a DNS zone group writes the records (Azure services). wildcardRecord: the stack writes a `*`
   * A record with the endpoint's address (a third-party Private Link service such as Elastic Cloud).
   */
  dnsRegistration: "zoneGroup" | "wildcardRecord";
}

export interface PostgresServerModel {
  role: "primary" | "replica";
  name: string;
  id: string;
  region: RegionName;
  /** Availability zone of the server; absent where the region has none. */
  availabilityZone?: string;
  fqdn: string;
  privateEndpoint: DataPrivateEndpointModel;
}

export interface PostgresModel {
  version: string;
  sku: { name: string; tier: "Burstable" | "GeneralPurpose" | "MemoryOptimized" };
  storageGb: number;
  resourceGroup: string;
  subscriptionId: string;
  /** In-region HA of the primary: automatic failover to a standby (replicas cannot have HA). */
  highAvailability: { mode: "ZoneRedundant" | "SameZone" | "Disabled"; standbyAvailabilityZone?: string };
  /** The HA mode to switch on after promoting the secondary region's replica (germanynorth: SameZone at most). */
  failoverHighAvailabilityMode: "SameZone" | "Disabled";
  backup: { retentionDays: number; geoRedundant: boolean };
  auth: { entraId: true; password: boolean; tenantId: string };
  administrators: { principalName: string; objectId: string; principalType: "Group" | "User" | "ServicePrincipal" }[];
  primary: PostgresServerModel;
  replicas: PostgresServerModel[];
  /**
   * The virtual endpoints of the replication set: the writer always names the current primary, the reader
   * the replica promotion targets. Azure allows one pair, with one replica as member.
   */
  virtualEndpoint?: { name: string; members: string[]; writerHost: string; readerHost: string };
  parameters: Record<string, string>;
  /** Parameters every replica gets too: what a replica needs to serve as primary after a promotion (the built-in PgBouncer). */
  replicaParameters: Record<string, string>;
  databases: string[];
}

export interface CosmosCollectionModel {
  name: string;
  shardKey: "user_id" | "tenant_id";
  maxThroughput: number;
}

export interface CosmosModel {
  name: string;
  id: string;
  /** The account resource lives in the primary region; its data is in every location below. */
  region: RegionName;
  resourceGroup: string;
  subscriptionId: string;
  serverVersion: string;
  /** Bounded Staleness within the cross-region RPO (cosmos-recovery.ts, docs/adr/0100). */
  consistency: CosmosConsistencyModel;
  /** Service-managed failover: writes move to germanynorth during a germanywestcentral outage (docs/adr/0100). */
  automaticFailover: true;
  locations: { locationName: RegionName; failoverPriority: number; isZoneRedundant: boolean }[];
  backup: { type: "Continuous"; tier: "Continuous7Days" | "Continuous30Days" };
  /** One private endpoint per region, so each region keeps a path to the account during the other's outage. */
  privateEndpoints: DataPrivateEndpointModel[];
  databases: { name: string; collections: CosmosCollectionModel[] }[];
  /** The planned cross-region failover (a drill: both regions must be up), for the runbook. */
  failoverCommand: string;
  /** During an outage Azure does not fail over by itself: take the write region offline (forced). */
  outageFailoverCommand: string;
}

export interface RedisCacheModel {
  name: string;
  id: string;
  databaseId: string;
  region: RegionName;
  /** Zone redundancy comes with high availability in a region with zones; Azure rejects explicit zones. */
  zoneRedundant: boolean;
  hostName: string;
  privateEndpoint: DataPrivateEndpointModel;
}

export interface RedisModel {
  sku: string;
  highAvailability: boolean;
  clusteringPolicy: "OSSCluster" | "EnterpriseCluster" | "NoCluster";
  evictionPolicy: string;
  /** Client protocol: TLS only (Azure Managed Redis serves one protocol per cache). */
  clientProtocol: "Encrypted";
  minimumTlsVersion: "1.2";
  port: 10000;
  resourceGroup: string;
  subscriptionId: string;
  /** active-geo-replication: a cache per region in one replication group; persistence: one cache, AOF or RDB. */
  mode: "active-geo-replication" | "persistence" | "none";
  geoReplicationGroup?: string;
  persistence?: { aofEnabled: boolean; aofFrequency?: string; rdbEnabled: boolean; rdbFrequency?: string };
  caches: RedisCacheModel[];
}

export interface IlmPolicyModel {
  name: string;
  /** The body of PUT _ilm/policy/<name>: applied by the GitOps job, the same for Elastic Cloud and ECK. */
  policy: Record<string, unknown>;
}

export interface ElasticModel {
  /** Elastic Cloud Hosted, through the Elastic Cloud provider (docs/adr/0043). */
  deploymentName: string;
  /** Elastic Cloud's region ID. */
  region: string;
  /** Azure region of the Private Link service and the private endpoint. */
  azureRegion: RegionName;
  version: string;
  deploymentTemplate: string;
  zoneCount: number;
  autoscale: true;
  hotMaxSize: string;
  warmMaxSize: string;
  trafficFilterName: string;
  /** Elastic's Private Link zone: its `*` record points at the private endpoint. */
  privateLinkDomain: string;
  privateEndpoint: DataPrivateEndpointModel;
  ilmPolicies: IlmPolicyModel[];
  /**
   * Key Vault secrets (model.keyVault) the data stack writes with values Elastic invents at deployment: the
   * Elasticsearch URL through Private Link and the deployment's credentials. The GitOps ILM job reads them.
   */
  keyVaultSecrets: ElasticKeyVaultSecrets;
}

export interface ElasticKeyVaultSecrets {
  url: string;
  username: string;
  password: string;
}

/**
 * Where the index lifecycle policies are applied from (docs/adr/0061): a job in the clusters, the only place
 * the Elasticsearch API can be reached (Elastic Cloud over Private Link; ECK inside the cluster in dev).
 */
export interface ElasticIlmModel {
  /** The policies, each the body of PUT _ilm/policy/<name>. */
  policies: IlmPolicyModel[];
  /** Namespace of the job and its objects (the ECK instance's own in dev, so its Secrets can be mounted). */
  namespace: string;
  /** Clusters that run the job: every cluster (PUT is idempotent; each dev cluster has its own instance). */
  clusters: string[];
  target: ElasticIlmTarget;
}

export type ElasticIlmTarget =
  | {
      kind: "elastic-cloud";
      deploymentName: string;
      /** Read through External Secrets from model.keyVault. */
      keyVaultSecrets: ElasticKeyVaultSecrets;
    }
  | {
      kind: "eck";
      /** The Elasticsearch resource of model.data.inCluster. */
      instance: string;
      /** ECK's HTTP Service <name>-es-http, TLS with ECK's self-signed CA. */
      url: string;
      username: "elastic";
      /** ECK's Secret <name>-es-elastic-user: key `elastic` holds the password of the elastic user. */
      passwordSecret: { name: string; key: string };
      /** ECK's Secret <name>-es-http-certs-public: the certificate to trust for the HTTP endpoint. */
      caSecret: { name: string; key: string };
    };

export interface DataStorageModel {
  name: string;
  id: string;
  region: RegionName;
  resourceGroup: string;
  subscriptionId: string;
  sku: string;
  containers: string[];
  softDeleteDays: number;
  blobEndpoint: string;
  privateEndpoint: DataPrivateEndpointModel;
}

export interface HelmChartModel {
  repository: string;
  chart: string;
  version: string;
}

/** An operator that runs a database engine in the clusters (dev), and which design name it replaces. */
export interface DataOperatorModel {
  engine: "postgresql" | "mongodb" | "redis" | "elasticsearch";
  operator: string;
  replaces: string;
  namespace: string;
  helm: HelmChartModel;
  /** apiVersion/kind of the instance resource the GitOps layer renders. */
  instanceKind: string;
  adr: string;
  source: string;
}

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

/**
 * Connection pooling for the managed PostgreSQL (staging, prod): Flexible Server's built-in PgBouncer on port
 * 6432 of the server, configured by server parameters. PgBouncer on AKS cannot log in to a server that accepts
 * Microsoft Entra tokens only (docs/adr/0060); the built-in one accepts each service's own token.
 */
export interface PgBouncerModel {
  kind: "built-in";
  /** Where services connect: the writer virtual endpoint (follows a promotion), else the primary. */
  host: string;
  port: 6432;
  sslMode: "verify-full";
  poolMode: "transaction" | "session";
  defaultPoolSize: number;
  maxClientConnections: number;
  /** The server parameters that switch it on and size it, on the primary and on every replica (a promoted replica pools too). */
  serverParameters: Record<string, string>;
  /** Every service logs in as its own Microsoft Entra principal (its workload identity) with an access token as password. */
  auth: "entra-id-per-service";
  databases: string[];
  /**
   * The cluster side, rendered by the `postgresql-connection` add-on: a ConfigMap with the connection settings (libpq
   * variables, no credentials) in this namespace, mirrored into the services' namespaces by Reflector.
   */
  clientConfig: { name: string; namespace: string; clusters: string[] };
}

export interface DataModel {
  mode: "managed" | "in-cluster";
  resourceGroups: Partial<Record<RegionName, ResourceGroupModel>>;
  protect: boolean;
  postgresql?: PostgresModel;
  cosmos?: CosmosModel;
  redis?: RedisModel;
  elastic?: ElasticModel;
  storage: DataStorageModel;
  pgbouncer?: PgBouncerModel;
  inCluster?: { operators: DataOperatorModel[]; instances: InClusterInstanceModel[] };
  /** The index lifecycle policies and where the GitOps job applies them from; absent without an Elasticsearch. */
  elasticIlm?: ElasticIlmModel;
  /** Every private endpoint of the layer, for tests and reports. */
  privateEndpoints: DataPrivateEndpointModel[];
  accessRules: EastWestRuleModel[];
}

// ---------------------------------------------------------------------------------------------------------
// Facts

export const POSTGRESQL_PORT = 5432;
/** The built-in PgBouncer of Flexible Server listens here: the services' connection port (docs/adr/0060). */
export const POSTGRESQL_PGBOUNCER_PORT = 6432 as const;
/** Cosmos DB for MongoDB (RU) listens on 10255. https://learn.microsoft.com/azure/cosmos-db/mongodb/connect-account */
export const COSMOS_MONGO_PORT = 10255;
/** Azure Managed Redis databases listen on 10000. https://learn.microsoft.com/azure/redis/architecture */
export const MANAGED_REDIS_PORT = 10000;
/**
 * With the OSS clustering policy a client connects on 10000, then to each shard on a port of the 85xx range
 * (the ports change over time): wherever 10000 is open, 8500-8599 is too. https://learn.microsoft.com/azure/redis/architecture#cluster-policies
 */
export const MANAGED_REDIS_OSS_SHARD_PORTS = "8500-8599";
/** Elastic Cloud over Private Link: 443 and 9243. https://www.elastic.co/docs/deploy-manage/security/private-connectivity-azure */
export const ELASTIC_PORTS = ["443", "9243"];

/** The built-in PgBouncer: port 6432, Entra ID, General Purpose and Memory Optimized only. */
const PGBOUNCER_DOCS = "https://learn.microsoft.com/azure/postgresql/connectivity/concepts-pgbouncer";

/** Balanced B0 and B1 do not support active geo-replication. https://learn.microsoft.com/azure/redis/how-to-active-geo-replication */
const REDIS_SKUS_WITHOUT_GEO_REPLICATION = new Set(["Balanced_B0", "Balanced_B1"]);

const PRIVATE_DNS_ZONES = {
  postgresql: "privatelink.postgres.database.azure.com",
  mongo: "privatelink.mongo.cosmos.azure.com",
  redis: "privatelink.redis.azure.net",
  blob: "privatelink.blob.core.windows.net",
} as const;

/** Elastic Cloud Hosted's Private Link zone of a region. */
export function elasticPrivateLinkDomain(region: RegionName): string {
  return `privatelink.${region}.azure.elastic-cloud.com`;
}

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

// ---------------------------------------------------------------------------------------------------------
// Validation

/** Rules between data fields and regions; every error names the field. */
export function dataFindings(config: EnvironmentConfig, file: string): ConfigFinding[] {
  const findings: ConfigFinding[] = [];
  const error = (path: string, message: string, source?: string) =>
    findings.push({ severity: "error", file, path, message, ...(source ? { source } : {}) });
  const data = config.data;
  const redis = data.redis;
  const persistence = redis.persistence;
  const REDIS_GEO = "https://learn.microsoft.com/azure/redis/how-to-active-geo-replication";

  // Persistence: one of AOF or RDB. https://learn.microsoft.com/azure/redis/how-to-persistence
  if (persistence?.aof && persistence.rdb) {
    error(
      "data.redis.persistence.rdb",
      "AOF and RDB persistence cannot both be on: choose one",
      "https://learn.microsoft.com/azure/redis/how-to-persistence",
    );
  }
  // Index lifecycle policies are applied in every mode (Elastic Cloud, or ECK in the clusters).
  data.elastic.ilmPolicies.forEach((p, i) => {
    const first = data.elastic.ilmPolicies.findIndex((q) => q.name === p.name);
    if (first < i) {
      error(
        `data.elastic.ilmPolicies[${i}].name`,
        `duplicate policy name "${p.name}" (also data.elastic.ilmPolicies[${first}].name): PUT _ilm/policy/<name> would overwrite it`,
      );
    }
    if (ageSeconds(p.deleteAfter) <= ageSeconds(p.warmAfter)) {
      error(`data.elastic.ilmPolicies[${i}].deleteAfter`, `${p.deleteAfter} must be later than warmAfter (${p.warmAfter})`);
    }
  });
  if (data.mode !== "managed") return findings;

  if (redis.geoReplication) {
    if (persistence && (persistence.aof || persistence.rdb)) {
      error(
        "data.redis.persistence",
        "cannot be combined with data.redis.geoReplication: Azure Managed Redis active geo-replication does not support data persistence; choose one per environment",
        REDIS_GEO,
      );
    }
    if (!redis.highAvailability) {
      error(
        "data.redis.highAvailability",
        "must be true when data.redis.geoReplication is true: active geo-replication needs high availability",
        REDIS_GEO,
      );
    }
    if (REDIS_SKUS_WITHOUT_GEO_REPLICATION.has(redis.sku)) {
      error("data.redis.sku", `${redis.sku} does not support active geo-replication: use Balanced_B3 or larger`, REDIS_GEO);
    }
  }

  const pg = data.postgresql;
  // The HA mode per region is checked with the catalogue in validate.ts (data.postgresql.haMode); here the
  // tiers that have HA and replicas at all.
  if (
    pg.sku.tier === "Burstable" &&
    (pg.haMode !== "Disabled" || pg.readReplicas.sameRegion || pg.readReplicas.secondaryRegion)
  ) {
    error(
      "data.postgresql.sku.tier",
      "Burstable has neither high availability nor read replicas: use GeneralPurpose or MemoryOptimized, or set haMode Disabled and turn the replicas off",
      "https://learn.microsoft.com/azure/postgresql/read-replica/concepts-read-replicas",
    );
  } else if (pg.sku.tier === "Burstable") {
    // Services connect through the built-in PgBouncer (docs/adr/0060), which Burstable does not offer.
    error(
      "data.postgresql.sku.tier",
      "Burstable has no built-in PgBouncer, the services' connection pooler (port 6432): use GeneralPurpose or MemoryOptimized",
      PGBOUNCER_DOCS,
    );
  }
  if (!pg.passwordAuth && pg.administrators.length === 0) {
    error(
      "data.postgresql.administrators",
      "is required when data.postgresql.passwordAuth is false: name at least one Microsoft Entra administrator (a group)",
      "https://learn.microsoft.com/azure/postgresql/security/security-entra-concepts",
    );
  }

  return findings;
}

function ageSeconds(age: string): number {
  const n = Number.parseInt(age, 10);
  const unit = age.slice(-1);
  return n * (unit === "d" ? 86_400 : unit === "h" ? 3600 : 60);
}

// ---------------------------------------------------------------------------------------------------------
// Resolution

export interface DataInputs {
  config: EnvironmentConfig;
  vnets: readonly VnetModel[];
  layers: readonly LayerModel[];
  clusters: readonly ClusterModel[];
  dns: DnsModel;
  protect: boolean;
  parts: PartsOf;
}

export function resolveData({ config, vnets, layers, clusters, dns, protect, parts }: DataInputs): DataModel {
  const data: DataConfig = config.data;
  const primary = config.regions.primary;
  const layer = layers.find((l) => l.kind === "data");
  if (!layer) throw new Error("no data layer");
  const rgIn = (region: RegionName): ResourceGroupModel => {
    const rg = layer.resourceGroups[region];
    if (!rg) throw new Error(`the data layer has no resource group in ${region}`);
    return rg;
  };
  const zoneNamed = (name: string, region: RegionName): PrivateDnsZoneModel => privateDnsZoneFor(dns, name, region);
  const peSubnet = (region: RegionName) => {
    const vnet = vnets.find((v) => v.kind === "data" && v.region === region);
    const subnet = vnet?.subnets.find((s) => s.kind === "dataPrivateEndpoints");
    if (!subnet) throw new Error(`no dataPrivateEndpoints subnet in ${region}`);
    return subnet;
  };
  const privateEndpoint = (
    region: RegionName,
    purpose: string,
    zoneName: string,
    groupId: string | undefined,
    dnsRegistration: DataPrivateEndpointModel["dnsRegistration"] = "zoneGroup",
  ): DataPrivateEndpointModel => {
    const rg = rgIn(region);
    const name = resourceName("privateEndpoint", parts("data", region, purpose));
    const subnet = peSubnet(region);
    const zone = zoneNamed(zoneName, region);
    return {
      name,
      id: resourceId(rg.subscriptionId, rg.name, "Microsoft.Network/privateEndpoints", name),
      region,
      resourceGroup: rg.name,
      subscriptionId: rg.subscriptionId,
      subnetId: subnet.id,
      subnetCidr: subnet.cidr,
      networkInterfaceName: `${name}-nic`,
      ...(groupId ? { groupId } : {}),
      privateDnsZone: { name: zone.name, id: zone.id },
      dnsRegistration,
    };
  };
  const managed = data.mode === "managed";

  const storage = resolveStorage(data, rgIn(primary), parts, privateEndpoint);
  const postgresql = managed ? resolvePostgres(config, rgIn, parts, privateEndpoint) : undefined;
  const cosmos = managed ? resolveCosmos(config, rgIn(primary), parts, privateEndpoint) : undefined;
  const redis = managed ? resolveRedis(config, rgIn, parts, privateEndpoint) : undefined;
  const elastic = managed ? resolveElastic(config, privateEndpoint) : undefined;
  const inCluster = managed ? undefined : resolveInCluster(data, clusters, storage);
  const elasticIlm = resolveElasticIlm(config, clusters, elastic, inCluster);

  const privateEndpoints = [
    ...(postgresql ? [postgresql.primary, ...postgresql.replicas].map((s) => s.privateEndpoint) : []),
    ...(cosmos?.privateEndpoints ?? []),
    ...(redis?.caches.map((c) => c.privateEndpoint) ?? []),
    ...(elastic ? [elastic.privateEndpoint] : []),
    storage.privateEndpoint,
  ];

  return {
    mode: data.mode,
    resourceGroups: layer.resourceGroups,
    protect,
    ...(postgresql ? { postgresql } : {}),
    ...(cosmos ? { cosmos } : {}),
    ...(redis ? { redis } : {}),
    ...(elastic ? { elastic } : {}),
    storage,
    ...(postgresql ? { pgbouncer: resolvePgBouncer(data, postgresql, clusters) } : {}),
    ...(inCluster ? { inCluster } : {}),
    ...(elasticIlm ? { elasticIlm } : {}),
    privateEndpoints,
    accessRules: dataAccessRules(config, vnets),
  };
}

type PrivateEndpointOf = (
  region: RegionName,
  purpose: string,
  zoneName: string,
  groupId: string | undefined,
  dnsRegistration?: DataPrivateEndpointModel["dnsRegistration"],
) => DataPrivateEndpointModel;

function resolveStorage(data: DataConfig, rg: ResourceGroupModel, parts: PartsOf, pe: PrivateEndpointOf): DataStorageModel {
  const name = resourceName("storageAccount", parts("data", rg.location));
  return {
    name,
    id: resourceId(rg.subscriptionId, rg.name, "Microsoft.Storage/storageAccounts", name),
    region: rg.location,
    resourceGroup: rg.name,
    subscriptionId: rg.subscriptionId,
    sku: data.storage.replication,
    containers: [...data.storage.containers],
    softDeleteDays: data.storage.softDeleteDays,
    blobEndpoint: `https://${name}.blob.core.windows.net/`,
    privateEndpoint: pe(rg.location, "blob", PRIVATE_DNS_ZONES.blob, "blob"),
  };
}

function resolvePostgres(
  config: EnvironmentConfig,
  rgIn: (r: RegionName) => ResourceGroupModel,
  parts: PartsOf,
  pe: PrivateEndpointOf,
): PostgresModel {
  const pg = config.data.postgresql;
  const primary = config.regions.primary;
  const secondary = config.regions.secondary;
  const zonesOf = (r: RegionName) => REGIONS[r].availabilityZones;
  const server = (
    role: "primary" | "replica",
    region: RegionName,
    suffix: string | undefined,
    zone: string | undefined,
    peSuffix: string,
  ) => {
    const rg = rgIn(region);
    const name = resourceName("postgresql", parts("data", region, suffix));
    return {
      role,
      name,
      id: resourceId(rg.subscriptionId, rg.name, "Microsoft.DBforPostgreSQL/flexibleServers", name),
      region,
      ...(zone ? { availabilityZone: zone } : {}),
      fqdn: `${name}.postgres.database.azure.com`,
      privateEndpoint: pe(region, peSuffix, PRIVATE_DNS_ZONES.postgresql, "postgresqlServer"),
    } satisfies PostgresServerModel;
  };
  const primaryZones = zonesOf(primary);
  const primaryZone = primaryZones[0];
  // Zone-redundant: the standby in another zone; same-zone: beside the primary.
  const standby = pg.haMode === "ZoneRedundant" ? primaryZones[1] : pg.haMode === "SameZone" ? primaryZone : undefined;
  const replicas: PostgresServerModel[] = [];
  // The same-region replica sits in a third zone where there is one: it survives the loss of primary and standby zones.
  if (pg.readReplicas.sameRegion) replicas.push(server("replica", primary, "r1", primaryZones[2] ?? primaryZone, "psql-r1"));
  if (pg.readReplicas.secondaryRegion) replicas.push(server("replica", secondary, undefined, zonesOf(secondary)[0], "psql"));
  const geoReplica = replicas.find((r) => r.region === secondary);
  const rg = rgIn(primary);
  const veName = resourceName("postgresql", parts("data", undefined, "ve"));
  return {
    version: pg.version,
    sku: { ...pg.sku },
    storageGb: pg.storageGb,
    resourceGroup: rg.name,
    subscriptionId: rg.subscriptionId,
    highAvailability: { mode: pg.haMode, ...(standby ? { standbyAvailabilityZone: standby } : {}) },
    failoverHighAvailabilityMode:
      pg.haMode === "Disabled" || !supports("postgresqlFlexible", "SameZone", secondary) ? "Disabled" : "SameZone",
    backup: { retentionDays: pg.backupRetentionDays, geoRedundant: pg.geoRedundantBackup },
    auth: { entraId: true, password: pg.passwordAuth, tenantId: config.tenantId },
    administrators: pg.administrators.map((a) => ({ ...a })),
    primary: server("primary", primary, undefined, primaryZone, "psql"),
    replicas,
    // Promotion target for regional DR: the secondary region's replica (or the in-region one if that is all there is).
    ...(replicas.length > 0
      ? {
          virtualEndpoint: {
            name: veName,
            members: [(geoReplica ?? (replicas[0] as PostgresServerModel)).name],
            writerHost: `${veName}.writer.postgres.database.azure.com`,
            readerHost: `${veName}.reader.postgres.database.azure.com`,
          },
        }
      : {}),
    parameters: {
      max_connections: String(pg.maxConnections),
      // Query statistics for every service's database: Flexible Server preloads pg_stat_statements; the
      // extension must still be allow-listed. https://learn.microsoft.com/azure/postgresql/extensions/concepts-extensions
      "azure.extensions": "PG_STAT_STATEMENTS,PGCRYPTO,UUID-OSSP",
      "pg_stat_statements.track": "all",
      // Connections from the clusters are pooled by the built-in PgBouncer; idle sessions are closed, not kept.
      idle_in_transaction_session_timeout: "60000",
      log_min_duration_statement: "1000",
      // Also enforces TLS on the built-in PgBouncer (its own client_tls_sslmode is deprecated).
      require_secure_transport: "on",
      ...pgbouncerParameters(config.data),
    },
    replicaParameters: pgbouncerParameters(config.data),
    databases: [...pg.databases],
  };
}

function resolveCosmos(config: EnvironmentConfig, rg: ResourceGroupModel, parts: PartsOf, pe: PrivateEndpointOf): CosmosModel {
  const c = config.data.cosmos;
  const name = resourceName("cosmosMongo", parts("data"));
  const regions: RegionName[] = [config.regions.primary, config.regions.secondary];
  return {
    name,
    id: resourceId(rg.subscriptionId, rg.name, "Microsoft.DocumentDB/databaseAccounts", name),
    region: rg.location,
    resourceGroup: rg.name,
    subscriptionId: rg.subscriptionId,
    serverVersion: c.serverVersion,
    consistency: cosmosConsistency(regions.length),
    automaticFailover: true,
    // Failover priority 0 is the write region; zone redundancy only where the region has zones.
    locations: regions.map((r, i) => ({
      locationName: r,
      failoverPriority: i,
      isZoneRedundant: REGIONS[r].availabilityZones.length > 0,
    })),
    backup: { type: "Continuous", tier: c.backupTier },
    privateEndpoints: regions.map((r) => pe(r, "cosmon", PRIVATE_DNS_ZONES.mongo, "MongoDB")),
    databases: c.databases.map((d) => ({ name: d.name, collections: d.collections.map((col) => ({ ...col })) })),
    failoverCommand: `az cosmosdb failover-priority-change --name ${name} --resource-group ${rg.name} --failover-policies ${config.regions.secondary}=0 ${config.regions.primary}=1`,
    // Microsoft.DocumentDB/databaseAccounts/offlineRegion/action (REST: POST .../offlineRegion, body { region }).
    outageFailoverCommand: `az rest --method post --url https://management.azure.com${resourceId(rg.subscriptionId, rg.name, "Microsoft.DocumentDB/databaseAccounts", name)}/offlineRegion?api-version=2024-11-15 --body '{"region":"${REGIONS[config.regions.primary].displayName.replace(/ \(.*\)$/, "")}"}'`,
  };
}

function resolveRedis(
  config: EnvironmentConfig,
  rgIn: (r: RegionName) => ResourceGroupModel,
  parts: PartsOf,
  pe: PrivateEndpointOf,
): RedisModel {
  const r = config.data.redis;
  const persistence = r.persistence && (r.persistence.aof || r.persistence.rdb) ? r.persistence : undefined;
  const regions: RegionName[] = r.geoReplication ? [config.regions.primary, config.regions.secondary] : [config.regions.primary];
  const primaryRg = rgIn(config.regions.primary);
  const caches = regions.map((region): RedisCacheModel => {
    const rg = rgIn(region);
    const name = resourceName("managedRedis", parts("data", region));
    const id = resourceId(rg.subscriptionId, rg.name, "Microsoft.Cache/redisEnterprise", name);
    return {
      name,
      id,
      databaseId: `${id}/databases/default`,
      region,
      zoneRedundant: r.highAvailability && supports("managedRedis", "zoneRedundancy", region),
      hostName: `${name}.${region}.redis.azure.net`,
      privateEndpoint: pe(region, "amr", PRIVATE_DNS_ZONES.redis, "redisEnterprise"),
    };
  });
  return {
    sku: r.sku,
    highAvailability: r.highAvailability,
    clusteringPolicy: r.clusteringPolicy,
    evictionPolicy: r.evictionPolicy,
    clientProtocol: "Encrypted",
    minimumTlsVersion: "1.2",
    port: MANAGED_REDIS_PORT,
    resourceGroup: primaryRg.name,
    subscriptionId: primaryRg.subscriptionId,
    mode: r.geoReplication ? "active-geo-replication" : persistence ? "persistence" : "none",
    ...(r.geoReplication ? { geoReplicationGroup: resourceName("managedRedis", parts("data", undefined, "geo")) } : {}),
    ...(persistence
      ? {
          persistence: {
            aofEnabled: persistence.aof,
            ...(persistence.aof ? { aofFrequency: persistence.aofFrequency } : {}),
            rdbEnabled: persistence.rdb,
            ...(persistence.rdb ? { rdbFrequency: persistence.rdbFrequency } : {}),
          },
        }
      : {}),
    caches,
  };
}

function resolveElastic(config: EnvironmentConfig, pe: PrivateEndpointOf): ElasticModel {
  const e = config.data.elastic;
  const region = config.regions.primary;
  const domain = elasticPrivateLinkDomain(region);
  return {
    deploymentName: `es-${config.organization}-data-${config.name}`,
    region: `azure-${region}`,
    azureRegion: region,
    version: e.version,
    deploymentTemplate: e.deploymentTemplate,
    zoneCount: e.zoneCount,
    autoscale: true,
    hotMaxSize: e.hotMaxSize,
    warmMaxSize: e.warmMaxSize,
    trafficFilterName: `pl-${config.organization}-data-${config.name}-${REGIONS[region].shortCode}`,
    privateLinkDomain: domain,
    privateEndpoint: pe(region, "es", domain, undefined, "wildcardRecord"),
    ilmPolicies: ilmPolicies(config),
    // One Key Vault per environment: the names need no environment part.
    keyVaultSecrets: { url: "elasticsearch-url", username: "elasticsearch-username", password: "elasticsearch-password" },
  };
}

/** Each policy as the body of PUT _ilm/policy/<name>: hot (rollover) -> warm (force merge, shrink) -> delete. */
function ilmPolicies(config: EnvironmentConfig): IlmPolicyModel[] {
  return config.data.elastic.ilmPolicies.map((p) => ({
    name: p.name,
    policy: {
      policy: {
        phases: {
          hot: {
            min_age: "0ms",
            actions: { rollover: { max_age: p.rolloverMaxAge, max_primary_shard_size: p.rolloverMaxPrimaryShardSize } },
          },
          warm: { min_age: p.warmAfter, actions: { forcemerge: { max_num_segments: 1 }, shrink: { number_of_shards: 1 } } },
          delete: { min_age: p.deleteAfter, actions: { delete: {} } },
        },
      },
    },
  }));
}

/** The deployment's Elasticsearch URL through Private Link: https://<alias>.es.<Elastic's Private Link zone>. */
export function elasticPrivateLinkUrl(elastic: ElasticModel, alias: string): string {
  return `https://${alias}.es.${elastic.privateLinkDomain}`;
}

/**
 * Where the ILM job applies the policies: the Elastic Cloud deployment (managed) with the URL and credentials
 * the data stack writes into Key Vault, or the ECK instance of each cluster (in-cluster) through ECK's own
 * Service and Secrets (names by ECK's convention: <name>-es-http, <name>-es-elastic-user,
 * <name>-es-http-certs-public). https://www.elastic.co/guide/en/cloud-on-k8s/current/k8s-request-elasticsearch-endpoint.html
 */
function resolveElasticIlm(
  config: EnvironmentConfig,
  clusters: readonly ClusterModel[],
  elastic: ElasticModel | undefined,
  inCluster: { instances: InClusterInstanceModel[] } | undefined,
): ElasticIlmModel | undefined {
  const policies = ilmPolicies(config);
  if (elastic) {
    return {
      policies,
      namespace: "data",
      clusters: clusters.map((c) => c.name),
      target: { kind: "elastic-cloud", deploymentName: elastic.deploymentName, keyVaultSecrets: { ...elastic.keyVaultSecrets } },
    };
  }
  const es = inCluster?.instances.find((i) => i.engine === "elasticsearch");
  if (!es) return undefined;
  return {
    policies,
    namespace: es.namespace,
    clusters: [...es.clusters],
    target: {
      kind: "eck",
      instance: es.name,
      url: `https://${es.name}-es-http.${es.namespace}.svc:9200`,
      username: "elastic",
      passwordSecret: { name: `${es.name}-es-elastic-user`, key: "elastic" },
      caSecret: { name: `${es.name}-es-http-certs-public`, key: "tls.crt" },
    },
  };
}

/**
 * The built-in PgBouncer's server parameters. Names and defaults:
 * https://learn.microsoft.com/azure/postgresql/connectivity/concepts-pgbouncer
 */
function pgbouncerParameters(data: DataConfig): Record<string, string> {
  const b = data.postgresql.pgbouncer;
  return {
    "pgbouncer.enabled": "true",
    "pgbouncer.pool_mode": b.poolMode,
    "pgbouncer.default_pool_size": String(b.defaultPoolSize),
    "pgbouncer.max_client_conn": String(b.maxClientConnections),
    // JDBC drivers send extra_float_digits in the startup packet.
    "pgbouncer.ignore_startup_parameters": "extra_float_digits",
  };
}

function resolvePgBouncer(data: DataConfig, pg: PostgresModel, clusters: readonly ClusterModel[]): PgBouncerModel {
  const b = data.postgresql.pgbouncer;
  return {
    kind: "built-in",
    host: pg.virtualEndpoint?.writerHost ?? pg.primary.fqdn,
    port: POSTGRESQL_PGBOUNCER_PORT,
    sslMode: "verify-full",
    poolMode: b.poolMode,
    defaultPoolSize: b.defaultPoolSize,
    maxClientConnections: b.maxClientConnections,
    serverParameters: pgbouncerParameters(data),
    auth: "entra-id-per-service",
    databases: [...pg.databases],
    clientConfig: { name: "postgresql-pooler", namespace: "data", clusters: clusters.map((c) => c.name) },
  };
}

function resolveInCluster(
  data: DataConfig,
  clusters: readonly ClusterModel[],
  storage: DataStorageModel,
): { operators: DataOperatorModel[]; instances: InClusterInstanceModel[] } {
  const names = clusters.map((c) => c.name);
  const mongoDatabases = data.cosmos.databases.map((d) => d.name);
  const backups = storage.containers.includes("backups") ? "backups" : undefined;
  return {
    operators: DATA_OPERATORS.map((o) => ({ ...o, helm: { ...o.helm } })),
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

/**
 * East-west firewall rules: every cluster's node subnet may open the data services' ports on the data
 * private endpoint subnets (both regions; a cluster in the other region passes both firewalls). Only the
 * ports of services that exist in this mode are opened; blob storage (443) always exists.
 */
export function dataAccessRules(config: EnvironmentConfig, vnets: readonly VnetModel[]): EastWestRuleModel[] {
  const sources = vnets.flatMap((v) => v.subnets.filter((s) => s.kind === "aksNodes").map((s) => s.cidr));
  const destinations = dataPrivateEndpointSubnets(vnets).map((s) => s.cidr);
  if (sources.length === 0 || destinations.length === 0) return [];
  const rule = (name: string, ports: (string | number)[]): EastWestRuleModel => ({
    name,
    protocol: "TCP",
    sourceAddresses: sources,
    destinationAddresses: destinations,
    destinationPorts: ports.map(String),
  });
  if (config.data.mode !== "managed") return [rule("clusters-to-storage", ["443"])];
  return [
    rule("clusters-to-postgresql", [POSTGRESQL_PORT, POSTGRESQL_PGBOUNCER_PORT]),
    rule("clusters-to-cosmos-mongo", [COSMOS_MONGO_PORT]),
    rule("clusters-to-managed-redis", [
      MANAGED_REDIS_PORT,
      ...(config.data.redis.clusteringPolicy === "OSSCluster" ? [MANAGED_REDIS_OSS_SHARD_PORTS] : []),
    ]),
    rule("clusters-to-elastic-and-storage", ELASTIC_PORTS),
  ];
}

/** The dataPrivateEndpoints subnets, with their regions. */
export function dataPrivateEndpointSubnets(vnets: readonly VnetModel[]): { region: RegionName; cidr: string }[] {
  return vnets
    .filter((v) => v.kind === "data")
    .flatMap((v) => v.subnets.filter((s) => s.kind === "dataPrivateEndpoints").map((s) => ({ region: v.region, cidr: s.cidr })));
}
