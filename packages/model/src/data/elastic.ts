/** Elastic Cloud over Private Link, and the index lifecycle policies applied to it or to the in-cluster ECK instance (docs/adr/0061). */
import type { ClusterModel } from "../cluster/types.ts";
import { REGIONS, type RegionName } from "../core/regions.ts";
import type { EnvironmentConfig } from "../core/schema.ts";
import type { InClusterInstanceModel } from "./in-cluster.ts";
import type { DataPrivateEndpointModel, PrivateEndpointOf } from "./private-endpoint.ts";

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

/** Elastic Cloud over Private Link: 443 and 9243. https://www.elastic.co/docs/deploy-manage/security/private-connectivity-azure */
export const ELASTIC_PORTS = ["443", "9243"];

/** Elastic Cloud Hosted's Private Link zone of a region. */
export function elasticPrivateLinkDomain(region: RegionName): string {
  return `privatelink.${region}.azure.elastic-cloud.com`;
}

export function resolveElastic(config: EnvironmentConfig, pe: PrivateEndpointOf): ElasticModel {
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
export function ilmPolicies(config: EnvironmentConfig): IlmPolicyModel[] {
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
export function resolveElasticIlm(
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
