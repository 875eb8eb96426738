/**
 * The Azure Monitor metric alerts that observe the recovery objectives (docs/data-recovery.md) and the health
 * of the paths every flow depends on, and the action group they notify. Pure: the foundation stack creates the
 * action group, and the hub, edge and data stacks create the alerts on their own resources.
 *
 * Metric names and namespaces are the "Name in REST API" column of Learn's supported-metrics pages:
 *   PostgreSQL  https://learn.microsoft.com/azure/azure-monitor/reference/supported-metrics/microsoft-dbforpostgresql-flexibleservers-metrics
 *   Cosmos DB   https://learn.microsoft.com/azure/azure-monitor/reference/supported-metrics/microsoft-documentdb-databaseaccounts-metrics
 *   Redis       https://learn.microsoft.com/azure/azure-monitor/reference/supported-metrics/microsoft-cache-redisenterprise-metrics
 *   Firewall    https://learn.microsoft.com/azure/azure-monitor/reference/supported-metrics/microsoft-network-azurefirewalls-metrics
 *   NAT gateway https://learn.microsoft.com/azure/azure-monitor/reference/supported-metrics/microsoft-network-natgateways-metrics
 *   App Gateway https://learn.microsoft.com/azure/azure-monitor/reference/supported-metrics/microsoft-network-applicationgateways-metrics
 *   Front Door  https://learn.microsoft.com/azure/azure-monitor/reference/supported-metrics/microsoft-cdn-profiles-metrics
 */
import type { EnvironmentModel } from "../core/model.ts";
import { resourceId } from "../core/naming.ts";

export type AlertLayer = "hub" | "edge" | "data";

export interface MetricAlertModel {
  /** Alert rule name: alert-<target>-<signal>. */
  name: string;
  layer: AlertLayer;
  resourceGroup: string;
  subscriptionId: string;
  /** The resource the metric belongs to. */
  targetId: string;
  targetName: string;
  metricNamespace: string;
  metricName: string;
  timeAggregation: "Average" | "Minimum" | "Maximum" | "Total" | "Count";
  operator: "GreaterThan" | "LessThan" | "GreaterThanOrEqual" | "LessThanOrEqual";
  threshold: number;
  dimensions?: { name: string; operator: "Include"; values: string[] }[];
  /** ISO 8601 durations; the window is at least the metric's time grain. */
  windowSize: string;
  evaluationFrequency: string;
  /** 0 critical ... 4 verbose. */
  severity: 0 | 1 | 2 | 3 | 4;
  description: string;
}

export interface ActionGroupModel {
  name: string;
  id: string;
  /** At most 12 characters (SMS and e-mail subject). */
  shortName: string;
  resourceGroup: string;
  subscriptionId: string;
  emailReceivers: { name: string; emailAddress: string }[];
}

/** The environment's action group: in the foundation resource group of the primary region, mailing the owner. */
export function alertActionGroup(model: EnvironmentModel): ActionGroupModel {
  const rg = model.layers.find((l) => l.kind === "foundation")?.resourceGroups[model.regions.primary.name];
  if (!rg) throw new Error("no foundation resource group in the primary region");
  const name = `ag-${model.config.organization}-platform-${model.name}`;
  return {
    name,
    id: resourceId(rg.subscriptionId, rg.name, "Microsoft.Insights/actionGroups", name),
    shortName: `plat-${model.name}`.slice(0, 12),
    resourceGroup: rg.name,
    subscriptionId: rg.subscriptionId,
    emailReceivers: [{ name: "platform-team", emailAddress: model.tags.owner ?? "" }],
  };
}

const idParts = (id: string) => {
  const m = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/.+\/([^/]+)$/i.exec(id);
  if (!m?.[1] || !m[2] || !m[3]) throw new Error(`not a resource ID: ${id}`);
  return { subscriptionId: m[1], resourceGroup: m[2], name: m[3] };
};

type Signal = Omit<MetricAlertModel, "name" | "layer" | "resourceGroup" | "subscriptionId" | "targetId" | "targetName"> & {
  slug: string;
};

function alert(layer: AlertLayer, targetId: string, s: Signal): MetricAlertModel {
  const { subscriptionId, resourceGroup, name } = idParts(targetId);
  const { slug, ...rest } = s;
  return {
    name: `alert-${name}-${slug}`.slice(0, 260),
    layer,
    resourceGroup,
    subscriptionId,
    targetId,
    targetName: name,
    ...rest,
  };
}

const FIVE_MINUTES = { windowSize: "PT5M", evaluationFrequency: "PT1M" } as const;

