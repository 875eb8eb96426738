/**
 * The schema of environments/<env>.yaml. Parsing is strict: an unknown field is an error, so a typo never
 * silently falls back to a default. Cross-field rules (capabilities, address plan) live in validate.ts.
 */
import { z } from "zod";
import { cidrProblem } from "./cidr.ts";
import { ADDON_NAMES } from "./gitops.ts";
import { REGION_NAMES } from "./regions.ts";

const slug = (max: number) =>
  z
    .string()
    .regex(/^[a-z][a-z0-9-]*$/, "must be lowercase letters, digits and dashes, starting with a letter")
    .max(max, `must be at most ${max} characters`);

/** A missing field says so, instead of the message for a wrong value. */
const required = (message: string) => (issue: { input: unknown }) => (issue.input === undefined ? "is required" : message);

const guid = z.guid({ error: required("must be a GUID such as 00000000-0000-0000-0000-000000000000") });

const cidr = z.string().superRefine((value, ctx) => {
  const problem = cidrProblem(value);
  if (problem) ctx.addIssue({ code: "custom", message: `"${value}" ${problem}` });
});

const region = z.enum(REGION_NAMES, {
  error: (issue) =>
    issue.input === undefined
      ? "is required"
      : `region ${JSON.stringify(issue.input)} is not allowed: only germanywestcentral and germanynorth keep data in Germany (GDPR residency)`,
});

export const SUBSCRIPTION_KEYS = ["management", "hub", "connectivity", "app1", "app2", "data"] as const;
export type SubscriptionKey = (typeof SUBSCRIPTION_KEYS)[number];

export const SUBNET_KINDS = [
  "firewall",
  "gateway",
  "appgw",
  "appgwPrivateLink",
  "apim",
  "edgePrivateEndpoints",
  "aksNodes",
  "aksApiServer",
  "clusterPrivateEndpoints",
  "dataPrivateEndpoints",
  "postgresql",
  "avd",
] as const;
export type SubnetKind = (typeof SUBNET_KINDS)[number];

const zone = z.enum(["1", "2", "3"], { error: 'availability zones are "1", "2" or "3"' });

/**
 * GitOps (packages/model/src/gitops.ts, docs/adr/0052): one flag and Helm values per add-on, in
 * gitops.addons (environment layer) and clusters[].addons (cluster layer). Values are keyed by Helm release.
 */
const addonSettings = z.partialRecord(
  z.enum(ADDON_NAMES, { error: `must be an add-on: ${ADDON_NAMES.join(", ")}` }),
  z.strictObject({
    enabled: z.boolean().optional(),
    values: z.record(z.string(), z.record(z.string(), z.unknown(), { error: "must be a mapping of Helm values" })).optional(),
  }),
);

const gitopsSchema = z.strictObject({
  addons: addonSettings.default({}),
  /** GitHub Actions runner scale sets (Actions Runner Controller). */
  runners: z
    .strictObject({
      githubConfigUrl: z
        .string()
        .regex(
          /^https:\/\/github\.com\/[A-Za-z0-9-]+$/,
          "must be a GitHub organization URL (each scale set names its repository)",
        )
        .default("https://github.com/plugilo"),
      scaleSets: z
        .array(
          z
            .strictObject({
              name: slug(20),
              /** What runs on the set (runner-scale-sets.ts): the deploy job, pull-request previews, or service builds. */
              purpose: z.enum(["deploy", "preview", "build"]).default("deploy"),
              /** The one repository of the organization the set registers for. Default: the platform repository. */
              repository: z
                .string()
                .regex(/^[A-Za-z0-9._-]+$/, "must be a repository name in the organization")
                .optional(),
              minRunners: z.int().min(0).default(0),
              maxRunners: z.int().min(1).max(200).default(10),
            })
            .refine((s) => s.maxRunners >= s.minRunners, { path: ["maxRunners"], message: "must be at least minRunners" }),
        )
        .min(1)
        .default([{ name: "linux", purpose: "deploy", minRunners: 0, maxRunners: 10 }]),
    })
    .prefault({}),
});

const vmSize = z.string().regex(/^Standard_[A-Za-z0-9_]+$/, "must be an Azure VM size such as Standard_D4ds_v5");

export const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;
export const UPGRADE_CHANNELS = ["patch", "stable", "rapid", "node-image", "none"] as const;
export const NODE_OS_UPGRADE_CHANNELS = ["NodeImage", "SecurityPatch", "Unmanaged", "None"] as const;
export const BURST_MODES = ["spot", "virtual-nodes"] as const;

