/**
 * The estate's PaaS services on the diagram: Key Vault and the registry, reached through private endpoints from
 * the primary cluster, and the data services, each behind its private endpoint in the data spoke of its region.
 */
import type { EnvironmentModel } from "@plugilo/model";
import { type DiagramBuilder, diagramId as id } from "./diagram-types.ts";

export function addPaasNodes(b: DiagramBuilder, model: EnvironmentModel): void {
  const { nodes, edges, node, vnetGroup } = b;
  // Shared services: Key Vault and the registry, reached through private endpoints in the clusters' spoke.
  const primaryPaas = id("paas", model.regions.primary.name);
  node({
    id: "keyvault",
    kind: "shared",
    label: [model.keyVault.name, "Key Vault Premium"],
    group: primaryPaas,
    aliases: [model.keyVault.name],
    planType: "azure-native:keyvault:Vault",
  });
  node({
    id: "registry",
    kind: "shared",
    label: [
      model.containerRegistry.name,
      `Container Registry, replicas ${model.containerRegistry.replicaRegions.join(", ") || "none"}`,
    ],
    group: primaryPaas,
    aliases: [model.containerRegistry.name, model.containerRegistry.loginServer],
    planType: "azure-native:containerregistry:Registry",
  });
  const primaryCluster = model.clusters.find((c) => c.region === model.regions.primary.name) ?? model.clusters[0];
  if (primaryCluster) {
    for (const target of ["keyvault", "registry"]) {
      edges.push({ from: id("aks", primaryCluster.name), to: target, kind: "privatelink", label: "private endpoint" });
    }
  }

  // Data services, each behind its private endpoint in the data spoke of its region.
  const d = model.data;
  const services: {
    key: string;
    name: string;
    what: string;
    region: string;
    pe: { name: string; region: string; subnetCidr: string };
    planType: string;
  }[] = [];
  if (d.postgresql) {
    for (const s of [d.postgresql.primary, ...d.postgresql.replicas]) {
      services.push({
        key: s.name,
        name: s.name,
        what: `PostgreSQL ${d.postgresql.version} ${d.postgresql.sku.name} (${s.role})`,
        region: s.region,
        pe: s.privateEndpoint,
        planType: "azure-native:dbforpostgresql:Server",
      });
    }
  }
  if (d.cosmos) {
    for (const pe of d.cosmos.privateEndpoints) {
      services.push({
        key: `${d.cosmos.name}-${pe.region}`,
        name: d.cosmos.name,
        what: `Cosmos DB for MongoDB ${d.cosmos.serverVersion}`,
        region: pe.region,
        pe,
        planType: "azure-native:cosmosdb:DatabaseAccount",
      });
    }
  }
  if (d.redis) {
    for (const c of d.redis.caches) {
      services.push({
        key: c.name,
        name: c.name,
        what: `Azure Managed Redis ${d.redis.sku}`,
        region: c.region,
        pe: c.privateEndpoint,
        planType: "azure-native:redisenterprise:RedisEnterprise",
      });
    }
  }
  if (d.elastic) {
    services.push({
      key: d.elastic.deploymentName,
      name: d.elastic.deploymentName,
      what: `Elastic Cloud ${d.elastic.version} (Private Link)`,
      region: d.elastic.azureRegion,
      pe: d.elastic.privateEndpoint,
      planType: "ec:index/deployment:Deployment",
    });
  }
  services.push({
    key: d.storage.name,
    name: d.storage.name,
    what: `Storage ${d.storage.sku}`,
    region: d.storage.region,
    pe: d.storage.privateEndpoint,
    planType: "azure-native:storage:StorageAccount",
  });
  for (const s of services) {
    const vnet = model.vnets.find((v) => v.kind === "data" && v.region === s.pe.region);
    const pe = node({
      id: id("pe", s.pe.name),
      kind: "pe",
      label: [s.pe.name, `private endpoint in ${s.pe.subnetCidr}`],
      group: vnet ? vnetGroup(vnet) : undefined,
      aliases: [s.pe.name],
      planType: "azure-native:network:PrivateEndpoint",
    });
    const svc =
      nodes.find((n) => n.id === id("data", s.key))?.id ??
      node({
        id: id("data", s.key),
        kind: "data",
        label: [s.name, s.what],
        group: id("paas", s.region),
        aliases: [s.name],
        planType: s.planType,
      });
    edges.push({ from: pe, to: svc, kind: "privatelink" });
  }
}
