/**
 * The flow catalogue of an environment, derived from the model: a flow per cluster, region and service.
 * Sections of the design document (../shared/seed/plugilo-infrastructure.md): 3.3.1 outbound, 3.3.2 inbound,
 * 3.3.3 user to internal system. The evaluator (@plugilo/flows) decides each flow from the plan.
 */
import { nthAddress } from "../core/cidr.ts";
import type { EnvironmentModel } from "../core/model.ts";
import type { RegionName } from "../core/regions.ts";
import type { SubnetModel, VnetModel } from "../core/resources.ts";
import { addMulticloudFlows } from "./multicloud-flows.ts";
import type { FlowKind, FlowLeg, FlowProtocol, FlowSpec, FlowTarget, PortRange } from "./types.ts";

/** Another environment's address space (non-prod to prod, a cluster to the other environment's data). */
export interface OtherEnvironment {
  name: string;
  vnets: { name: string; cidr: string; kind: string; dataPrivateEndpointsCidr?: string }[];
}

const AKS_EGRESS = "https://learn.microsoft.com/azure/aks/outbound-rules-control-egress";
const APIM_OUTBOUND = "https://learn.microsoft.com/azure/api-management/integrate-vnet-outbound";
const REDIS_CLUSTER = "https://learn.microsoft.com/azure/redis/architecture#cluster-policies";
const HUB_SPOKE = "https://learn.microsoft.com/azure/architecture/networking/architecture/hub-spoke";
const PL_HUB_SPOKE = "https://learn.microsoft.com/azure/architecture/networking/guide/private-link-hub-spoke-network";
const FD_PRIVATE_LINK = "https://learn.microsoft.com/azure/frontdoor/private-link";

const port = (from: number, to = from): PortRange => ({ from, to });

function subnetOf(vnet: VnetModel, kind: SubnetModel["kind"]): SubnetModel | undefined {
  return vnet.subnets.find((s) => s.kind === kind);
}

const origin = (vnet: VnetModel, subnet: SubnetModel) => ({ subnet: { vnet: vnet.name, subnet: subnet.name } });

