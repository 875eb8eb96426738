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
import { type PartsOf, resourceId, resourceName } from "../core/naming.ts";
import { privateDnsZoneFor } from "../core/private-dns-resolution.ts";
import type { RegionName } from "../core/regions.ts";
import type {
  DnsModel,
  EastWestRuleModel,
  LayerModel,
  PrivateDnsZoneModel,
  ResourceGroupModel,
  VnetModel,
} from "../core/resources.ts";
import type { DataConfig, EnvironmentConfig } from "../core/schema.ts";
import { dataAccessRules } from "./access-rules.ts";
import { type CosmosModel, resolveCosmos } from "./cosmos.ts";
import { type ElasticIlmModel, type ElasticModel, resolveElastic, resolveElasticIlm } from "./elastic.ts";
import { type InClusterInstanceModel, resolveInCluster } from "./in-cluster.ts";
import type { DataOperatorModel } from "./operators.ts";
import { type PgBouncerModel, resolvePgBouncer } from "./pgbouncer.ts";
import { type PostgresModel, resolvePostgres } from "./postgresql.ts";
import type { DataPrivateEndpointModel } from "./private-endpoint.ts";
import { type RedisModel, resolveRedis } from "./redis.ts";
import { type DataStorageModel, resolveStorage } from "./storage.ts";

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

export interface DataInputs {
  config: EnvironmentConfig;
  vnets: readonly VnetModel[];
  layers: readonly LayerModel[];
  clusters: readonly ClusterModel[];
  dns: DnsModel;
  protect: boolean;
  parts: PartsOf;
  /** The operators of the in-cluster databases: the GitOps layer's database-operators add-on installs them. */
  operators: readonly DataOperatorModel[];
}

export function resolveData({ config, vnets, layers, clusters, dns, protect, parts, operators }: DataInputs): DataModel {
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
  const inCluster = managed ? undefined : resolveInCluster(data, clusters, storage, operators);
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
