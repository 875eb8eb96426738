/**
 * The monthly cost of an environment: quantities from the model (and the plan's resource counts), prices
 * from the dated snapshot. Usage-based meters use the assumptions listed in ASSUMPTIONS; a resource
 * without a price is listed as unpriced, never counted as zero.
 */
import type { EnvironmentModel } from "@plugilo/model";
import type { PlanJson } from "../command-io.ts";
import { type PriceRow, type PriceSnapshot, priceOf } from "./price-snapshot.ts";

export const HOURS_PER_MONTH = 730;

export interface CostLine {
  stack: string;
  resource: string;
  type: string;
  meter: string;
  quantity: number;
  unitPrice: number;
  monthly: number;
  source: string;
}

export interface UnpricedResource {
  stack: string;
  resource: string;
  type: string;
  reason: string;
}

export interface CostChoice {
  choice: string;
  chosen: string;
  alternative: string;
  monthlyChosen: number;
  monthlyAlternative: number;
  saving: number;
  source: string;
}

export interface CostResult {
  environment: string;
  currency: string;
  priceSnapshot: { date: string; source: string };
  total: { monthly: number };
  lines: CostLine[];
  unpriced: UnpricedResource[];
  choices: CostChoice[];
}

/** Usage the model cannot know; each is stated with the estimate. */
export interface CostAssumptions {
  firewallGbPerMonth: number;
  logAnalyticsGbPerDay: number;
  cosmosAverageOfMax: number;
  burstAverageOfMaxCpu: number;
  tailscaleUsers: number;
  inClusterVcpuPerMember: number;
}

export function assumptionsFor(model: EnvironmentModel): CostAssumptions {
  const prod = model.protectStateful;
  return {
    firewallGbPerMonth: prod ? 2000 : 200,
    logAnalyticsGbPerDay: prod ? 20 : 3,
    cosmosAverageOfMax: 0.3,
    burstAverageOfMaxCpu: 0.1,
    tailscaleUsers: 15,
    inClusterVcpuPerMember: 1,
  };
}

export function describeAssumptions(a: CostAssumptions): string[] {
  return [
    `${HOURS_PER_MONTH} hours a month for everything that runs around the clock`,
    `firewall and NAT gateway data processed: ${a.firewallGbPerMonth} GB a month per hub`,
    `Log Analytics ingestion: ${a.logAnalyticsGbPerDay} GB a day per region`,
    `Cosmos DB autoscale runs at ${Math.round(a.cosmosAverageOfMax * 100)}% of each collection's maximum on average`,
    "Application Gateway: the reserved capacity of its minimum instances (10 capacity units each), no extra traffic",
    "workload nodes that Node Auto Provisioning adds depend on load: unpriced, not zero",
    `burst (choices): ${Math.round(a.burstAverageOfMaxCpu * 100)}% of maxProvisionedCpu on average, on D4ds v5 nodes`,
    `Tailscale (choices): ${a.tailscaleUsers} users`,
    `in-cluster databases (choices): ${a.inClusterVcpuPerMember} vCPU of node capacity per member`,
  ];
}

const vcpusOf = (vmSize: string): number => Number(/^Standard_[A-Z]+(\d+)/.exec(vmSize)?.[1] ?? Number.NaN);

class Ledger {
  readonly lines: CostLine[] = [];
  readonly unpriced: UnpricedResource[] = [];
  private readonly snapshot: PriceSnapshot;
  constructor(snapshot: PriceSnapshot) {
    this.snapshot = snapshot;
  }

  price(id: string): PriceRow | undefined {
    return priceOf(this.snapshot, id);
  }

  /** Adds a line, or an unpriced entry when the snapshot has no such price. */
  add(stack: string, resource: string, type: string, priceId: string, quantity: number): number {
    const p = this.price(priceId);
    if (!p || !Number.isFinite(quantity)) {
      this.unpriced.push({ stack, resource, type, reason: `no price ${priceId} in the snapshot` });
      return 0;
    }
    const monthly = round(quantity * p.price);
    const meter = `${p.service} ${p.meter} (${p.unit})${p.verified === "unverified" ? " [unverified price]" : ""}`;
    this.lines.push({ stack, resource, type, meter, quantity: round(quantity), unitPrice: p.price, monthly, source: p.source });
    return monthly;
  }