/** Every flow of the environment, in a stable order. */
export function flowCatalogue(model: EnvironmentModel, others: readonly OtherEnvironment[] = []): FlowSpec[] {
  const flows: FlowSpec[] = [];
  const add = (
    id: string,
    kind: FlowKind,
    source: string,
    destination: string,
    protocol: FlowProtocol,
    ports: PortRange,
    why: string,
    legs: FlowLeg[],
    bypass?: boolean,
  ) => flows.push({ id, kind, source, destination, protocol, ports, why, legs, ...(bypass ? { bypass } : {}) });

  const vnetByKey = new Map(model.vnets.map((v) => [v.key, v]));
  const clusterVnets = model.clusters.map((c) => ({ cluster: c, vnet: vnetByKey.get(c.vnetKey) as VnetModel }));
  const region = (r: RegionName) => model.regions.all.indexOf(r);
  const edgeVnets = model.vnets.filter((v) => v.kind === "edge");
  const dataVnets = model.vnets.filter((v) => v.kind === "data");

  // --- Inbound: Front Door -> Application Gateway (Private Link) -> firewall -> Istio ILB (3.3.2)
  for (const agw of model.edge.applicationGateways) {
    const origins = model.edge.frontDoor.originGroups.flatMap((g) =>
      g.origins.filter((o) => o.privateLink.resourceId === agw.id).map((o) => ({ group: g.name, origin: o.name })),
    );
    const agwVnet = edgeVnets.find((v) => v.region === agw.region);
    const agwSubnet = agwVnet && subnetOf(agwVnet, "appgw");
    for (const o of origins) {
      for (const backend of agw.backendAddresses) {
        const legs: FlowLeg[] = [
          { from: { frontDoor: { originGroup: o.group, origin: o.origin } }, to: { address: agw.privateFrontendIp } },
        ];
        if (agwVnet && agwSubnet) legs.push({ from: origin(agwVnet, agwSubnet), to: { address: backend.ipAddress } });
        add(
          `inbound:frontdoor-${o.origin}-${backend.cluster}`,
          "required",
          `Front Door (origin ${o.group}/${o.origin})`,
          `Istio ingress of ${backend.cluster} (${backend.ipAddress}) through ${agw.name}`,
          "TCP",
          port(443),
          `design 3.3.2; ${FD_PRIVATE_LINK}`,
          legs,
        );
      }
    }
  }
  // Clients -> Front Door: the one public entry.
  add(
    "inbound:internet-to-frontdoor",
    "required",
    "Internet",
    `Front Door endpoint ${model.edge.frontDoor.endpointName}`,
    "TCP",
    port(443),
    "design 3.3.2",
    [
      {
        from: { external: "Internet", cidr: "0.0.0.0/0" },
        to: { publicEndpoint: { type: "azure-native:cdn:AFDEndpoint", name: model.edge.frontDoor.endpointName } },
      },
    ],
  );
  // Front Door -> API Management (private endpoint of the gateway), then API Management -> firewall -> ILB.
  const apim = model.edge.apiManagement;
  for (const g of model.edge.frontDoor.originGroups) {
    for (const o of g.origins.filter((x) => x.privateLink.resourceId === apim.id)) {
      add(
        `inbound:frontdoor-${o.name}`,
        "required",
        `Front Door (origin ${g.name}/${o.name})`,
        `API Management ${apim.name}`,
        "TCP",
        port(443),
        `design 3.3.2; ${FD_PRIVATE_LINK}`,
        [
          {
            from: { frontDoor: { originGroup: g.name, origin: o.name } },
            to: { fqdn: apim.gatewayHostName, resolves: "public" },
          },
        ],
      );
    }
  }
  const apimVnet = model.vnets.find((v) => v.subnets.some((s) => s.id === apim.outboundSubnetId));
  const apimSubnet = apimVnet?.subnets.find((s) => s.id === apim.outboundSubnetId);
  if (apimVnet && apimSubnet) {
    for (const { cluster } of clusterVnets) {
      add(
        `inbound:apim-${cluster.name}`,
        "required",
        `API Management ${apim.name}`,
        `Istio ingress of ${cluster.name} (${cluster.ingressIp})`,
        "TCP",
        port(443),
        "design 3.3.2",
        [{ from: origin(apimVnet, apimSubnet), to: { address: cluster.ingressIp } }],
      );
    }
    // Platform dependencies of outbound VNet integration.
    const apimDeps: [string, FlowTarget, string][] = [
      ["key-vault", { fqdn: hostOf(model.keyVault.uri), resolves: "private" }, `environment Key Vault ${model.keyVault.name}`],
      ["azure-key-vault", { serviceTag: `AzureKeyVault.${apim.region}` }, "Azure Key Vault (service tag AzureKeyVault)"],
      ["storage", { serviceTag: `Storage.${apim.region}` }, "Azure Storage (service tag Storage)"],
      [
        "entra-id",
        { fqdn: "login.microsoftonline.com", resolves: "public", serviceTags: ["AzureActiveDirectory"] },
        "Microsoft Entra ID",
      ],
      ["azure-monitor", { serviceTag: "AzureMonitor" }, "Azure Monitor (service tag AzureMonitor)"],
    ];
    for (const [key, to, label] of apimDeps) {
      add(`platform:apim-${key}`, "required", `API Management ${apim.name}`, label, "TCP", port(443), APIM_OUTBOUND, [
        { from: origin(apimVnet, apimSubnet), to },
      ]);
    }
  }
  // Application Gateway -> Key Vault (its TLS certificate).
  for (const agw of model.edge.applicationGateways) {
    const v = edgeVnets.find((x) => x.region === agw.region);
    const s = v && subnetOf(v, "appgw");
    if (!v || !s) continue;
    add(
      `platform:${agw.name}-key-vault`,
      "required",
      `Application Gateway ${agw.name}`,
      `environment Key Vault ${model.keyVault.name}`,
      "TCP",
      port(443),
      "https://learn.microsoft.com/azure/application-gateway/key-vault-certs",
      [{ from: origin(v, s), to: { fqdn: hostOf(model.keyVault.uri), resolves: "private" } }],
    );
  }

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
    if (data.mode === "managed") {
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
    }
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

  // --- Admin access: AVD -> API servers and data (3.3.3)
  const access = model.vnets.find((v) => v.kind === "access");
  const avdSubnet = access && subnetOf(access, "avd");
  if (access && avdSubnet) {
    const from = origin(access, avdSubnet);
    for (const { cluster, vnet } of clusterVnets) {
      const api = subnetOf(vnet, "aksApiServer");
      if (api)
        add(
          `admin:avd-${cluster.name}-api-server`,
          "required",
          "AVD session hosts",
          `${cluster.aksName} API server`,
          "TCP",
          port(443),
          "design 3.3.3",
          [{ from, to: { address: nthAddress(api.cidr, 4) } }],
        );
    }
    const pg = model.data.postgresql;
    if (pg)
      add(
        "admin:avd-postgresql",
        "required",
        "AVD session hosts",
        `PostgreSQL ${pg.primary.fqdn}`,
        "TCP",
        port(5432),
        "design 3.3.3",
        [{ from, to: { fqdn: pg.primary.fqdn, resolves: "private" } }],
      );
    add(
      "admin:avd-key-vault",
      "required",
      "AVD session hosts",
      `Key Vault ${model.keyVault.name}`,
      "TCP",
      port(443),
      "design 3.3.3",
      [{ from, to: { fqdn: hostOf(model.keyVault.uri), resolves: "private" } }],
    );
  }
  // Tailscale: the connector runs in the clusters and advertises the tailnet route; its traffic leaves the nodes.
  if (model.config.access.mode === "tailscale") {
    for (const { cluster, vnet } of clusterVnets) {
      const nodes = subnetOf(vnet, "aksNodes");
      const api = subnetOf(vnet, "aksApiServer");
      if (nodes && api)
        add(
          `admin:tailnet-${cluster.name}-api-server`,
          "required",
          `tailnet ${model.config.access.tailscaleRange} (connector in ${cluster.name})`,
          `${cluster.aksName} API server`,
          "TCP",
          port(443),
          "design 3.3.3; https://tailscale.com/kb/1185/kubernetes",
          [{ from: origin(vnet, nodes), to: { address: nthAddress(api.cidr, 4) } }],
        );
    }
  }

  // --- Multicloud: the declared flows over the VPN (BGP), and what they leave out
  addMulticloudFlows(model, add);
  const spokes = model.vnets.filter((v) => v.kind !== "hub");
  const aws = model.vpn.aws.ranges[0];
  const gcp = model.vpn.gcp.ranges[0];
  if (aws && gcp && model.hubs.some((h) => h.hasVpnGateway)) {
    add(
      "forbidden:aws-to-gcp-through-azure",
      "forbidden",
      `AWS ${aws}`,
      `GCP ${gcp}`,
      "TCP",
      port(443),
      "design 3.4 (Azure is no transit between the other clouds)",
      [{ from: { external: "aws", cidr: aws }, to: { address: nthAddress(gcp, 10) } }],
    );
    add(
      "forbidden:gcp-to-aws-through-azure",
      "forbidden",
      `GCP ${gcp}`,
      `AWS ${aws}`,
      "TCP",
      port(443),
      "design 3.4 (Azure is no transit between the other clouds)",
      [{ from: { external: "gcp", cidr: gcp }, to: { address: nthAddress(aws, 10) } }],
    );
  }

  // --- Forbidden: spoke to spoke around the firewall
  const pick = (v: VnetModel) => v.subnets.find((s) => !["appgwPrivateLink"].includes(s.kind)) ?? v.subnets[0];
  for (const a of spokes) {
    for (const b of spokes) {
      if (a === b) continue;
      const sa = pick(a);
      const sb = pick(b);
      if (!sa || !sb) continue;
      add(
        `forbidden:bypass-${a.key}-to-${b.key}`,
        "forbidden",
        `${a.name}/${sa.name}`,
        `${b.name}/${sb.name}`,
        "TCP",
        port(443),
        `design 3.3 (east-west through the firewall); ${HUB_SPOKE}`,
        [{ from: origin(a, sa), to: { address: nthAddress(sb.cidr, 4) } }],
        true,
      );
    }
  }

  // --- Forbidden: the Internet to anything but Front Door
  for (const agw of model.edge.applicationGateways)
    add(
      `forbidden:internet-to-${agw.name}`,
      "forbidden",
      "Internet",
      `public frontend of ${agw.name}`,
      "TCP",
      port(443),
      "design 3.3.2 (only Front Door is public)",
      [{ from: { external: "Internet", cidr: "0.0.0.0/0" }, to: { publicIp: agw.publicIpName } }],
    );
  for (const hub of model.hubs)
    add(
      `forbidden:internet-to-${hub.firewallName}`,
      "forbidden",
      "Internet",
      `public IP of ${hub.firewallName}`,
      "TCP",
      port(443),
      "design 3.3.2 (only Front Door is public)",
      [{ from: { external: "Internet", cidr: "0.0.0.0/0" }, to: { publicIp: hub.firewallPublicIpName } }],
    );
  const publicEndpoints: [string, string, string, number][] = [
    ["apim", "azure-native:apimanagement:ApiManagementService", apim.name, 443],
    ["key-vault", "azure-native:keyvault:Vault", model.keyVault.name, 443],
    ["registry", "azure-native:containerregistry:Registry", registry.name, 443],
  ];
  if (model.data.postgresql)
    publicEndpoints.push(["postgresql", "azure-native:dbforpostgresql:Server", model.data.postgresql.primary.name, 5432]);
  for (const c of model.data.redis?.caches ?? [])
    publicEndpoints.push([`redis-${c.region}`, "azure-native:redisenterprise:RedisEnterprise", c.name, 10000]);
  if (model.data.cosmos) publicEndpoints.push(["cosmos", "azure-native:cosmosdb:DatabaseAccount", model.data.cosmos.name, 10255]);
  if (model.data.mode === "managed")
    publicEndpoints.push(["storage", "azure-native:storage:StorageAccount", model.data.storage.name, 443]);
  for (const [key, type, name, p] of publicEndpoints)
    add(
      `forbidden:internet-to-${key}`,
      "forbidden",
      "Internet",
      `public endpoint of ${name}`,
      "TCP",
      port(p),
      "design 3.3.2 (only Front Door is public)",
      [{ from: { external: "Internet", cidr: "0.0.0.0/0" }, to: { publicEndpoint: { type, name } } }],
    );

  // --- Forbidden: non-prod to prod (and any other environment to this one)
  for (const other of others) {
    for (const v of other.vnets) {
      for (const target of dataVnets) {
        const s = subnetOf(target, "dataPrivateEndpoints");
        if (!s) continue;
        add(
          `forbidden:${other.name}-${v.name}-to-${target.key}`,
          "forbidden",
          `${other.name} ${v.name} (${v.cidr})`,
          `${target.name}/${s.name}`,
          "TCP",
          port(5432),
          "design 3.2 (environments isolated)",
          [{ from: { external: "other-environment", cidr: v.cidr }, to: { address: nthAddress(s.cidr, 4) } }],
        );
      }
    }
  }
  void region;
  return flows;
}

function hostOf(uri: string): string {
  return new URL(uri).host;
}

/** The address spaces of an environment, for another environment's catalogue. */
export function otherEnvironment(model: EnvironmentModel): OtherEnvironment {
  return {
    name: model.name,
    vnets: model.vnets.map((v) => {
      const pep = subnetOf(v, "dataPrivateEndpoints");
      return { name: v.name, cidr: v.cidr, kind: v.kind, ...(pep ? { dataPrivateEndpointsCidr: pep.cidr } : {}) };
    }),
  };
}