/**
 * The AKS settings of a cluster (issue #5). Defaults that depend on the burst mode or the environment are
 * resolved in cluster-settings.ts; incompatible combinations are rejected there, naming the field.
 */
const clusterAksFields = {
  /** Minor (1.33) or patch (1.33.2) version. Absent: AKS's default at creation; the upgrade channel moves it on. */
  kubernetesVersion: z
    .string()
    .regex(/^1\.\d{2}(\.\d+)?$/, "must be a Kubernetes version such as 1.33 or 1.33.2")
    .optional(),
  /** Entra ID groups whose members administer the cluster (Azure RBAC for Kubernetes). */
  adminGroupObjectIds: z.array(guid).default([]),
  upgradeChannel: z.enum(UPGRADE_CHANNELS).default("stable"),
  nodeOsUpgradeChannel: z.enum(NODE_OS_UPGRADE_CHANNELS).default("NodeImage"),
  /** Weekly window for Kubernetes and node image upgrades. Default: a different weekday per cluster. */
  maintenanceWindow: z
    .strictObject({
      day: z.enum(WEEKDAYS),
      start: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be a time such as 01:00"),
      durationHours: z.int().min(4, "AKS maintenance windows last at least 4 hours").max(24).default(4),
      utcOffset: z
        .string()
        .regex(/^[+-]\d{2}:\d{2}$/, "must be an offset such as +00:00")
        .default("+00:00"),
    })
    .optional(),
  /** Extra capacity for spikes: spot nodes through Node Auto Provisioning, or ACI through virtual nodes v2. */
  burst: z.enum(BURST_MODES).default("spot"),
  /** Pod networking. Defaults follow burst: spot -> overlay + Cilium; virtual-nodes -> node subnet + Calico. */
  network: z
    .strictObject({
      podNetwork: z.enum(["overlay", "node-subnet"]).optional(),
      dataplane: z.enum(["cilium", "azure"]).optional(),
      policy: z.enum(["cilium", "calico", "none"]).optional(),
    })
    .default({}),
  /** Node Auto Provisioning (auto) or fixed pools (manual). Default follows burst. No cluster autoscaler either way. */
  nodeProvisioning: z.enum(["auto", "manual"]).optional(),
  /** A fixed workload pool: only with nodeProvisioning manual, where nothing else runs workloads. */
  userPool: z.strictObject({ vmSize, count: z.int().min(1).max(100) }).optional(),
  /** vCPUs Node Auto Provisioning may run at once, shared out between the workload classes. */
  maxProvisionedCpu: z.int().min(8).max(100000).default(256),
  /** Microsoft Defender for Containers. Default: on in prod. */
  defender: z.boolean().optional(),
  /** KMS encryption of Kubernetes secrets with a Key Vault key. Default: on in prod. */
  kmsEncryption: z.boolean().optional(),
};

const clusterSchema = z.strictObject({
  name: slug(12),
  subscription: z.enum(["app1", "app2"], { error: "a cluster runs in the app1 or app2 subscription" }),
  region,
  tier: z.enum(["Free", "Standard", "Premium"]).default("Standard"),
  systemPool: z
    .strictObject({
      vmSize,
      count: z.int().min(1).max(100),
      zones: z.array(zone).min(1).optional(),
    })
    .default({ vmSize: "Standard_D4ds_v5", count: 3 }),
  podCidr: cidr.default("10.244.0.0/16"),
  serviceCidr: cidr.default("10.245.0.0/16"),
  ...clusterAksFields,
  addons: addonSettings.optional(),
});

/** A BGP autonomous system number (4-byte; 4294967295 is reserved). Which ASNs each cloud accepts is in vpn.ts. */
const asn = z.int().min(1).max(4294967294, "4294967295 is reserved (RFC 7300)");

/** A host name as a firewall application rule matches it; a leading "*." matches every subdomain. */
const fqdn = z
  .string()
  .regex(
    /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
    "must be a lowercase host name such as registry.npmjs.org (a leading *. matches its subdomains)",
  );

const dnsZoneName = z
  .string()
  .regex(/^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, "must be a lowercase DNS name such as plugilo.com");

/**
 * Where builds and nodes fetch packages (the services are Node.js, Python and Java; images come from the
 * registries below). Used when an environment file names none.
 */
export const DEFAULT_PACKAGE_SOURCES = [
  "registry.npmjs.org",
  "pypi.org",
  "files.pythonhosted.org",
  "repo.maven.apache.org",
  "repo1.maven.org",
  "ghcr.io",
  "pkg-containers.githubusercontent.com",
] as const;

