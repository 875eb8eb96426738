/**
 * Where each numeric limit of the environment schema comes from, so that a value out of range says why.
 * Keys are field paths with list indexes written as []. A limit not listed here is plugilo's own choice.
 */
export interface LimitSource {
  /** Who sets the limit, briefly. */
  reason: string;
  source?: string;
}

export const LIMIT_SOURCES: Record<string, LimitSource> = {
  "hub.natPublicIps": {
    reason: "a NAT gateway takes 1 to 16 public IP addresses",
    source: "https://learn.microsoft.com/azure/nat-gateway/nat-gateway-resource",
  },
  "edge.applicationGateway.minCapacity": {
    reason: "Application Gateway v2 instance counts range from 0 to 125",
    source: "https://learn.microsoft.com/azure/application-gateway/application-gateway-autoscaling-zone-redundant",
  },
  "edge.applicationGateway.maxCapacity": {
    reason: "Application Gateway v2 instance counts range from 0 to 125",
    source: "https://learn.microsoft.com/azure/application-gateway/application-gateway-autoscaling-zone-redundant",
  },
  "apiManagement.capacity": {
    reason: "API Management Standard v2 scales to 10 units",
    source: "https://learn.microsoft.com/azure/api-management/v2-service-tiers-overview",
  },
  "logAnalytics.retentionDays": {
    reason: "the workspace keeps analytics data 30 days by default and up to two years",
    source: "https://learn.microsoft.com/azure/azure-monitor/logs/data-retention-configure",
  },
  "data.postgresql.backupRetentionDays": {
    reason: "Flexible Server keeps backups 7 to 35 days",
    source: "https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-backup-restore",
  },
  "data.postgresql.storageGb": {
    reason: "Flexible Server premium SSD storage is 32 GiB to 32 TiB",
    source: "https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-storage",
  },
  "data.postgresql.maxConnections": {
    reason: "max_connections of Flexible Server is bounded by the SKU's memory",
    source: "https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-limits",
  },
  "data.cosmos.databases[].collections[].maxThroughput": {
    reason: "autoscale throughput starts at 1000 RU/s and moves in steps of 1000",
    source: "https://learn.microsoft.com/azure/cosmos-db/provision-throughput-autoscale",
  },
  "clusters[].maintenanceWindow.durationHours": {
    reason: "AKS maintenance windows last 4 to 24 hours",
    source: "https://learn.microsoft.com/azure/aks/planned-maintenance",
  },
  "edge.frontDoor.healthProbe.intervalSeconds": {
    reason: "Front Door probes every 5 to 255 seconds",
    source: "https://learn.microsoft.com/azure/frontdoor/health-probes",
  },
  "edge.frontDoor.rateLimit.requests": {
    reason: "Front Door WAF rate limits start at 10 requests per window",
    source: "https://learn.microsoft.com/azure/web-application-firewall/afds/waf-front-door-rate-limit",
  },
  "access.avd.hostPool.registrationTokenHours": {
    reason: "a host pool registration token is valid for at most 27 days",
    source: "https://learn.microsoft.com/azure/virtual-desktop/add-session-hosts-host-pool",
  },
  "data.storage.softDeleteDays": {
    reason: "blob soft delete keeps deleted data 1 to 365 days",
    source: "https://learn.microsoft.com/azure/storage/blobs/soft-delete-blob-overview",
  },
  "subnetPrefixes.*": {
    reason: "the smallest subnet Azure supports is a /29",
    source: "https://learn.microsoft.com/azure/virtual-network/virtual-networks-faq",
  },
};

/** The source of the limit on a field path such as clusters[1].maintenanceWindow.durationHours. */
export function limitSourceOf(path: string): LimitSource | undefined {
  const generic = path.replace(/\[\d+\]/g, "[]");
  const wildcard = generic.replace(/\.[^.[\]]+$/, ".*");
  return LIMIT_SOURCES[generic] ?? LIMIT_SOURCES[wildcard];
}
