/**
 * The monthly cost of an environment: quantities from the model (and the plan's resource counts), prices
 * from the dated snapshot. Usage-based meters use the assumptions listed in ASSUMPTIONS; a resource
 * without a price is listed as unpriced, never counted as zero.
 */
import type { EnvironmentModel } from "@plugilo/model";
import type { PlanJson } from "../command-io.ts";
import { assumptionsFor } from "./assumptions.ts";
import { type CostChoice, priceChoices } from "./choices.ts";
import {
  type CostLine,
  countByStack,
  HOURS_PER_MONTH,
  Ledger,
  round,
  type UnpricedResource,
  vcpusOf,
  vmPriceId,
} from "./ledger.ts";
import type { PriceSnapshot } from "./price-snapshot.ts";

export { assumptionsFor, type CostAssumptions, describeAssumptions } from "./assumptions.ts";
export type { CostChoice } from "./choices.ts";
export { type CostLine, HOURS_PER_MONTH, type UnpricedResource } from "./ledger.ts";

export interface CostResult {
  environment: string;
  currency: string;
  priceSnapshot: { date: string; source: string };
  total: { monthly: number };
  lines: CostLine[];
  unpriced: UnpricedResource[];
  choices: CostChoice[];
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