export const IDPS_MODES = ["Alert", "Deny"] as const;
export type IdpsMode = (typeof IDPS_MODES)[number];

const tlsInspectionSchema = z
  .strictObject({
    enabled: z.boolean().default(false),
    /** ARM ID of the Key Vault that holds the intermediate CA (the firewall's identity reads it). */
    keyVaultId: z
      .string()
      .regex(
        /^\/subscriptions\/[0-9a-f-]{36}\/resourceGroups\/[^/]+\/providers\/Microsoft\.KeyVault\/vaults\/[A-Za-z0-9-]{3,24}$/,
        "must be the ARM ID of a Key Vault (/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.KeyVault/vaults/<name>)",
      )
      .optional(),
    /** Secret ID of the intermediate CA certificate (PFX) in that vault. */
    caCertificateSecretId: z
      .string()
      .regex(
        /^https:\/\/[A-Za-z0-9-]{3,24}\.vault\.azure\.net\/secrets\/[A-Za-z0-9-]+(\/[0-9a-f]{32})?$/,
        "must be a Key Vault secret ID such as https://<vault>.vault.azure.net/secrets/<name>",
      )
      .optional(),
  })
  .superRefine((tls, ctx) => {
    if (!tls.enabled) return;
    // TLS inspection needs the intermediate CA in Key Vault and an identity that may read it.
    // https://learn.microsoft.com/azure/firewall/premium-certificates
    for (const field of ["keyVaultId", "caCertificateSecretId"] as const) {
      if (!tls[field]) ctx.addIssue({ code: "custom", path: [field], message: "is required when tlsInspection.enabled is true" });
    }
  });

/** The hub layer's settings: firewall policy, NAT egress, DNS. */
const hubSchema = z.strictObject({
  /** IDPS: Alert only logs; Deny also blocks. https://learn.microsoft.com/azure/firewall/premium-features#idps */
  idpsMode: z.enum(IDPS_MODES, { error: 'must be "Alert" or "Deny"' }).default("Deny"),
  /** StandardV2 public IPs on the NAT gateway: 64,512 SNAT ports each, at most 16. */
  natPublicIps: z.int().min(1).max(16, "a NAT gateway takes at most 16 public IPs").default(1),
  tlsInspection: tlsInspectionSchema.prefault({}),
  packageSources: z.array(fqdn).default([...DEFAULT_PACKAGE_SOURCES]),
  /** Further host names the workloads may reach over HTTPS; everything else is denied. */
  outboundFqdns: z.array(fqdn).default([]),
  /** Public zones hosted in Azure DNS; the registrar delegates to the name servers the hub stack outputs. */
  publicDnsZones: z.array(dnsZoneName).default([]),
});

const port = z.int().min(1).max(65535);
const vpnPeerSchema = {
  ranges: z.array(cidr).min(1),
  asn,
  /** What may cross the VPN: the firewalls allow exactly these (stacks/hub/src/multicloud-rules.ts, docs/adr/0128). */
  flows: z
    .strictObject({
      /** The peer's ranges -> the clusters' ingress load balancers, on these TCP ports. */
      inbound: z.array(port).default([443]),
      /** The clusters' nodes -> the peer, on these ports; destinations default to the peer's ranges. */
      outbound: z
        .array(
          z.strictObject({
            name: slug(30),
            destinations: z.array(cidr).min(1).optional(),
            protocol: z.enum(["TCP", "UDP"]).default("TCP"),
            ports: z.array(port).min(1),
          }),
        )
        .default([{ name: "https", protocol: "TCP", ports: [443] }]),
    })
    .prefault({}),
};

export const VPN_GATEWAY_SKUS = ["VpnGw1AZ", "VpnGw2AZ", "VpnGw3AZ", "VpnGw4AZ", "VpnGw5AZ"] as const;

