/**
 * The recovery objectives and the flows' shared hops are observed: every resource below has an Azure Monitor
 * metric alert on each listed signal, and every metric alert notifies an action group and names a metric its
 * resource type has. Metric names are the "Name in REST API" column of Learn's supported-metrics pages
 * (https://learn.microsoft.com/azure/azure-monitor/reference/supported-metrics/metrics-index):
 *   Microsoft.Network/azureFirewalls           FirewallHealth, SNATPortUtilization
 *   Microsoft.Network/natGateways              SNATConnectionCount
 *   Microsoft.Network/applicationGateways      UnhealthyHostCount
 *   Microsoft.Cdn/profiles                     OriginHealthPercentage
 *   Microsoft.DBforPostgreSQL/flexibleServers  physical_replication_delay_in_seconds (read replicas)
 *   Microsoft.DocumentDB/databaseAccounts      ReplicationLatency, ServiceAvailability (multi-region accounts)
 *   Microsoft.Cache/redisEnterprise            geoReplicationHealthy (caches in an active geo-replication group)
 */
import type { PlannedResource, PlanRule, PlanRuleViolation, PolicyRule } from "../types.ts";

interface Target {
  namespace: string;
  name: string;
  signals: string[];
}

/** The signals each resource must be alerted on, or undefined when it needs none. */
function required(r: PlannedResource, resources: readonly PlannedResource[]): Target | undefined {
  const i = r.inputs as Record<string, unknown>;
  const t = (namespace: string, name: unknown, signals: string[]): Target => ({ namespace, name: String(name), signals });
  switch (r.type) {
    case "azure-native:network:AzureFirewall":
      return t("Microsoft.Network/azureFirewalls", i.azureFirewallName, ["FirewallHealth", "SNATPortUtilization"]);
    case "azure-native:network:NatGateway":
      return t("Microsoft.Network/natGateways", i.natGatewayName, ["SNATConnectionCount"]);
    case "azure-native:resources:Resource":
      return i.resourceProviderNamespace === "Microsoft.Network" && i.resourceType === "natGateways"
        ? t("Microsoft.Network/natGateways", i.resourceName, ["SNATConnectionCount"])
        : undefined;
    case "azure-native:network:ApplicationGateway":
      return t("Microsoft.Network/applicationGateways", i.applicationGatewayName, ["UnhealthyHostCount"]);
    case "azure-native:cdn:Profile":
      return String((i.sku as { name?: string } | undefined)?.name ?? "").endsWith("AzureFrontDoor")
        ? t("Microsoft.Cdn/profiles", i.profileName, ["OriginHealthPercentage"])
        : undefined;
    case "azure-native:dbforpostgresql:Server":
      return i.createMode === "Replica"
        ? t("Microsoft.DBforPostgreSQL/flexibleServers", i.serverName, ["physical_replication_delay_in_seconds"])
        : undefined;
    case "azure-native:cosmosdb:DatabaseAccount":
      return ((i.locations as unknown[] | undefined)?.length ?? 0) > 1
        ? t("Microsoft.DocumentDB/databaseAccounts", i.accountName, ["ReplicationLatency", "ServiceAvailability"])
        : undefined;
    case "azure-native:redisenterprise:RedisEnterprise": {
      const geo = resources.some(
        (d) =>
          d.type === "azure-native:redisenterprise:Database" && d.inputs.clusterName === i.clusterName && d.inputs.geoReplication,
      );
      return geo ? t("Microsoft.Cache/redisEnterprise", i.clusterName, ["geoReplicationHealthy"]) : undefined;
    }
    default:
      return undefined;
  }
}

interface AlertInputs {
  scopes?: string[];
  actions?: { actionGroupId?: string }[];
  criteria?: { allOf?: { metricName?: string; metricNamespace?: string }[] };
}

const lastSegment = (id: string) => id.split("/").pop()?.toLowerCase() ?? "";