  none(stack: string, resource: string, type: string, reason: string): void {
    this.unpriced.push({ stack, resource, type, reason });
  }
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/** How many resources of a type each stack of the plan creates. */
function countByStack(plan: PlanJson | undefined, type: string): [string, number][] {
  const counts = new Map<string, number>();
  for (const r of plan?.resources ?? []) if (r.type === type) counts.set(r.stack, (counts.get(r.stack) ?? 0) + 1);
  return [...counts];
}

function vmPriceId(vmSize: string): string {
  return `vm-${vmSize
    .replace(/^Standard_/, "")
    .toLowerCase()
    .replace(/_/g, "-")}`;
}

export function estimateCost(
  model: EnvironmentModel,
  plan: PlanJson | undefined,
  snapshot: PriceSnapshot,
  snapshotSource: string,
): CostResult {
  const a = assumptionsFor(model);
  const L = new Ledger(snapshot);
  const H = HOURS_PER_MONTH;

  // Hub: firewall, NAT gateway and its public IPs, the firewall's own public IP, the VPN gateway.
  for (const hub of model.hubs) {
    L.add(
      "hub",
      hub.firewallName,
      "azure-native:network:AzureFirewall",
      `firewall-${model.firewallPolicy.tier.toLowerCase()}-deployment`,
      H,
    );
    L.add("hub", hub.firewallName, "azure-native:network:AzureFirewall", "firewall-data-processed", a.firewallGbPerMonth);
    L.add("hub", hub.natGatewayName, "azure-native:resources:Resource", "nat-gateway-hour", H);
    L.add("hub", hub.natGatewayName, "azure-native:resources:Resource", "nat-gateway-data", a.firewallGbPerMonth);
    L.add(
      "hub",
      `${hub.natPublicIpNames.length} NAT public IPs`,
      "azure-native:resources:Resource",
      "public-ip-static",
      H * hub.natPublicIpNames.length,
    );
    L.add("hub", hub.firewallPublicIpName, "azure-native:network:PublicIPAddress", "public-ip-static", H);
  }
  const gw = model.vpn.gateway;
  L.add("hub", gw.name, "azure-native:network:VirtualNetworkGateway", `vpn-gateway-${gw.sku.toLowerCase()}`, H);
  L.add(
    "hub",
    `${gw.instances.length} VPN gateway public IPs`,
    "azure-native:network:PublicIPAddress",
    "public-ip-static",
    H * gw.instances.length,
  );
  L.none(
    "hub",
    "DNS zones (public and private)",
    "azure-native:privatedns:PrivateZone",
    "priced per zone and per million queries; not in the snapshot",
  );

  // Edge.
  const fd = model.edge.frontDoor;
  L.add("edge", fd.profileName, "azure-native:cdn:Profile", "frontdoor-premium-base", 1);
  L.none(
    "edge",
    `${fd.profileName} requests and data transfer`,
    "azure-native:cdn:Profile",
    "usage-based (requests, GB to clients): depends on traffic",
  );
  for (const agw of model.edge.applicationGateways) {
    L.add("edge", agw.name, "azure-native:network:ApplicationGateway", "appgw-wafv2-fixed", H);
    L.add("edge", agw.name, "azure-native:network:ApplicationGateway", "appgw-wafv2-cu", H * 10 * agw.minCapacity);
    L.add("edge", agw.publicIpName, "azure-native:network:PublicIPAddress", "public-ip-static", H);
  }
  const apim = model.edge.apiManagement;
  L.add("edge", apim.name, "azure-native:apimanagement:ApiManagementService", "apim-standardv2-unit", apim.capacity);

  // Shared services.
  L.add(
    "shared",
    model.containerRegistry.name,
    "azure-native:containerregistry:Registry",
    "acr-premium-registry",
    30.42 * (1 + model.containerRegistry.replicaRegions.length),
  );
  L.none(
    "shared",
    model.keyVault.name,
    "azure-native:keyvault:Vault",
    "operations are priced per 10,000 transactions: depend on use",
  );

  // Clusters.
  for (const c of model.clusters) {
    L.add(
      c.name,
      c.aksName,
      "azure-native:containerservice:ManagedCluster",
      c.tier === "Free" ? "aks-free-tier" : "aks-standard-tier",
      H,
    );
    L.add(
      c.name,
      `${c.aksName} system pool`,
      "azure-native:containerservice:ManagedCluster",
      vmPriceId(c.systemPool.vmSize),
      H * c.systemPool.count,
    );
    L.none(
      c.name,
      `${c.aksName} workload nodes`,
      "karpenter.azure.com/NodePool",
      `Node Auto Provisioning adds nodes with load (up to ${c.aks.maxProvisionedCpu} vCPU): not estimated`,
    );
  }
  for (const [stack, n] of countByStack(plan, "azure-native:keyvault:Key")) {
    L.add(stack, "KMS keys (HSM)", "azure-native:keyvault:Key", "keyvault-hsm-key", n);
  }

  // Data.
  const d = model.data;
  if (d.postgresql) {
    const vcores = vcpusOf(d.postgresql.sku.name);
    const ha = d.postgresql.highAvailability.mode !== "Disabled" ? 2 : 1;
    L.add("data", d.postgresql.primary.name, "azure-native:dbforpostgresql:Server", "postgresql-gp-ddsv5-vcore", vcores * H * ha);
    L.add(
      "data",
      d.postgresql.primary.name,
      "azure-native:dbforpostgresql:Server",
      "postgresql-storage",
      d.postgresql.storageGb * ha,
    );
    for (const r of d.postgresql.replicas) {
      L.add("data", r.name, "azure-native:dbforpostgresql:Server", "postgresql-gp-ddsv5-vcore", vcores * H);
      L.add("data", r.name, "azure-native:dbforpostgresql:Server", "postgresql-storage", d.postgresql.storageGb);
    }
  }
  if (d.cosmos) {
    const maxRu = d.cosmos.databases.flatMap((db) => db.collections).reduce((s, c) => s + c.maxThroughput, 0);
    L.add(
      "data",
      d.cosmos.name,
      "azure-native:cosmosdb:DatabaseAccount",
      "cosmos-autoscale-ru",
      (maxRu / 100) * a.cosmosAverageOfMax * H * d.cosmos.locations.length,
    );
    L.none("data", `${d.cosmos.name} storage`, "azure-native:cosmosdb:DatabaseAccount", "priced per GB stored: depends on data");
  }
  for (const cache of d.redis?.caches ?? []) {
    L.none(
      "data",
      cache.name,
      "azure-native:redisenterprise:RedisEnterprise",
      `Azure Managed Redis ${d.redis?.sku}: no verified price in the snapshot`,
    );
  }
  if (d.elastic)
    L.none(
      "data",
      d.elastic.deploymentName,
      "ec:index/deployment:Deployment",
      "Elastic Cloud bills through Elastic (or the Azure Marketplace), not an Azure meter",
    );
  L.none(
    "data",
    d.storage.name,
    "azure-native:storage:StorageAccount",
    "priced per GB stored and per operation: depends on data",
  );
  for (const [stack, n] of countByStack(plan, "azure-native:network:PrivateEndpoint")) {
    L.add(stack, `${n} private endpoints`, "azure-native:network:PrivateEndpoint", "private-endpoint-hour", H * n);
  }
  if (!plan)
    L.none(
      "all",
      "private endpoints and KMS keys",
      "azure-native:network:PrivateEndpoint",
      "counted from the plan, and no plan was given",
    );

  // Foundation: Log Analytics per region.
  for (const w of model.logAnalytics) {
    L.add(
      "foundation",
      w.name,
      "azure-native:operationalinsights:Workspace",
      "log-analytics-ingestion",
      a.logAnalyticsGbPerDay * 30.42,
    );
  }

  // Access: Azure Virtual Desktop session hosts run the hours of the scaling plan.
  if (model.avd) {
    const hosts = model.avd.sessionHosts.hosts.length;
    const hours = avdHoursPerMonth(model);
    L.add(
      "access",
      `${hosts} session hosts`,
      "azure-native:compute:VirtualMachine",
      vmPriceId(model.avd.sessionHosts.vmSize),
      hosts * hours,
    );
  }

  // Multicloud: the other ends bill on the AWS and GCP invoices.
  L.none(
    "multicloud",
    model.vpn.aws.transitGatewayName,
    "aws:ec2transitgateway/transitGateway:TransitGateway",
    "billed by AWS (attachment and VPN connection hours), not in the Azure price snapshot",
  );
  L.none(
    "multicloud",
    model.vpn.gcp.haVpnGatewayName,
    "gcp:compute/haVpnGateway:HaVpnGateway",
    "billed by Google Cloud (tunnel hours), not in the Azure price snapshot",
  );

  const choices = priceChoices(model, L, a);
  const total = round(L.lines.reduce((s, l) => s + l.monthly, 0));
  return {
    environment: model.name,
    currency: snapshot.currency,
    priceSnapshot: { date: snapshot.date, source: snapshotSource },
    total: { monthly: total },
    lines: L.lines,
    unpriced: L.unpriced,
    choices,
  };
}

/** Hours a session host runs: from ramp-up to off-peak on the scaling plan's days, or all month without one. */
function avdHoursPerMonth(model: EnvironmentModel): number {
  const plan = model.avd?.scalingPlan;
  if (!plan) return HOURS_PER_MONTH;
  const weekly = plan.schedules.reduce((s, sch) => {
    const start = sch.rampUpStartTime.hour + sch.rampUpStartTime.minute / 60;
    const end = sch.offPeakStartTime.hour + sch.offPeakStartTime.minute / 60;
    return s + sch.daysOfWeek.length * Math.max(0, end - start);
  }, 0);
  return round((weekly * 52) / 12);
}

function choice(
  choice: string,
  chosen: string,
  alternative: string,
  monthlyChosen: number,
  monthlyAlternative: number,
  source: string,
): CostChoice {
  return {
    choice,
    chosen,
    alternative,
    monthlyChosen: round(monthlyChosen),
    monthlyAlternative: round(monthlyAlternative),
    saving: round(monthlyAlternative - monthlyChosen),
    source,
  };
}

function priceChoices(model: EnvironmentModel, L: Ledger, a: CostAssumptions): CostChoice[] {
  const H = HOURS_PER_MONTH;
  const p = (id: string) => L.price(id)?.price ?? Number.NaN;
  const out: CostChoice[] = [];

  // 1. Outbound SNAT: the NAT gateway, or enough firewall public IPs for the same SNAT ports.
  // Azure Firewall: 2,496 SNAT ports per public IP per backend instance, at least two instances.
  const fwPortsPerIp = 2496 * 2;
  const natMonthly = model.hubs.reduce(
    (s, h) =>
      s +
      p("nat-gateway-hour") * H +
      p("nat-gateway-data") * a.firewallGbPerMonth +
      p("public-ip-static") * H * h.natPublicIpNames.length,
    0,
  );
  const ipsNeeded = model.hubs.reduce((s, h) => s + Math.ceil(h.snatPorts / fwPortsPerIp), 0);
  out.push(
    choice(
      "NAT gateway vs firewall public IPs for SNAT",
      `NAT Gateway StandardV2 in ${model.hubs.length} hubs`,
      `${ipsNeeded} firewall public IPs for the same SNAT ports (2,496 per IP and instance, 2 instances)`,
      natMonthly,
      ipsNeeded * p("public-ip-static") * H,
      "https://learn.microsoft.com/azure/firewall/integrate-with-nat-gateway",
    ),
  );

  // 2. Access to non-production: Tailscale per user, or a VPN gateway (point-to-site) running all month.
  out.push(
    choice(
      "Tailscale vs a VPN gateway for non-production access",
      `Tailscale, ${a.tailscaleUsers} users`,
      "VPN gateway VpnGw1AZ (point-to-site), all month",
      a.tailscaleUsers * p("tailscale-user"),
      p("vpn-gateway-vpngw1az") * H,
      "../shared/seed/plugilo-infrastructure.md (section 3.3.3)",
    ),
  );

  // 3. Burst capacity on spot or on-demand D4ds v5 nodes.
  const burstVcpu = model.clusters.reduce((s, c) => s + c.aks.maxProvisionedCpu * a.burstAverageOfMaxCpu, 0);
  const nodes = burstVcpu / 4;
  out.push(
    choice(
      "spot vs on-demand for burst",
      `spot D4ds v5 (${Math.round(burstVcpu)} vCPU on average)`,
      "on-demand D4ds v5 for the same vCPU",
      nodes * p("vm-d4ds-v5-spot") * H,
      nodes * p("vm-d4ds-v5") * H,
      "https://learn.microsoft.com/azure/aks/spot-node-pool",
    ),
  );

  // 4. Databases in non-production: operators in the clusters (the design's choice), or the managed services
  // at their smallest General Purpose sizes. The instances are this environment's in-cluster ones, or one
  // member of each of the four engines per cluster where it runs managed services.
  const instances = model.data.inCluster?.instances ?? [];
  const members =
    instances.length > 0 ? instances.reduce((s, i) => s + i.members * i.clusters.length, 0) : model.clusters.length * 4;
  const inClusterVcpu = members * a.inClusterVcpuPerMember;
  const inClusterMonthly = (inClusterVcpu / 4) * p("vm-d4ds-v5") * H;
  // PostgreSQL 2 vCores + 32 GB and Cosmos DB 1,000 RU/s autoscale; Redis and Elastic are not in the
  // snapshot and are left out of both sides.
  const managedMonthly =
    2 * p("postgresql-gp-ddsv5-vcore") * H +
    32 * p("postgresql-storage") +
    10 * a.cosmosAverageOfMax * p("cosmos-autoscale-ru") * H;
  out.push(
    choice(
      "in-cluster databases vs managed in non-production",
      `in-cluster operators (${inClusterVcpu} vCPU of nodes)`,
      "managed PostgreSQL (2 vCores, 32 GB) and Cosmos DB (1,000 RU/s); Redis and Elastic not priced on either side",
      inClusterMonthly,
      managedMonthly,
      "docs/adr/0046-cloudnativepg-instead-of-kubegres.md",
    ),
  );

  // 5. API Management: Standard v2 or classic Premium at the same capacity.
  const units = model.edge.apiManagement.capacity;
  out.push(
    choice(
      "API Management Standard v2 vs Premium",
      `Standard v2, ${units} unit(s)`,
      `Premium, ${units} unit(s)`,
      units * p("apim-standardv2-unit"),
      units * p("apim-premium-unit"),
      "https://learn.microsoft.com/azure/api-management/v2-service-tiers-overview",
    ),
  );
  return out;
}