const multicloudSchema = z.strictObject({
  /** The Azure end: a zone-redundant, active-active VPN gateway in the primary hub. */
  azure: z
    .strictObject({
      asn: asn.default(65515),
      gatewaySku: z
        .enum(VPN_GATEWAY_SKUS, { error: "must be a zone-redundant VPN gateway SKU: VpnGw1AZ to VpnGw5AZ" })
        .default("VpnGw1AZ"),
    })
    .prefault({}),
  aws: z.strictObject({
    ...vpnPeerSchema,
    /** EU regions only: the data that crosses the VPN stays in the EU. */
    region: z
      .string()
      .regex(/^eu-[a-z]+-\d$/, "must be an AWS region in the EU such as eu-central-1 (GDPR residency)")
      .default("eu-central-1"),
  }),
  gcp: z.strictObject({
    ...vpnPeerSchema,
    region: z
      .string()
      .regex(/^europe-[a-z]+\d+$/, "must be a Google Cloud region in Europe such as europe-west3 (GDPR residency)")
      .default("europe-west3"),
    /** Project of the HA VPN gateway and Cloud Router. Default: <organization>-<environment>-network. */
    project: z
      .string()
      .regex(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, "must be a Google Cloud project ID (6-30 lowercase letters, digits, dashes)")
      .optional(),
    /** The VPC network the Cloud Router serves. Default: <organization>-<environment>. */
    network: z
      .string()
      .regex(/^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/, "must be a Google Cloud network name (RFC 1035)")
      .optional(),
  }),
});

/** A Key Vault object name (certificate or secret). */
const keyVaultObjectName = z
  .string()
  .regex(/^[A-Za-z0-9-]{1,127}$/, "must be a Key Vault object name: letters, digits and dashes, at most 127 characters");

export const WAF_MODES = ["Prevention", "Detection"] as const;
const wafMode = z.enum(WAF_MODES, { error: 'must be "Prevention" (blocks) or "Detection" (logs only)' });

export const QUERY_STRING_CACHING = [
  "IgnoreQueryString",
  "UseQueryString",
  "IgnoreSpecifiedQueryStrings",
  "IncludeSpecifiedQueryStrings",
] as const;

/** File types Front Door caches at the edge (the design's L3 cache) when the origin does not say otherwise. */
export const DEFAULT_STATIC_ASSET_EXTENSIONS = [
  "css",
  "js",
  "mjs",
  "map",
  "png",
  "jpg",
  "jpeg",
  "gif",
  "svg",
  "webp",
  "avif",
  "ico",
  "woff",
  "woff2",
  "ttf",
  "mp4",
  "webm",
] as const;

/**
 * The edge layer (issue #4): Front Door Premium, one Application Gateway WAF_v2 per region with a cluster.
 * API Management settings stay in `apiManagement`. Resolution and cross-field checks: edge.ts.
 */
const edgeSchema = z.strictObject({
  frontDoor: z
    .strictObject({
      /** Prevention blocks what the WAF matches; Detection only logs (dev). */
      wafMode: wafMode.default("Prevention"),
      /** Requests per client socket IP and window; more are answered 429. */
      rateLimit: z
        .strictObject({
          requests: z.int().min(10, "Front Door rate limits start at 10 requests").default(1000),
          windowMinutes: z
            .union([z.literal(1), z.literal(5)], { error: "Front Door rate-limit windows are 1 or 5 minutes" })
            .default(1),
        })
        .prefault({}),
      /** Host names served by Front Door with managed certificates; each lies below a zone of hub.publicDnsZones. */
      customDomains: z.array(dnsZoneName).default([]),
      caching: z
        .strictObject({
          queryStringBehavior: z.enum(QUERY_STRING_CACHING).default("UseQueryString"),
          /** The parameters the *Specified* behaviours name. */
          queryParameters: z.array(z.string().regex(/^[A-Za-z0-9_.~-]+$/, "must be a query parameter name")).default([]),
          staticAssetExtensions: z
            .array(z.string().regex(/^[a-z0-9]{1,10}$/, "must be a file extension without the dot, such as css"))
            .min(1)
            .default([...DEFAULT_STATIC_ASSET_EXTENSIONS]),
          /** Edge cache lifetime of static assets when the origin sends no Cache-Control. */
          staticAssetMaxAgeHours: z.int().min(1).max(8760).default(168),
        })
        .prefault({}),
      /** Front Door's health probe of every origin group member (the Application Gateways answer it). */
      healthProbe: z
        .strictObject({
          path: z
            .string()
            .regex(/^\/[A-Za-z0-9/_.~-]*$/, "must be a URL path such as /healthz")
            .default("/healthz"),
          intervalSeconds: z.int().min(5).max(255).default(30),
        })
        .prefault({}),
    })
    .prefault({}),
  applicationGateway: z
    .strictObject({
      /** Autoscale bounds (instances). 0 lets an idle gateway scale in completely. */
      minCapacity: z.int().min(0).max(125).default(2),
      maxCapacity: z.int().min(2, "autoscale needs maxCapacity 2 or more").max(125).default(10),
      wafMode: wafMode.default("Prevention"),
      /** Certificate of the listeners (the custom domains), read from the environment's Key Vault. */
      tlsCertificate: keyVaultObjectName.default("edge-tls"),
      /** CA certificate that signed the Istio ingress gateway's certificate (backend TLS). */
      backendCaCertificate: keyVaultObjectName.default("istio-ingress-ca"),
      healthProbePath: z
        .string()
        .regex(/^\/[A-Za-z0-9/_.~-]*$/, "must be a URL path such as /healthz")
        .default("/healthz"),
    })
    .prefault({})
    .superRefine((agw, ctx) => {
      if (agw.minCapacity > agw.maxCapacity) {
        ctx.addIssue({ code: "custom", path: ["minCapacity"], message: `must not exceed maxCapacity (${agw.maxCapacity})` });
      }
    }),
});