/** Every metric alert of the environment, by layer. */
export function metricAlerts(model: EnvironmentModel): MetricAlertModel[] {
  const alerts: MetricAlertModel[] = [];
  for (const hub of model.hubs) {
    alerts.push(
      alert("hub", hub.firewallId, {
        slug: "health",
        metricNamespace: "Microsoft.Network/azureFirewalls",
        metricName: "FirewallHealth",
        timeAggregation: "Average",
        operator: "LessThan",
        threshold: 90,
        ...FIVE_MINUTES,
        severity: 1,
        description: `Firewall health of ${hub.firewallName} below 90 %: every flow of ${hub.region} passes it`,
      }),
      alert("hub", hub.firewallId, {
        slug: "snat",
        metricNamespace: "Microsoft.Network/azureFirewalls",
        metricName: "SNATPortUtilization",
        timeAggregation: "Average",
        operator: "GreaterThan",
        threshold: 80,
        ...FIVE_MINUTES,
        severity: 2,
        description: `SNAT port use of ${hub.firewallName} above 80 %: add NAT gateway public IPs (hub.natPublicIps)`,
      }),
      alert("hub", hub.natGatewayId, {
        slug: "snat-failed",
        metricNamespace: "Microsoft.Network/natGateways",
        metricName: "SNATConnectionCount",
        timeAggregation: "Total",
        operator: "GreaterThan",
        threshold: 0,
        dimensions: [{ name: "ConnectionState", operator: "Include", values: ["Failed"] }],
        ...FIVE_MINUTES,
        severity: 1,
        description: `Failed SNAT connections on ${hub.natGatewayName}: SNAT ports exhausted, outbound connections of ${hub.region} fail`,
      }),
    );
  }
  for (const agw of model.edge.applicationGateways) {
    alerts.push(
      alert("edge", agw.id, {
        slug: "unhealthy-hosts",
        metricNamespace: "Microsoft.Network/applicationGateways",
        metricName: "UnhealthyHostCount",
        timeAggregation: "Average",
        operator: "GreaterThan",
        threshold: 0,
        ...FIVE_MINUTES,
        severity: 1,
        description: `Unhealthy backends behind ${agw.name}: the cluster ingress of ${agw.region} fails its probe`,
      }),
    );
  }
  const fd = model.edge.frontDoor;
  alerts.push(
    alert("edge", fd.profileId, {
      slug: "origin-health",
      metricNamespace: "Microsoft.Cdn/profiles",
      metricName: "OriginHealthPercentage",
      timeAggregation: "Average",
      operator: "LessThan",
      threshold: 90,
      ...FIVE_MINUTES,
      severity: 1,
      description: `Front Door origin health below 90 % on ${fd.profileName}: a region's origin is failing its probes`,
    }),
  );
  const data = model.data;
  for (const replica of data.postgresql?.replicas ?? []) {
    alerts.push(
      alert("data", replica.id, {
        slug: "replica-lag",
        metricNamespace: "Microsoft.DBforPostgreSQL/flexibleServers",
        metricName: "physical_replication_delay_in_seconds",
        timeAggregation: "Maximum",
        operator: "GreaterThan",
        threshold: 300,
        ...FIVE_MINUTES,
        severity: 1,
        description: `Read replica ${replica.name} more than 5 min behind: the cross-region RPO (5 min) is not met`,
      }),
    );
  }
  if (data.cosmos) {
    alerts.push(
      alert("data", data.cosmos.id, {
        slug: "replication-latency",
        metricNamespace: "Microsoft.DocumentDB/databaseAccounts",
        metricName: "ReplicationLatency",
        timeAggregation: "Maximum",
        operator: "GreaterThan",
        threshold: 60_000,
        ...FIVE_MINUTES,
        severity: 2,
        description: `Cosmos DB replication latency above 60 s on ${data.cosmos.name}: the 300 s staleness bound is approaching`,
      }),
      alert("data", data.cosmos.id, {
        slug: "availability",
        metricNamespace: "Microsoft.DocumentDB/databaseAccounts",
        metricName: "ServiceAvailability",
        timeAggregation: "Average",
        operator: "LessThan",
        threshold: 99.9,
        // ServiceAvailability has a one-hour time grain.
        windowSize: "PT1H",
        evaluationFrequency: "PT1H",
        severity: 1,
        description: `Cosmos DB availability below 99.9 % on ${data.cosmos.name}`,
      }),
    );
  }
  if (data.redis?.mode === "active-geo-replication") {
    for (const cache of data.redis.caches) {
      alerts.push(
        alert("data", cache.id, {
          slug: "geo-replication",
          metricNamespace: "Microsoft.Cache/redisEnterprise",
          metricName: "geoReplicationHealthy",
          timeAggregation: "Minimum",
          operator: "LessThan",
          threshold: 1,
          ...FIVE_MINUTES,
          severity: 1,
          description: `Active geo-replication of ${cache.name} unhealthy (0 = unhealthy, 1 = healthy)`,
        }),
      );
    }
  }
  return alerts;
}
