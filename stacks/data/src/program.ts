/**
 * Layer data (Data Platform subscription). The data spoke of each region (private endpoint subnet; the
 * delegated PostgreSQL subnet stays reserved: the servers use private endpoints, docs/adr/0041), then, with
 * data.mode managed (staging, prod): PostgreSQL Flexible Server with replicas, Cosmos DB for MongoDB, Azure
 * Managed Redis and Elastic Cloud, every one behind private endpoints and protected from deletion. The
 * storage account exists in every environment. With data.mode in-cluster (dev) the databases run in the
 * clusters: the model's data.inCluster declares the operators and instances the GitOps layer renders.
 */
import { layerSpoke, MetricAlerts, subscriptionProviders } from "@plugilo/components";
import {
  alertActionGroup,
  type EnvironmentModel,
  metricAlerts,
  type RegionName,
  resolveServiceIdentities,
  type SubscriptionKey,
} from "@plugilo/model";

import type * as pulumi from "@pulumi/pulumi";
import { CosmosMongo } from "./cosmos-mongo.ts";
import { DataStorage } from "./data-storage.ts";
import { ElasticCloud } from "./elastic-cloud.ts";
import { ManagedRedis } from "./managed-redis.ts";
import { PostgresqlFlexible } from "./postgresql-flexible.ts";
import { serviceIdentities } from "./service-identities.ts";

/** The subscription key of a subscription ID of the model. */
function subscriptionOf(model: EnvironmentModel, subscriptionId: string): SubscriptionKey {
  const key = (Object.keys(model.subscriptions) as SubscriptionKey[]).find((k) => model.subscriptions[k] === subscriptionId);
  if (!key) throw new Error(`subscription ${subscriptionId} is not one of the environment's`);
  return key;
}

export function data(model: EnvironmentModel) {
  const providerFor = subscriptionProviders(model);
  const inData = { providers: [providerFor("data")] };
  const tags = { ...model.tags, layer: "data" };
  const d = model.data;

  const vnets = model.vnets.filter((v) => v.layer === "data");
  const spokes = new Map<RegionName, pulumi.Resource>();
  for (const vnet of vnets) spokes.set(vnet.region, layerSpoke(vnet, model, providerFor).virtualNetwork);
  const spokeOf = (region: RegionName): pulumi.Resource => {
    const spoke = spokes.get(region);
    if (!spoke) throw new Error(`no data spoke in ${region}`);
    return spoke;
  };

  const stateful = { protect: d.protect, workspaces: model.logAnalytics };
  const storage = new DataStorage("storage", { ...stateful, storage: d.storage, tags, spoke: spokeOf(d.storage.region) }, inData);
  const postgresql = d.postgresql
    ? new PostgresqlFlexible(
        "postgresql",
        { ...stateful, resourceGroups: d.resourceGroups, postgresql: d.postgresql, tags, spokeOf },
        inData,
      )
    : undefined;
  const cosmos = d.cosmos ? new CosmosMongo("cosmos", { ...stateful, cosmos: d.cosmos, tags, spokeOf }, inData) : undefined;
  const redis = d.redis
    ? new ManagedRedis("redis", { ...stateful, resourceGroups: d.resourceGroups, redis: d.redis, tags, spokeOf }, inData)
    : undefined;
  // Replica lag, Cosmos DB replication and availability, Redis geo-replication (packages/model/src/foundation/metric-alerts.ts).
  new MetricAlerts(
    "alerts",
    {
      alerts: metricAlerts(model).filter((a) => a.layer === "data"),
      actionGroupId: alertActionGroup(model).id,
      tags,
      dependsOn: [...(postgresql?.replicas ?? []), ...(cosmos ? [cosmos.account] : []), ...(redis?.clusters ?? [])],
    },
    inData,
  );
  const services =
    d.mode === "managed"
      ? serviceIdentities(
          {
            environment: model.name,
            identities: resolveServiceIdentities(model),
            postgresql: d.postgresql,
            tags,
            redisDatabases: redis?.databases ?? [],
            postgres: postgresql ? [postgresql] : [],
          },
          inData,
        )
      : {};
  const elastic = d.elastic
    ? new ElasticCloud(
        "elastic",
        {
          environment: model.name,
          elastic: d.elastic,
          tags,
          environmentTags: model.tags,
          protect: d.protect,
          dnsResourceGroup: model.dns.resourceGroup,
          keyVault: model.keyVault,
          spoke: spokeOf(d.elastic.azureRegion),
          hubProvider: providerFor("hub"),
          keyVaultProvider: providerFor(subscriptionOf(model, model.keyVault.subscriptionId)),
        },
        inData,
      )
    : undefined;

  return {
    mode: d.mode,
    // Recorded in the services' GitOps specs (IDENTITY_IDS): the ServiceAccount's client ID, the Redis user.
    serviceIdentities: services,
    dataVnets: vnets.map((v) => v.name),
    storageAccount: storage.account.name,
    ...(d.postgresql && postgresql
      ? {
          postgresql: {
            primary: d.postgresql.primary.fqdn,
            replicas: d.postgresql.replicas.map((r) => `${r.name} (${r.region})`),
            writer: d.postgresql.virtualEndpoint?.writerHost,
            reader: d.postgresql.virtualEndpoint?.readerHost,
          },
        }
      : {}),
    ...(d.cosmos
      ? { cosmos: { account: d.cosmos.name, failover: d.cosmos.failoverCommand, outageFailover: d.cosmos.outageFailoverCommand } }
      : {}),
    ...(d.redis ? { redis: { mode: d.redis.mode, hosts: d.redis.caches.map((c) => c.hostName) } } : {}),
    ...(d.elastic && elastic
      ? {
          elastic: {
            endpoint: elastic.privateLinkUrl,
            keyVaultSecrets: Object.values(d.elastic.keyVaultSecrets),
            ilmPolicies: d.elastic.ilmPolicies.map((p) => p.name),
          },
        }
      : {}),
    ...(d.inCluster
      ? { inCluster: d.inCluster.operators.map((o) => `${o.engine}: ${o.operator} ${o.helm.version} (replaces ${o.replaces})`) }
      : {}),
  };
}