/**
 * The data tier (issue #6): managed services in staging and production, operators in the clusters for dev.
 * Sizes and choices only: names, IDs, placement and the rules between fields are resolved in data.ts.
 */
export const POSTGRESQL_HA_MODES = ["ZoneRedundant", "SameZone", "Disabled"] as const;
export const REDIS_CLUSTERING_POLICIES = ["OSSCluster", "EnterpriseCluster", "NoCluster"] as const;
export const SHARD_KEYS = ["user_id", "tenant_id"] as const;

/** An Elasticsearch ILM age such as 1d, 12h, 30d. */
const ilmAge = z.string().regex(/^\d+(d|h|m)$/, "must be an age such as 30d, 12h or 90m");

const postgresqlSchema = z.strictObject({
  /** Validated per region: germanynorth has no zones (docs/adr/0005). */
  haMode: z.enum(POSTGRESQL_HA_MODES).default("ZoneRedundant"),
  /** A current major version: the default API of azure-native 3.28 (2025-08-01) accepts 16 to 18. */
  version: z.enum(["16", "17", "18"]).default("17"),
  sku: z
    .strictObject({
      name: z.string().regex(/^Standard_[A-Za-z0-9_]+$/, "must be a compute size such as Standard_D4ds_v5"),
      tier: z.enum(["Burstable", "GeneralPurpose", "MemoryOptimized"]),
    })
    .default({ name: "Standard_D4ds_v5", tier: "GeneralPurpose" }),
  storageGb: z.int().min(32).max(32_768).default(128),
  backupRetentionDays: z.int().min(7).max(35).default(35),
  geoRedundantBackup: z.boolean().default(true),
  /** Off by default: Microsoft Entra ID only (docs/adr/0044). */
  passwordAuth: z.boolean().default(false),
  /** Microsoft Entra administrators (a group, preferably). Required when password authentication is off. */
  administrators: z
    .array(
      z.strictObject({
        principalName: z.string().min(1),
        objectId: guid,
        principalType: z.enum(["Group", "User", "ServicePrincipal"]).default("Group"),
      }),
    )
    .default([]),
  /** Read replicas: one beside the primary, one in the secondary region (promoted by hand for DR). */
  readReplicas: z
    .strictObject({ sameRegion: z.boolean().default(true), secondaryRegion: z.boolean().default(true) })
    .prefault({}),
  /** Server parameter max_connections; the built-in PgBouncer keeps the real count low. */
  maxConnections: z.int().min(25).max(5000).default(500),
  /** One database per service. */
  databases: z.array(slug(63)).default([]),
  /** The server's built-in PgBouncer (port 6432), the services' connection pooler (docs/adr/0060). */
  pgbouncer: z
    .strictObject({
      poolMode: z.enum(["transaction", "session"]).default("transaction"),
      defaultPoolSize: z.int().min(1).max(1000).default(25),
      maxClientConnections: z.int().min(100).max(100_000).default(5000),
    })
    .prefault({}),
});

const cosmosSchema = z.strictObject({
  serverVersion: z.enum(["6.0", "7.0"]).default("7.0"),
  /** Continuous backup (point-in-time restore) window. */
  backupTier: z.enum(["Continuous7Days", "Continuous30Days"]).default("Continuous30Days"),
  databases: z
    .array(
      z.strictObject({
        name: slug(63),
        collections: z
          .array(
            z.strictObject({
              name: z
                .string()
                .regex(/^[a-z][a-z0-9_-]*$/, "must be lowercase letters, digits, _ and -")
                .max(120),
              shardKey: z.enum(SHARD_KEYS, {
                error: 'must be "user_id" or "tenant_id" (the design partitions by user or tenant)',
              }),
              /** Autoscale maximum RU/s: at least 1,000, in steps of 1,000. */
              maxThroughput: z.int().min(1000).max(1_000_000).multipleOf(1000, "must be a multiple of 1000").default(1000),
            }),
          )
          .min(1),
      }),
    )
    .default([]),
});

