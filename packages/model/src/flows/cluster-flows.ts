/** The clusters (design 3.3.1): egress through the firewall, the platform dependencies in their own region, the data services. */
import { nthAddress } from "../core/cidr.ts";
import type { EnvironmentModel } from "../core/model.ts";
import type { VnetModel } from "../core/resources.ts";
import { type AddFlow, AKS_EGRESS, hostOf, origin, PL_HUB_SPOKE, REDIS_CLUSTER, subnetOf } from "./flow-helpers.ts";
import type { FlowProtocol, FlowTarget, OtherEnvironment, PortRange } from "./types.ts";

const port = (from: number, to = from): PortRange => ({ from, to });

export function addClusterFlows(model: EnvironmentModel, add: AddFlow, others: readonly OtherEnvironment[]): void {
  const vnetByKey = new Map(model.vnets.map((v) => [v.key, v]));
  const clusterVnets = model.clusters.map((c) => ({ cluster: c, vnet: vnetByKey.get(c.vnetKey) as VnetModel }));
  const _edgeVnets = model.vnets.filter((v) => v.kind === "edge");
  const _dataVnets = model.vnets.filter((v) => v.kind === "data");
  // --- Clusters: egress, platform dependencies in their own region, data
  const registry = model.containerRegistry;
  for (const { cluster, vnet } of clusterVnets) {
    const nodes = subnetOf(vnet, "aksNodes");
    const api = subnetOf(vnet, "aksApiServer");
    if (!nodes) continue;
    const from = origin(vnet, nodes);
    const r = cluster.region;
    const egress = (key: string, fqdn: string, p: PortRange, why: string, protocol: FlowProtocol = "TCP") =>
      add(`egress:${cluster.name}:${key}`, "required", `${cluster.name} nodes`, fqdn, protocol, p, why, [
        { from, to: { fqdn, resolves: "public" } },
      ]);
    for (const fqdn of [
      "mcr.microsoft.com",
      `${r}.data.mcr.microsoft.com`,
      "management.azure.com",
      "login.microsoftonline.com",
      "packages.microsoft.com",
      "packages.aks.azure.com",
      "acs-mirror.azureedge.net",
    ])
      egress(fqdn, fqdn, port(443), AKS_EGRESS);
    egress("ntp", "ntp.ubuntu.com", port(123), AKS_EGRESS, "UDP");
    for (const fqdn of model.firewallPolicy.gitopsSources.fqdns)
      egress(`source:${fqdn}`, fqdn, port(443), "design 3.3.1 (chart and image sources)");
    if (api) {
      add(
        `platform:${cluster.name}-api-server`,
        "required",
        `${cluster.name} nodes`,
        `${cluster.aksName} API server`,
        "TCP",
        port(443),
        "https://learn.microsoft.com/azure/aks/api-server-vnet-integration",
        [{ from, to: { address: nthAddress(api.cidr, 4) } }],
      );
    }
    const own = (fqdn: string): FlowTarget => ({ fqdn, resolves: "private", region: r });
    add(
      `platform:${cluster.name}-key-vault`,
      "required",
      `${cluster.name} nodes`,
      `Key Vault ${model.keyVault.name} (External Secrets) in ${r}`,
      "TCP",
      port(443),
      PL_HUB_SPOKE,
      [{ from, to: own(hostOf(model.keyVault.uri)) }],
    );
    // The KMS plugin runs beside the API server, in its delegated subnet (API Server VNet Integration).
    const kms = cluster.aks.kms;
    if (kms && api)
      add(
        `platform:${cluster.name}-kms-vault`,
        "required",
        `${cluster.aksName} API server (KMS plugin)`,
        `KMS vault ${kms.vault.name} in ${r}`,
        "TCP",
        port(443),
        "https://learn.microsoft.com/azure/aks/use-kms-etcd-encryption",
        [{ from: origin(vnet, api), to: own(hostOf(kms.vault.uri)) }],
      );
    add(
      `platform:${cluster.name}-registry`,
      "required",
      `${cluster.name} nodes`,
      `registry ${registry.loginServer} in ${r}`,
      "TCP",
      port(443),
      PL_HUB_SPOKE,
      [{ from, to: own(registry.loginServer) }],
    );
    add(
      `platform:${cluster.name}-registry-data`,
      "required",
      `${cluster.name} nodes`,
      `registry data endpoint in ${r}`,
      "TCP",
      port(443),
      "https://learn.microsoft.com/azure/container-registry/container-registry-private-link",
      [{ from, to: own(`${registry.name}.${r}.data.azurecr.io`) }],
    );

    // Workloads -> data.
    const data = model.data;
    const pg = data.postgresql;
    if (pg) {
      for (const server of [pg.primary, ...pg.replicas]) {
        for (const p of [5432, 6432]) {
          add(
            `data:${cluster.name}:postgresql-${server.name}-${p}`,
            "required",
            `${cluster.name} workloads`,
            `PostgreSQL ${server.role} ${server.fqdn}`,
            "TCP",
            port(p),
            "https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-pgbouncer",
            [{ from, to: { fqdn: server.fqdn, resolves: "private" } }],
          );
        }
      }
    }
    const cache = data.redis?.caches.find((c) => c.region === r) ?? data.redis?.caches[0];
    if (cache) {
      add(
        `data:${cluster.name}:redis`,
        "required",
        `${cluster.name} workloads`,
        `Managed Redis ${cache.hostName}`,
        "TCP",
        port(10000),
        REDIS_CLUSTER,
        [{ from, to: { fqdn: cache.hostName, resolves: "private" } }],
      );
      if (data.redis?.clusteringPolicy === "OSSCluster") {
        add(
          `data:${cluster.name}:redis-shards`,
          "required",
          `${cluster.name} workloads`,
          `Managed Redis shards of ${cache.hostName}`,
          "TCP",
          port(8500, 8599),
          REDIS_CLUSTER,
          [{ from, to: { fqdn: cache.hostName, resolves: "private" } }],
        );
      }
    }
    if (data.cosmos) {
      add(
        `data:${cluster.name}:cosmos`,
        "required",
        `${cluster.name} workloads`,
        `Cosmos DB for MongoDB ${data.cosmos.name} in ${r}`,
        "TCP",
        port(10255),
        "https://learn.microsoft.com/azure/cosmos-db/how-to-configure-private-endpoints",
        [{ from, to: own(`${data.cosmos.name}-${r}.mongo.cosmos.azure.com`) }],
      );
    }
    if (data.elastic) {
      add(
        `data:${cluster.name}:elastic`,
        "required",
        `${cluster.name} workloads`,
        `Elastic ${data.elastic.deploymentName}`,
        "TCP",
        port(443),
        "https://www.elastic.co/docs/deploy-manage/security/private-connectivity-azure",
        [{ from, to: { fqdn: `${data.elastic.deploymentName}.${data.elastic.privateLinkDomain}`, resolves: "private" } }],
      );
    }
    // Managed services and the in-cluster databases' backups both use the storage account (data/storage.ts).
    add(
      `data:${cluster.name}:storage`,
      "required",
      `${cluster.name} workloads`,
      `storage ${data.storage.name} (blob)`,
      "TCP",
      port(443),
      "https://learn.microsoft.com/azure/storage/common/storage-private-endpoints",
      [{ from, to: { fqdn: `${data.storage.name}.blob.core.windows.net`, resolves: "private" } }],
    );
    // A cluster never reaches another environment's data.
    for (const other of others) {
      for (const v of other.vnets.filter((x) => x.kind === "data" && x.dataPrivateEndpointsCidr)) {
        add(
          `forbidden:${cluster.name}-to-${other.name}-data-${v.name}`,
          "forbidden",
          `${cluster.name} workloads`,
          `${other.name} data endpoints (${v.dataPrivateEndpointsCidr})`,
          "TCP",
          port(5432),
          "design 3.2 (environments isolated)",
          [{ from, to: { address: nthAddress(v.dataPrivateEndpointsCidr as string, 4) } }],
        );
      }
    }
  }
}