export const recoveryAlerts: PlanRule = {
  name: "recovery-alerts",
  description:
    "Replica lag, Cosmos DB replication and availability, Redis geo-replication, firewall health and SNAT, NAT gateway SNAT, Application Gateway backends and Front Door origins each have a metric alert.",
  severity: "error",
  checkPlan(resources) {
    const alerts = resources.filter((r) => r.type === "azure-native:monitor:MetricAlert");
    const out: PlanRuleViolation[] = [];
    for (const r of resources) {
      const target = required(r, resources);
      if (!target) continue;
      for (const signal of target.signals) {
        const covered = alerts.some((a) => {
          const i = a.inputs as AlertInputs;
          return (
            (i.scopes ?? []).some(
              (s) => lastSegment(s) === target.name.toLowerCase() && s.toLowerCase().includes(target.namespace.toLowerCase()),
            ) &&
            (i.criteria?.allOf ?? []).some((c) => c.metricName === signal) &&
            (i.actions ?? []).some((x) => typeof x.actionGroupId === "string" && x.actionGroupId !== "")
          );
        });
        if (!covered) {
          out.push({
            urn: r.urn,
            message: `no metric alert with an action group on ${signal} (${target.namespace}) for ${target.name}: the failure it signals would go unnoticed (https://learn.microsoft.com/azure/azure-monitor/reference/supported-metrics/metrics-index)`,
          });
        }
      }
    }
    return out;
  },
};

/** Metric names per namespace the estate alerts on, as Learn's supported-metrics pages spell them. */
const KNOWN_METRICS: Readonly<Record<string, readonly string[]>> = {
  "microsoft.network/azurefirewalls": [
    "FirewallHealth",
    "SNATPortUtilization",
    "Throughput",
    "ApplicationRuleHit",
    "NetworkRuleHit",
    "FirewallLatencyPng",
  ],
  "microsoft.network/natgateways": [
    "SNATConnectionCount",
    "TotalConnectionCount",
    "DatapathAvailability",
    "PacketDropCount",
    "ByteCount",
    "PacketCount",
  ],
  "microsoft.network/applicationgateways": ["UnhealthyHostCount", "HealthyHostCount", "FailedRequests"],
  "microsoft.cdn/profiles": ["OriginHealthPercentage", "OriginLatency", "RequestCount", "Percentage5XX", "Percentage4XX"],
  "microsoft.dbforpostgresql/flexibleservers": [
    "physical_replication_delay_in_seconds",
    "physical_replication_delay_in_bytes",
    "cpu_percent",
    "memory_percent",
    "storage_percent",
    "is_db_alive",
  ],
  "microsoft.documentdb/databaseaccounts": [
    "ReplicationLatency",
    "ServiceAvailability",
    "TotalRequests",
    "NormalizedRUConsumption",
  ],
  "microsoft.cache/redisenterprise": [
    "geoReplicationHealthy",
    "cachehits",
    "cachemisses",
    "cacheLatency",
    "usedmemorypercentage",
    "serverLoad",
  ],
};

export const metricAlertNames: PolicyRule = {
  name: "metric-alert-names",
  description: "A metric alert notifies an action group and names a metric its namespace has (Learn's supported-metrics pages).",
  severity: "error",
  check(resource) {
    if (resource.type !== "azure-native:monitor:MetricAlert") return [];
    const i = resource.inputs as AlertInputs;
    const out: string[] = [];
    if (!(i.actions ?? []).some((a) => a.actionGroupId)) out.push("notifies no action group: nobody hears it fire");
    for (const c of i.criteria?.allOf ?? []) {
      const known = KNOWN_METRICS[String(c.metricNamespace).toLowerCase()];
      if (known && !known.includes(String(c.metricName))) {
        out.push(
          `metric ${c.metricName} is not a metric of ${c.metricNamespace} (known: ${known.join(", ")}); Azure rejects the rule (https://learn.microsoft.com/azure/azure-monitor/reference/supported-metrics/metrics-index)`,
        );
      }
    }
    return out;
  },
};