const redisSchema = z.strictObject({
  sku: z
    .string()
    .regex(
      /^(Balanced_B|MemoryOptimized_M|ComputeOptimized_X|FlashOptimized_A)\d+$/,
      "must be an Azure Managed Redis SKU such as Balanced_B5 or MemoryOptimized_M10",
    )
    .default("Balanced_B5"),
  highAvailability: z.boolean().default(true),
  clusteringPolicy: z.enum(REDIS_CLUSTERING_POLICIES).default("OSSCluster"),
  evictionPolicy: z
    .enum([
      "AllKeysLFU",
      "AllKeysLRU",
      "AllKeysRandom",
      "VolatileLRU",
      "VolatileLFU",
      "VolatileTTL",
      "VolatileRandom",
      "NoEviction",
    ])
    .default("VolatileLRU"),
  /** Active geo-replication with a cache in the secondary region. Excludes persistence (data.ts). */
  geoReplication: z.boolean().default(false),
  /** Data persistence: AOF or RDB, not both. Excludes active geo-replication (data.ts). */
  persistence: z
    .strictObject({
      aof: z.boolean().default(false),
      aofFrequency: z.enum(["1s", "always"]).default("1s"),
      rdb: z.boolean().default(false),
      rdbFrequency: z.enum(["1h", "6h", "12h"]).default("6h"),
    })
    .optional(),
});

const elasticSchema = z.strictObject({
  /** Elastic Stack version of the deployment. */
  version: z
    .string()
    .regex(/^\d+\.\d+\.\d+$/, "must be a stack version such as 9.5.6")
    .default("9.5.6"),
  deploymentTemplate: z.string().min(1).default("azure-general-purpose"),
  /** Zones of every tier: 2 or 3 for high availability. */
  zoneCount: z.int().min(1).max(3).default(2),
  /** Autoscaling ceilings per node (memory), hot and warm tiers. */
  hotMaxSize: z
    .string()
    .regex(/^\d+g$/, "must be a size such as 64g")
    .default("64g"),
  warmMaxSize: z
    .string()
    .regex(/^\d+g$/, "must be a size such as 64g")
    .default("32g"),
  /** Index lifecycle policies kept as code: hot (rollover) -> warm -> delete. */
  ilmPolicies: z
    .array(
      z.strictObject({
        name: slug(63),
        rolloverMaxAge: ilmAge.default("1d"),
        rolloverMaxPrimaryShardSize: z
          .string()
          .regex(/^\d+gb$/, "must be a size such as 50gb")
          .default("50gb"),
        warmAfter: ilmAge.default("7d"),
        deleteAfter: ilmAge.default("30d"),
      }),
    )
    .default([{ name: "logs", rolloverMaxAge: "1d", rolloverMaxPrimaryShardSize: "50gb", warmAfter: "7d", deleteAfter: "30d" }]),
});

const dataStorageSchema = z.strictObject({
  /** GZRS: zone-redundant in the primary region, asynchronously copied to the paired region. */
  replication: z.enum(["Standard_LRS", "Standard_ZRS", "Standard_GZRS", "Standard_RAGZRS"]).default("Standard_GZRS"),
  containers: z.array(z.string().regex(/^[a-z0-9](-?[a-z0-9])+$/, "must be a blob container name")).default(["backups", "media"]),
  softDeleteDays: z.int().min(1).max(365).default(30),
});

const dataSchema = z.strictObject({
  mode: z.enum(["managed", "in-cluster"]),
  postgresql: postgresqlSchema.prefault({}),
  cosmos: cosmosSchema.prefault({}),
  redis: redisSchema.prefault({}),
  elastic: elasticSchema.prefault({}),
  storage: dataStorageSchema.prefault({}),
});

/**
 * Azure Virtual Desktop (access.mode avd): who may sign in, the host pool, the session hosts, autoscale.
 * Only with access.mode avd; absent, every field takes its default. Names, IDs, roles and the rules between
 * fields: access.ts (docs/adr/0070-0074).
 */
export const AVD_LOAD_BALANCERS = ["BreadthFirst", "DepthFirst"] as const;
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be a time of day such as 07:00");
export const avdSchema = z.strictObject({
  /** Entra ID groups whose members may use the desktop: Desktop Virtualization User and Virtual Machine User Login. */
  userGroupObjectIds: z.array(guid).default([]),
  /** Entra ID groups that sign in to the session hosts as local administrators (Virtual Machine Administrator Login). */
  adminGroupObjectIds: z.array(guid).default([]),
  /** Object ID of the tenant's "Azure Virtual Desktop" service principal: autoscale and Start VM on Connect need a role for it. */
  servicePrincipalObjectId: guid.optional(),
  hostPool: z
    .strictObject({
      loadBalancer: z.enum(AVD_LOAD_BALANCERS, { error: 'must be "BreadthFirst" or "DepthFirst"' }).default("BreadthFirst"),
      /** Sessions per session host (multi-session). */
      maxSessionLimit: z.int().min(1).max(999_999).default(4),
      /** A stopped session host starts when someone connects (off-peak, after autoscale stopped them all). */
      startVmOnConnect: z.boolean().default(true),
      /** Lifetime of the registration token each deployment issues: short, it admits any VM that holds it. */
      registrationTokenHours: z.int().min(2).max(648, "Azure accepts at most 27 days (648 hours)").default(4),
      /** Single sign-on with Microsoft Entra authentication (needs the tenant step in docs/adr/0070). */
      singleSignOn: z.boolean().default(true),
      /** Clipboard between the admin's device and the desktop. Off: production data stays in Azure. */
      clipboard: z.boolean().default(false),
    })
    .prefault({}),
  sessionHosts: z
    .strictObject({
      count: z.int().min(1).max(99).default(2),
      vmSize: vmSize.default("Standard_D4ds_v5"),
      osDiskType: z.enum(["Premium_LRS", "StandardSSD_LRS"]).default("Premium_LRS"),
      /** Marketplace image: Windows 11 Enterprise multi-session with Microsoft 365 Apps (Gen2, Trusted Launch). */
      image: z
        .strictObject({
          publisher: z.string().min(1).default("MicrosoftWindowsDesktop"),
          offer: z.string().min(1).default("office-365"),
          sku: z.string().min(1).default("win11-25h2-avd-m365"),
          version: z.string().min(1).default("latest"),
        })
        .prefault({}),
    })
    .prefault({}),
  /** Autoscale of the pooled host pool: a schedule for the working days, everything stopped on the others. */
  scalingPlan: z
    .strictObject({
      enabled: z.boolean().default(true),
      /** A Windows time zone ID. */
      timeZone: z.string().min(1).default("W. Europe Standard Time"),
      days: z.array(z.enum(WEEKDAYS)).min(1).default(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]),
      rampUpStart: clockTime.default("07:00"),
      peakStart: clockTime.default("09:00"),
      rampDownStart: clockTime.default("18:00"),
      offPeakStart: clockTime.default("20:00"),
      /** Share of the session hosts kept running from ramp-up on. */
      minimumHostsPct: z.int().min(0).max(100).default(50),
      /** Used capacity above which autoscale starts another session host. */
      capacityThresholdPct: z.int().min(1).max(100).default(75),
      rampDownForceLogoff: z.boolean().default(false),
      rampDownWaitMinutes: z.int().min(0).max(720).default(30),
    })
    .prefault({})
    .superRefine((plan, ctx) => {
      // The four phases of a day, in this order (times as HH:MM compare as strings).
      const pairs = [
        ["rampUpStart", "peakStart"],
        ["peakStart", "rampDownStart"],
        ["rampDownStart", "offPeakStart"],
      ] as const;
      for (const [before, field] of pairs) {
        if (plan[field] <= plan[before]) {
          ctx.addIssue({ code: "custom", path: [field], message: `must be after ${before} (${plan[before]})` });
        }
      }
    }),
});

export const environmentSchema = z
  .strictObject({
    name: slug(8),
    organization: slug(10).default("plugilo"),
    tenantId: guid,
    managementGroup: z.strictObject({
      id: slug(64),
      displayName: z.string().min(1),
      parentId: slug(64).optional(),
    }),
    subscriptions: z.strictObject({
      management: guid,
      hub: guid,
      connectivity: guid,
      app1: guid,
      app2: guid,
      data: guid,
    }),
    regions: z.strictObject({ primary: region, secondary: region }),
    addressSpace: cidr,
    subnetPrefixes: z.partialRecord(z.enum(SUBNET_KINDS), z.int().min(8).max(29)).default({}),
    clusters: z.array(clusterSchema).min(1, "at least one cluster is required"),
    data: dataSchema,
    access: z.strictObject({
      mode: z.enum(["avd", "tailscale"]),
      tailscaleRange: cidr.default("100.64.0.0/10"),
      /** Azure Virtual Desktop settings (access.mode avd only; resolution: access.ts). */
      avd: avdSchema.optional(),
    }),
    apiManagement: z
      .strictObject({
        tier: z.enum(["Developer", "BasicV2", "StandardV2", "PremiumV2", "Premium"]).default("StandardV2"),
        region: region.default("germanywestcentral"),
        // Edge issue (#4): the rest of API Management's settings. Resolution: edge.ts.
        capacity: z.int().min(1).max(10, "Standard v2 scales to 10 units").default(1),
        /** Default: tags.owner. */
        publisherEmail: z.email({ error: "must be an e-mail address" }).optional(),
        publisherName: z.string().min(1).default("Plugilo"),
        /** Audience of the Entra ID tokens the global policy accepts. Default: api://<organization>-<environment>. */
        tokenAudience: z.string().min(1).optional(),
        /** Calls per caller (token subject) and minute. */
        rateLimitPerMinute: z.int().min(1).max(100_000).default(600),
        /** Browser origins allowed by CORS. Default: https://<each Front Door custom domain>. */
        corsAllowedOrigins: z.array(z.url({ protocol: /^https$/, error: "must be an https origin" })).optional(),
        /** One API version set per API family, versioned by URL segment (/api/<family>/v1/...). */
        versionSets: z.array(slug(40)).default(["core"]),
        /** Named values read from the environment's Key Vault (secret names). */
        keyVaultNamedValues: z.array(z.strictObject({ name: slug(80), secret: keyVaultObjectName })).default([]),
      })
      .prefault({}),
    edge: edgeSchema.prefault({}),
    multicloud: multicloudSchema,
    hub: hubSchema.prefault({}),
    gitops: gitopsSchema.prefault({}),
    /** The Argo CD bootstrap of every cluster: the repository its root Application syncs. */
    argocd: z
      .strictObject({
        repoUrl: z
          .string()
          .regex(/^https:\/\/[a-z0-9.-]+\/[^\s]+$/, "must be the HTTPS URL of a Git repository")
          .default("https://github.com/plugilo/platform.git"),
        targetRevision: z.string().min(1).default("main"),
        /** Highly available Argo CD (replicated controller, repo server, Redis HA). Default: on in prod. */
        ha: z.boolean().optional(),
        /** Sign-in through Entra ID (OIDC); the local admin is off (stacks/cluster/src/argocd-sso.ts). */
        sso: z
          .strictObject({
            /** The Entra ID app registration's client ID (placeholder until the bootstrap creates it). */
            clientId: guid.default("00000000-0000-0000-0000-0000000a0cd0"),
            /** Entra ID group (object ID) whose members administer Argo CD. */
            adminGroupId: guid.default("00000000-0000-0000-0000-0000000a0cd1"),
            /** Entra ID group (object ID) whose members may read Argo CD; none when absent. */
            readOnlyGroupId: guid.optional(),
            /** Argo CD's external URL (the redirect URI registered with the app). Default: https://argocd.<cluster>.<env>.internal */
            url: z
              .string()
              .regex(/^https:\/\/[a-z0-9.-]+$/, "must be an https:// URL without a path")
              .optional(),
          })
          .prefault({}),
      })
      .prefault({}),
    tags: z.strictObject({
      owner: z.string().min(3),
      costCenter: z.string().min(1),
      dataClassification: z.enum(["public", "internal", "confidential", "restricted"]),
    }),
    logAnalytics: z.strictObject({ retentionDays: z.int().min(30).max(730) }).default({ retentionDays: 30 }),
    /** Stateful resources are protected from deletion (Pulumi protect). Default: everywhere but dev. */
    protectStatefulResources: z.boolean().optional(),
  })
  .superRefine((env, ctx) => {
    if (env.regions.primary === env.regions.secondary) {
      ctx.addIssue({ code: "custom", path: ["regions", "secondary"], message: "must differ from regions.primary" });
    }
    const seen = new Map<string, number>();
    env.clusters.forEach((cluster, index) => {
      const first = seen.get(cluster.name);
      if (first !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["clusters", index, "name"],
          message: `duplicate cluster name "${cluster.name}" (also clusters[${first}].name)`,
        });
      } else seen.set(cluster.name, index);
    });
  });

export type EnvironmentInput = z.input<typeof environmentSchema>;
export type EnvironmentConfig = z.output<typeof environmentSchema>;
export type ClusterConfig = EnvironmentConfig["clusters"][number];
export type HubConfig = EnvironmentConfig["hub"];
export type MulticloudConfig = EnvironmentConfig["multicloud"];
export type EdgeConfig = EnvironmentConfig["edge"];
export type DataConfig = EnvironmentConfig["data"];
export type AvdConfig = z.output<typeof avdSchema>;
