/**
 * The schema of environments/<env>.yaml. Parsing is strict: an unknown field is an error, so a typo never
 * silently falls back to a default. Cross-field rules (capabilities, address plan) live in validate.ts.
 */
import { z } from "zod";
import { ADDON_NAMES } from "../gitops/gitops.ts";
import { cidrProblem } from "./cidr.ts";
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
    enabled: z
      .boolean()
      .optional()
      .meta({ description: "Runs the add-on (true) or not (false); absent, the add-on's default decides." }),
    values: z
      .record(z.string(), z.record(z.string(), z.unknown(), { error: "must be a mapping of Helm values" }))
      .optional()
      .meta({
        description: "Helm values per release of the add-on (e.g. `istiod`, `istio-ingress`), layered over its defaults.",
      }),
  }),
);

const gitopsSchema = z.strictObject({
  addons: addonSettings.default({}).meta({
    description:
      "Environment layer of the platform add-ons (`packages/gitops`): `{ <add-on>: { enabled, values: { <release>: {...} } } }`. `postgresql-connection` renders where services connect (the built-in PgBouncer; no pooler in the clusters) and `elasticsearch-ilm` applies `data.elastic.ilmPolicies` (no Helm release either). `enabled` overrides the default (tailscale with `access.mode: tailscale`, postgresql-connection with `data.mode: managed`, database-operators with `data.mode: in-cluster`, the runners in the first cluster only, the rest everywhere); `values` are layered over the add-on's defaults and under `clusters[].addons`. An add-on where it cannot run, a dependency turned off, or values for an unknown release are errors naming the field. docs/adr/0052",
  }),
  runners: z
    .strictObject({
      githubConfigUrl: z
        .string()
        .regex(
          /^https:\/\/github\.com\/[A-Za-z0-9-]+$/,
          "must be a GitHub organization URL (each scale set names its repository)",
        )
        .default("https://github.com/plugilo")
        .meta({
          description: "The GitHub organization whose repositories the scale sets register with (each set names its repository).",
        }),
      scaleSets: z
        .array(
          z
            .strictObject({
              name: slug(20).meta({ description: "Names the scale set `<organization>-<env>-<name>`, the label for `runs-on`." }),
              purpose: z
                .enum(["deploy", "preview", "build"])
                .default("deploy")
                .meta({ description: "What runs on the set: the deploy job, pull-request previews, or service builds." }),
              repository: z
                .string()
                .regex(/^[A-Za-z0-9._-]+$/, "must be a repository name in the organization")
                .optional()
                .meta({
                  description: "The one repository of the organization the set registers for. Default: the platform repository.",
                }),
              minRunners: z.int().min(0).default(0).meta({ description: "Idle runners kept ready." }),
              maxRunners: z
                .int()
                .min(1)
                .max(200)
                .default(10)
                .meta({ description: "Upper bound of concurrent runners; at least minRunners." }),
            })
            .refine((s) => s.maxRunners >= s.minRunners, { path: ["maxRunners"], message: "must be at least minRunners" }),
        )
        .min(1)
        .default([{ name: "linux", purpose: "deploy", minRunners: 0, maxRunners: 10 }])
        .meta({ description: "One Actions Runner Controller scale set each." }),
    })
    .prefault({})
    .meta({ description: "GitHub Actions runner scale sets (Actions Runner Controller) in the clusters." }),
});

const vmSize = z.string().regex(/^Standard_[A-Za-z0-9_]+$/, "must be an Azure VM size such as Standard_D4ds_v5");

export const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;
export const UPGRADE_CHANNELS = ["patch", "stable", "rapid", "node-image", "none"] as const;
export const NODE_OS_UPGRADE_CHANNELS = ["NodeImage", "SecurityPatch", "Unmanaged", "None"] as const;
export const BURST_MODES = ["spot", "virtual-nodes"] as const;

/**
 * The AKS settings of a cluster. Defaults that depend on the burst mode or the environment are
 * resolved in cluster-settings.ts; incompatible combinations are rejected there, naming the field.
 */
const clusterAksFields = {
  kubernetesVersion: z
    .string()
    .regex(/^1\.\d{2}(\.\d+)?$/, "must be a Kubernetes version such as 1.33 or 1.33.2")
    .optional()
    .meta({
      description:
        "Minor (`1.33`) or patch (`1.33.2`) version. Absent: AKS's default at creation; the upgrade channel moves it on.",
    }),
  adminGroupObjectIds: z.array(guid).default([]).meta({
    description:
      "Entra ID group object IDs whose members administer the cluster (Azure RBAC for Kubernetes; local accounts are off). The files hold placeholders (all zeros with a readable tail `...c1`, `...c2`): replace them with the real groups. Missing: a warning.",
  }),
  upgradeChannel: z.enum(UPGRADE_CHANNELS).default("stable").meta({ description: "Automatic Kubernetes upgrades." }),
  nodeOsUpgradeChannel: z
    .enum(NODE_OS_UPGRADE_CHANNELS)
    .default("NodeImage")
    .meta({ description: "Automatic node OS upgrades." }),
  maintenanceWindow: z
    .strictObject({
      day: z.enum(WEEKDAYS),
      start: z
        .string()
        .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be a time such as 01:00")
        .meta({ description: "HH:MM" }),
      durationHours: z.int().min(4, "AKS maintenance windows last at least 4 hours").max(24).default(4),
      utcOffset: z
        .string()
        .regex(/^[+-]\d{2}:\d{2}$/, "must be an offset such as +00:00")
        .default("+00:00"),
    })
    .optional()
    .meta({
      description:
        "Weekly window for both upgrade schedules (Kubernetes and node image). Default: Tuesday, Thursday, Wednesday, Monday by cluster position, 01:00 UTC. Two clusters on the same day are an error (active-active).",
    }),
  burst: z.enum(BURST_MODES).default("spot").meta({
    description:
      "Extra capacity for spikes: `spot` (spot nodes through Node Auto Provisioning) or `virtual-nodes` (ACI through virtual nodes v2: node-subnet networking, Calico, no NAP, a `userPool`; preview, warned). ADR 0035",
  }),
  network: z
    .strictObject({
      podNetwork: z.enum(["overlay", "node-subnet"]).optional(),
      dataplane: z.enum(["cilium", "azure"]).optional(),
      policy: z.enum(["cilium", "calico", "none"]).optional(),
    })
    .default({})
    .meta({
      description:
        "Pod networking. Defaults follow `burst`: spot -> overlay + Cilium; virtual-nodes -> node subnet + Calico. Incompatible combinations are errors naming the field.",
    }),
  nodeProvisioning: z.enum(["auto", "manual"]).optional().meta({
    description:
      "Node Auto Provisioning (`auto`) or fixed pools (`manual`). Default follows `burst`. No cluster autoscaler either way.",
  }),
  userPool: z
    .strictObject({ vmSize, count: z.int().min(1).max(100) })
    .optional()
    .meta({ description: "A fixed workload pool: only, and then required, with `nodeProvisioning: manual`." }),
  maxProvisionedCpu: z
    .int()
    .min(8)
    .max(100000)
    .default(256)
    .meta({ description: "vCPUs Node Auto Provisioning may run at once, shared out as the workload classes' NodePool limits." }),
  defender: z
    .boolean()
    .optional()
    .meta({ description: "Microsoft Defender for Containers. Default: on in prod, off elsewhere." }),
  kmsEncryption: z
    .boolean()
    .optional()
    .meta({ description: "KMS encryption of Kubernetes secrets with a Key Vault key. Default: on in prod, off elsewhere." }),
};

const clusterSchema = z.strictObject({
  name: slug(12).meta({
    description: "Cluster name, at most 12 characters, unique. Names the stack `<env>-<name>` and the cluster's resources.",
  }),
  subscription: z
    .enum(["app1", "app2"], { error: "a cluster runs in the app1 or app2 subscription" })
    .meta({ description: "The subscription the cluster runs in." }),
  region: region.meta({ description: "One of the two regions." }),
  tier: z.enum(["Free", "Standard", "Premium"]).default("Standard").meta({ description: "AKS pricing tier." }),
  systemPool: z
    .strictObject({
      vmSize,
      count: z.int().min(1).max(100),
      zones: z.array(zone).min(1).optional(),
    })
    .default({ vmSize: "Standard_D4ds_v5", count: 3 })
    .meta({
      description:
        '`vmSize` (an Azure size such as `Standard_D4ds_v5`), `count` (1-100), optional `zones` (`"1"`, `"2"`, `"3"`). Without `zones` a cluster uses every zone of its region, which is none in germanynorth; zones set there are an error.',
    }),
  podCidr: cidr.default("10.244.0.0/16").meta({
    description:
      "Overlay pod range, /12 to /24. It may repeat across clusters, but must not overlap the address space, the AWS, GCP or Tailscale ranges, or the service range.",
  }),
  serviceCidr: cidr.default("10.245.0.0/16").meta({ description: "Service range, /12 to /24; the same rules as `podCidr`." }),
  ...clusterAksFields,
  addons: addonSettings.optional().meta({
    description:
      "Per-cluster layer of the GitOps add-ons, over `gitops.addons`. `services` is not a valid cluster name (deploy/<env>/services holds the rendered services). docs/adr/0052",
  }),
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
    keyVaultId: z
      .string()
      .regex(
        /^\/subscriptions\/[0-9a-f-]{36}\/resourceGroups\/[^/]+\/providers\/Microsoft\.KeyVault\/vaults\/[A-Za-z0-9-]{3,24}$/,
        "must be the ARM ID of a Key Vault (/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.KeyVault/vaults/<name>)",
      )
      .optional()
      .meta({ description: "ARM ID of the Key Vault that holds the intermediate CA (the firewall's identity reads it)." }),
    caCertificateSecretId: z
      .string()
      .regex(
        /^https:\/\/[A-Za-z0-9-]{3,24}\.vault\.azure\.net\/secrets\/[A-Za-z0-9-]+(\/[0-9a-f]{32})?$/,
        "must be a Key Vault secret ID such as https://<vault>.vault.azure.net/secrets/<name>",
      )
      .optional()
      .meta({ description: "Secret ID of the intermediate CA certificate (PFX) in that vault." }),
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
  // https://learn.microsoft.com/azure/firewall/premium-features#idps
  idpsMode: z
    .enum(IDPS_MODES, { error: 'must be "Alert" or "Deny"' })
    .default("Deny")
    .meta({ description: "Firewall IDPS: `Alert` (log only; dev) or `Deny` (also blocks; staging, prod). ADR 0013" }),
  natPublicIps: z
    .int()
    .min(1)
    .max(16, "a NAT gateway takes at most 16 public IPs")
    .default(1)
    .meta({ description: "StandardV2 public IPs on each hub's NAT gateway, 1-16; 64,512 SNAT ports each. ADR 0012" }),
  tlsInspection: tlsInspectionSchema.prefault({}).meta({
    description:
      "Firewall TLS inspection. When `enabled`, `keyVaultId` and `caCertificateSecretId` (the intermediate CA) are required. ADR 0015",
  }),
  packageSources: z
    .array(fqdn)
    .default([...DEFAULT_PACKAGE_SOURCES])
    .meta({
      description:
        "Host names of package registries the workloads may fetch from over HTTPS (npm, PyPI, Maven Central, GitHub's registry).",
    }),
  outboundFqdns: z.array(fqdn).default([]).meta({
    description: "Further host names the workloads may reach over HTTPS; the firewall denies everything not allowed.",
  }),
  publicDnsZones: z.array(dnsZoneName).default([]).meta({
    description: "Public DNS zones hosted in Azure DNS; the registrar delegates to the name servers the hub stack outputs.",
  }),
});

const port = z.int().min(1).max(65535);
const vpnPeerSchema = {
  ranges: z.array(cidr).min(1).meta({
    description:
      "At least one CIDR, reached over the VPN. Must not overlap anything in Azure or the other cloud; reserved in the external IPAM pool.",
  }),
  asn,
  flows: z
    .strictObject({
      inbound: z
        .array(port)
        .default([443])
        .meta({ description: "TCP ports on which the peer's ranges reach the clusters' ingress load balancers." }),
      outbound: z
        .array(
          z.strictObject({
            name: slug(30).meta({ description: "Names the firewall rule." }),
            destinations: z
              .array(cidr)
              .min(1)
              .optional()
              .meta({ description: "Destinations in the peer; default: the peer's ranges." }),
            protocol: z.enum(["TCP", "UDP"]).default("TCP").meta({ description: "IP protocol." }),
            ports: z.array(port).min(1).meta({ description: "Destination ports." }),
          }),
        )
        .default([{ name: "https", protocol: "TCP", ports: [443] }])
        .meta({ description: "What the clusters' nodes may reach in the peer." }),
    })
    .prefault({})
    .meta({ description: "What may cross the VPN: the firewalls allow exactly these (docs/adr/0128)." }),
};

export const VPN_GATEWAY_SKUS = ["VpnGw1AZ", "VpnGw2AZ", "VpnGw3AZ", "VpnGw4AZ", "VpnGw5AZ"] as const;

const multicloudSchema = z.strictObject({
  azure: z
    .strictObject({
      asn: asn.default(65515).meta({
        description: "BGP AS number of the Azure VPN gateway; no other ASN that Azure or IANA reserves.",
      }),
      gatewaySku: z
        .enum(VPN_GATEWAY_SKUS, { error: "must be a zone-redundant VPN gateway SKU: VpnGw1AZ to VpnGw5AZ" })
        .default("VpnGw1AZ")
        .meta({ description: "Zone-redundant VPN gateway SKU." }),
    })
    .prefault({})
    .meta({ description: "The Azure end: a zone-redundant, active-active VPN gateway in the primary hub." }),
  aws: z.strictObject({
    ...vpnPeerSchema,
    asn: asn.meta({ description: "Amazon-side ASN of the transit gateway: 64512-65534 or 4200000000-4294967294." }),
    region: z
      .string()
      .regex(/^eu-[a-z]+-\d$/, "must be an AWS region in the EU such as eu-central-1 (GDPR residency)")
      .default("eu-central-1")
      .meta({ description: "EU regions only: the data that crosses the VPN stays in the EU (GDPR residency)." }),
  }),
  gcp: z.strictObject({
    ...vpnPeerSchema,
    asn: asn.meta({
      description: "ASN of the Cloud Router: 64512-65534, 4200000000-4294967294 or 16550. The three ASNs must differ.",
    }),
    region: z
      .string()
      .regex(/^europe-[a-z]+\d+$/, "must be a Google Cloud region in Europe such as europe-west3 (GDPR residency)")
      .default("europe-west3")
      .meta({ description: "European regions only (GDPR residency)." }),
    project: z
      .string()
      .regex(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, "must be a Google Cloud project ID (6-30 lowercase letters, digits, dashes)")
      .optional()
      .meta({ description: "Project of the HA VPN gateway and Cloud Router. Default: `<organization>-<env>-network`." }),
    network: z
      .string()
      .regex(/^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/, "must be a Google Cloud network name (RFC 1035)")
      .optional()
      .meta({ description: "The VPC network the Cloud Router serves. Default: `<organization>-<env>`." }),
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
 * The edge layer: Front Door Premium, one Application Gateway WAF_v2 per region with a cluster.
 * API Management settings stay in `apiManagement`. Resolution and cross-field checks: edge.ts.
 */
const edgeSchema = z.strictObject({
  frontDoor: z
    .strictObject({
      wafMode: wafMode
        .default("Prevention")
        .meta({ description: "`Prevention` blocks what the WAF matches (staging, prod); `Detection` only logs (dev). ADR 0022" }),
      rateLimit: z
        .strictObject({
          requests: z.int().min(10, "Front Door rate limits start at 10 requests").default(1000),
          windowMinutes: z
            .union([z.literal(1), z.literal(5)], { error: "Front Door rate-limit windows are 1 or 5 minutes" })
            .default(1),
        })
        .prefault({})
        .meta({ description: "Requests per client socket IP and window; more are answered 429." }),
      customDomains: z.array(dnsZoneName).default([]).meta({
        description:
          "Host names Front Door serves with managed certificates. Each must lie below a zone of `hub.publicDnsZones` (not its apex), once; the edge stack writes their TXT validation records and CNAMEs there. None: only the `*.azurefd.net` name.",
      }),
      caching: z
        .strictObject({
          queryStringBehavior: z.enum(QUERY_STRING_CACHING).default("UseQueryString"),
          queryParameters: z
            .array(z.string().regex(/^[A-Za-z0-9_.~-]+$/, "must be a query parameter name"))
            .default([])
            .meta({ description: "The parameters the `*Specified*` behaviours name (and then need)." }),
          staticAssetExtensions: z
            .array(z.string().regex(/^[a-z0-9]{1,10}$/, "must be a file extension without the dot, such as css"))
            .min(1)
            .default([...DEFAULT_STATIC_ASSET_EXTENSIONS])
            .meta({
              description: "File types cached at the edge (the design's L3 cache) when the origin does not say otherwise.",
            }),
          staticAssetMaxAgeHours: z
            .int()
            .min(1)
            .max(8760)
            .default(168)
            .meta({ description: "Edge cache lifetime of static assets when the origin sends no Cache-Control." }),
        })
        .prefault({})
        .meta({ description: "Front Door caching. The API route is never cached." }),
      healthProbe: z
        .strictObject({
          path: z
            .string()
            .regex(/^\/[A-Za-z0-9/_.~-]*$/, "must be a URL path such as /healthz")
            .default("/healthz"),
          intervalSeconds: z.int().min(5).max(255).default(30),
        })
        .prefault({})
        .meta({ description: "Front Door's health probe of every origin group member (the Application Gateways answer it)." }),
    })
    .prefault({})
    .meta({ description: "Front Door Premium with its WAF policy." }),
  applicationGateway: z
    .strictObject({
      minCapacity: z.int().min(0).max(125).default(2).meta({
        description: "Autoscale lower bound (instances); 0 lets an idle gateway scale in completely. At most maxCapacity.",
      }),
      maxCapacity: z
        .int()
        .min(2, "autoscale needs maxCapacity 2 or more")
        .max(125)
        .default(10)
        .meta({ description: "Autoscale upper bound (instances)." }),
      wafMode: wafMode.default("Prevention").meta({ description: "`Prevention` blocks; `Detection` only logs (dev)." }),
      tlsCertificate: keyVaultObjectName.default("edge-tls").meta({
        description: "Key Vault certificate of the listeners (covering the custom domains).",
      }),
      backendCaCertificate: keyVaultObjectName.default("istio-ingress-ca").meta({
        description: "Key Vault certificate of the CA that signed the Istio ingress gateway's certificate (backend TLS).",
      }),
      healthProbePath: z
        .string()
        .regex(/^\/[A-Za-z0-9/_.~-]*$/, "must be a URL path such as /healthz")
        .default("/healthz")
        .meta({ description: "HTTPS probe path on the Istio ingress gateway." }),
    })
    .prefault({})
    .superRefine((agw, ctx) => {
      if (agw.minCapacity > agw.maxCapacity) {
        ctx.addIssue({ code: "custom", path: ["minCapacity"], message: `must not exceed maxCapacity (${agw.maxCapacity})` });
      }
    })
    .meta({ description: "One Application Gateway WAF_v2 per region with a cluster." }),
});

/**
 * The data tier: managed services in staging and production, operators in the clusters for dev.
 * Sizes and choices only: names, IDs, placement and the rules between fields are resolved in data.ts.
 */
export const POSTGRESQL_HA_MODES = ["ZoneRedundant", "SameZone", "Disabled"] as const;
export const REDIS_CLUSTERING_POLICIES = ["OSSCluster", "EnterpriseCluster", "NoCluster"] as const;
export const SHARD_KEYS = ["user_id", "tenant_id"] as const;

/** An Elasticsearch ILM age such as 1d, 12h, 30d. */
const ilmAge = z.string().regex(/^\d+(d|h|m)$/, "must be an age such as 30d, 12h or 90m");

const postgresqlSchema = z.strictObject({
  // Validated per region: germanynorth has no zones (docs/adr/0005).
  haMode: z
    .enum(POSTGRESQL_HA_MODES)
    .default("ZoneRedundant")
    .meta({ description: "High availability. With `data.mode: managed`, checked against what the primary region offers." }),
  // The default API of azure-native 3.28 (2025-08-01) accepts 16 to 18.
  version: z.enum(["16", "17", "18"]).default("17").meta({ description: "PostgreSQL major version." }),
  sku: z
    .strictObject({
      name: z.string().regex(/^Standard_[A-Za-z0-9_]+$/, "must be a compute size such as Standard_D4ds_v5"),
      tier: z.enum(["Burstable", "GeneralPurpose", "MemoryOptimized"]),
    })
    .default({ name: "Standard_D4ds_v5", tier: "GeneralPurpose" })
    .meta({
      description: "Compute size and tier; HA, replicas and the built-in PgBouncer need GeneralPurpose or MemoryOptimized.",
    }),
  storageGb: z.int().min(32).max(32_768).default(128),
  backupRetentionDays: z.int().min(7).max(35).default(35),
  geoRedundantBackup: z.boolean().default(true),
  passwordAuth: z
    .boolean()
    .default(false)
    .meta({ description: "Password authentication. Off by default: Microsoft Entra ID only (docs/adr/0044)." }),
  administrators: z
    .array(
      z.strictObject({
        principalName: z.string().min(1),
        objectId: guid,
        principalType: z.enum(["Group", "User", "ServicePrincipal"]).default("Group"),
      }),
    )
    .default([])
    .meta({
      description: "Microsoft Entra administrators (a group, preferably). Required when password authentication is off.",
    }),
  readReplicas: z
    .strictObject({ sameRegion: z.boolean().default(true), secondaryRegion: z.boolean().default(true) })
    .prefault({})
    .meta({
      description:
        "Read replicas: one beside the primary, one in the secondary region (promoted to primary for DR). docs/adr/0042",
    }),
  maxConnections: z
    .int()
    .min(25)
    .max(5000)
    .default(500)
    .meta({ description: "Server parameter max_connections; the built-in PgBouncer keeps the real count low." }),
  databases: z.array(slug(63)).default([]).meta({ description: "One database per service." }),
  pgbouncer: z
    .strictObject({
      poolMode: z.enum(["transaction", "session"]).default("transaction"),
      defaultPoolSize: z.int().min(1).max(1000).default(25),
      maxClientConnections: z.int().min(100).max(100_000).default(5000),
    })
    .prefault({})
    .meta({
      description:
        "The server's built-in PgBouncer (port 6432, where services connect), the services' connection pooler. docs/adr/0060",
    }),
});

const cosmosSchema = z.strictObject({
  serverVersion: z.enum(["6.0", "7.0"]).default("7.0"),
  backupTier: z
    .enum(["Continuous7Days", "Continuous30Days"])
    .default("Continuous30Days")
    .meta({ description: "Continuous backup (point-in-time restore) window." }),
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
              shardKey: z
                .enum(SHARD_KEYS, {
                  error: 'must be "user_id" or "tenant_id" (the design partitions by user or tenant)',
                })
                .meta({ description: "The design partitions by user or tenant." }),
              maxThroughput: z
                .int()
                .min(1000)
                .max(1_000_000)
                .multipleOf(1000, "must be a multiple of 1000")
                .default(1000)
                .meta({ description: "Autoscale maximum RU/s: at least 1,000, in steps of 1,000." }),
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
    .default("Balanced_B5")
    .meta({ description: "Azure Managed Redis SKU." }),
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
  geoReplication: z
    .boolean()
    .default(false)
    .meta({ description: "Active geo-replication with a cache in the secondary region. Excludes `persistence`. docs/adr/0040" }),
  persistence: z
    .strictObject({
      aof: z.boolean().default(false),
      aofFrequency: z.enum(["1s", "always"]).default("1s"),
      rdb: z.boolean().default(false),
      rdbFrequency: z.enum(["1h", "6h", "12h"]).default("6h"),
    })
    .optional()
    .meta({ description: "Data persistence: AOF or RDB, not both. Excludes `geoReplication`." }),
});

const elasticSchema = z.strictObject({
  version: z
    .string()
    .regex(/^\d+\.\d+\.\d+$/, "must be a stack version such as 9.5.6")
    .default("9.5.6")
    .meta({ description: "Elastic Stack version of the deployment." }),
  deploymentTemplate: z.string().min(1).default("azure-general-purpose"),
  zoneCount: z.int().min(1).max(3).default(2).meta({ description: "Zones of every tier: 2 or 3 for high availability." }),
  hotMaxSize: z
    .string()
    .regex(/^\d+g$/, "must be a size such as 64g")
    .default("64g")
    .meta({ description: "Autoscaling ceiling per node (memory) of the hot tier." }),
  warmMaxSize: z
    .string()
    .regex(/^\d+g$/, "must be a size such as 64g")
    .default("32g")
    .meta({ description: "Autoscaling ceiling per node (memory) of the warm tier." }),
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
    .default([{ name: "logs", rolloverMaxAge: "1d", rolloverMaxPrimaryShardSize: "50gb", warmAfter: "7d", deleteAfter: "30d" }])
    .meta({
      description:
        "Index lifecycle policies kept as code: hot (rollover) -> warm -> delete. Unique names; deleteAfter later than warmAfter. Applied from the clusters by the `elasticsearch-ilm` add-on. docs/adr/0043, 0061",
    }),
});

const dataStorageSchema = z.strictObject({
  replication: z
    .enum(["Standard_LRS", "Standard_ZRS", "Standard_GZRS", "Standard_RAGZRS"])
    .default("Standard_GZRS")
    .meta({ description: "GZRS: zone-redundant in the primary region, asynchronously copied to the paired region." }),
  containers: z.array(z.string().regex(/^[a-z0-9](-?[a-z0-9])+$/, "must be a blob container name")).default(["backups", "media"]),
  softDeleteDays: z.int().min(1).max(365).default(30),
});

const dataSchema = z.strictObject({
  mode: z
    .enum(["managed", "in-cluster"])
    .meta({ description: "`managed` (Azure services; staging and prod) or `in-cluster` (operators in the clusters; dev)." }),
  postgresql: postgresqlSchema.prefault({}).meta({ description: "PostgreSQL Flexible Server. docs/adr/0041, 0042, 0044, 0060" }),
  cosmos: cosmosSchema.prefault({}).meta({ description: "Azure Cosmos DB for MongoDB." }),
  redis: redisSchema.prefault({}).meta({ description: "Azure Managed Redis. docs/adr/0040" }),
  elastic: elasticSchema.prefault({}).meta({ description: "Elastic Cloud on Azure. docs/adr/0043" }),
  storage: dataStorageSchema.prefault({}).meta({ description: "The data layer's storage account." }),
});

/**
 * Azure Virtual Desktop (access.mode avd): who may sign in, the host pool, the session hosts, autoscale.
 * Only with access.mode avd; absent, every field takes its default. Names, IDs, roles and the rules between
 * fields: access.ts (docs/adr/0070-0074).
 */
export const AVD_LOAD_BALANCERS = ["BreadthFirst", "DepthFirst"] as const;
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be a time of day such as 07:00");
export const avdSchema = z.strictObject({
  userGroupObjectIds: z.array(guid).default([]).meta({
    description:
      "Entra ID groups whose members may use the desktop (Desktop Virtualization User, Virtual Machine User Login). prod.yaml holds placeholders; an empty list is a warning.",
  }),
  adminGroupObjectIds: z.array(guid).default([]).meta({
    description:
      "Entra ID groups that sign in to the session hosts as local administrators (Virtual Machine Administrator Login).",
  }),
  servicePrincipalObjectId: guid.optional().meta({
    description:
      "Object ID of the tenant's Azure Virtual Desktop service principal (app 9cdead84-a844-4324-93f2-b2e6bb768d07): it gets Desktop Virtualization Power On Off Contributor on the subscription for autoscale and Start VM on Connect. Absent: a warning, assign the role by hand.",
  }),
  hostPool: z
    .strictObject({
      loadBalancer: z.enum(AVD_LOAD_BALANCERS, { error: 'must be "BreadthFirst" or "DepthFirst"' }).default("BreadthFirst"),
      maxSessionLimit: z.int().min(1).max(999_999).default(4).meta({ description: "Sessions per session host (multi-session)." }),
      startVmOnConnect: z.boolean().default(true).meta({
        description: "A stopped session host starts when someone connects (off-peak, after autoscale stopped them all).",
      }),
      registrationTokenHours: z.int().min(2).max(648, "Azure accepts at most 27 days (648 hours)").default(4).meta({
        description: "Lifetime of the registration token each deployment issues: short, it admits any VM that holds it.",
      }),
      singleSignOn: z.boolean().default(true).meta({
        description: "Single sign-on with Microsoft Entra authentication for RDP (needs the tenant step in docs/adr/0070).",
      }),
      clipboard: z.boolean().default(false).meta({
        description:
          "Clipboard between the admin's device and the desktop. Off (default): drive, USB, printer and clipboard redirection off; production data stays in Azure.",
      }),
    })
    .prefault({})
    .meta({ description: "The pooled host pool." }),
  sessionHosts: z
    .strictObject({
      count: z.int().min(1).max(99).default(2).meta({ description: "Session hosts, one per zone in turn." }),
      vmSize: vmSize.default("Standard_D4ds_v5").meta({ description: "A retired size is an error." }),
      osDiskType: z.enum(["Premium_LRS", "StandardSSD_LRS"]).default("Premium_LRS"),
      image: z
        .strictObject({
          publisher: z.string().min(1).default("MicrosoftWindowsDesktop"),
          offer: z.string().min(1).default("office-365"),
          sku: z.string().min(1).default("win11-25h2-avd-m365"),
          version: z.string().min(1).default("latest"),
        })
        .prefault({})
        .meta({
          description: "Marketplace image: Windows 11 Enterprise multi-session with Microsoft 365 Apps (Gen2, Trusted Launch).",
        }),
    })
    .prefault({})
    .meta({ description: "The session hosts (Entra ID joined VMs)." }),
  scalingPlan: z
    .strictObject({
      enabled: z.boolean().default(true),
      timeZone: z.string().min(1).default("W. Europe Standard Time").meta({ description: "A Windows time zone ID." }),
      days: z
        .array(z.enum(WEEKDAYS))
        .min(1)
        .default(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"])
        .meta({ description: "Working days; the other days keep no session host running." }),
      rampUpStart: clockTime.default("07:00"),
      peakStart: clockTime.default("09:00").meta({ description: "After rampUpStart." }),
      rampDownStart: clockTime.default("18:00").meta({ description: "After peakStart." }),
      offPeakStart: clockTime.default("20:00").meta({ description: "After rampDownStart." }),
      minimumHostsPct: z
        .int()
        .min(0)
        .max(100)
        .default(50)
        .meta({ description: "Share of the session hosts kept running from ramp-up on." }),
      capacityThresholdPct: z
        .int()
        .min(1)
        .max(100)
        .default(75)
        .meta({ description: "Used capacity above which autoscale starts another session host." }),
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
    })
    .meta({
      description: "Autoscale of the pooled host pool: a schedule for the working days, everything stopped on the others.",
    }),
});

export const environmentSchema = z
  .strictObject({
    name: slug(8).meta({ description: "Environment name. Must match the file name. Used in every resource name." }),
    organization: slug(10).default("plugilo").meta({ description: "Organization segment of resource names." }),
    tenantId: guid.meta({ description: "Microsoft Entra tenant ID." }),
    managementGroup: z
      .strictObject({
        id: slug(64).meta({
          description:
            "ID of the environment's management group, which the foundation layer creates; Azure Policy is assigned here.",
        }),
        displayName: z.string().min(1),
        parentId: slug(64).optional().meta({ description: "Parent management group ID (`mg-plugilo`)." }),
      })
      .meta({ description: "The environment's management group." }),
    subscriptions: z
      .strictObject({
        management: guid.meta({ description: "Foundation layer (policy, logging, IPAM) and access layer (ADR 0006)." }),
        hub: guid.meta({
          description: "Regional hubs, firewall, NAT, DNS, VPN gateway; also the multicloud layer's Azure connections.",
        }),
        connectivity: guid.meta({ description: "Connectivity Production: Front Door, Application Gateway, API Management." }),
        app1: guid.meta({ description: "Clusters with `subscription: app1`." }),
        app2: guid.meta({ description: "Clusters with `subscription: app2`." }),
        data: guid.meta({ description: "Data Platform: the data layer, and the shared layer (Key Vault, container registry)." }),
      })
      .meta({ description: "The subscription of each layer. The foundation layer moves every one under the management group." }),
    regions: z.strictObject({ primary: region, secondary: region }).meta({
      description:
        "`germanywestcentral` and `germanynorth`, different from each other; no other region keeps data in Germany (GDPR residency). germanynorth gives a restricted-access warning (ADR 0005).",
    }),
    addressSpace: cidr.meta({
      description:
        "The environment's IPv4 range: aligned, a /16 or larger, not overlapping another environment's file. The address plan is cut from it (ADR 0004).",
    }),
    subnetPrefixes: z.partialRecord(z.enum(SUBNET_KINDS), z.int().min(8).max(29)).default({}).meta({
      description:
        "Size overrides per subnet kind, for example `{ aksNodes: 23 }`. A size below a kind's minimum (AzureFirewallSubnet /26, GatewaySubnet /27, ...) is an error. Changing a size moves the ranges that follow it.",
    }),
    clusters: z
      .array(clusterSchema)
      .min(1, "at least one cluster is required")
      .meta({ description: "AKS clusters, at least one. Their order is the order of their address ranges: append only." }),
    data: dataSchema.meta({ description: "The data tier." }),
    access: z
      .strictObject({
        mode: z.enum(["avd", "tailscale"]).meta({
          description:
            "`avd` (Azure Virtual Desktop and an access spoke; prod) or `tailscale` (no Azure resources; dev, staging).",
        }),
        tailscaleRange: cidr.default("100.64.0.0/10").meta({ description: "Tailnet range kept clear of Azure addresses." }),
        avd: avdSchema.optional().meta({
          description:
            "Azure Virtual Desktop, only with `access.mode: avd` (an error otherwise); absent, every field takes its default. docs/adr/0070-0074",
        }),
      })
      .meta({ description: "How administrators reach the private estate." }),
    apiManagement: z
      .strictObject({
        tier: z.enum(["Developer", "BasicV2", "StandardV2", "PremiumV2", "Premium"]).default("StandardV2").meta({
          description:
            "`StandardV2`, the only tier the edge builds (inbound private endpoint and outbound VNet integration). `PremiumV2` (Front Door cannot reach it over Private Link), `BasicV2` (no private endpoint, no VNet integration), `Developer` and `Premium` (classic: VNet injection excludes the private endpoint) are rejected with their reason. ADR 0021",
        }),
        region: region.default("germanywestcentral").meta({
          description:
            "v2 tiers are not offered in germanynorth. The API Management subnets are placed in this region's edge spoke.",
        }),
        capacity: z
          .int()
          .min(1)
          .max(10, "Standard v2 scales to 10 units")
          .default(1)
          .meta({ description: "Standard v2 scale units." }),
        publisherEmail: z
          .email({ error: "must be an e-mail address" })
          .optional()
          .meta({ description: "Publisher e-mail shown in the developer portal and notifications. Default: `tags.owner`." }),
        publisherName: z.string().min(1).default("Plugilo"),
        tokenAudience: z.string().min(1).optional().meta({
          description:
            "Audience of the Microsoft Entra ID tokens the global policy accepts. Default: `api://<organization>-<env>`.",
        }),
        rateLimitPerMinute: z
          .int()
          .min(1)
          .max(100_000)
          .default(600)
          .meta({ description: "Calls per caller (the token's subject) and minute, in the global policy." }),
        corsAllowedOrigins: z
          .array(z.url({ protocol: /^https$/, error: "must be an https origin" }))
          .optional()
          .meta({ description: "https origins allowed by CORS. Default: `https://<each Front Door custom domain>`." }),
        versionSets: z
          .array(slug(40))
          .default(["core"])
          .meta({ description: "API families, each an API version set with URL-segment versioning (`/api/<family>/v1/...`)." }),
        keyVaultNamedValues: z
          .array(z.strictObject({ name: slug(80), secret: keyVaultObjectName }))
          .default([])
          .meta({ description: "`{ name, secret }` pairs: named values read from the environment's Key Vault." }),
      })
      .prefault({})
      .meta({ description: "API Management in the edge layer." }),
    edge: edgeSchema.prefault({}).meta({ description: "The edge layer: Front Door Premium and the Application Gateways." }),
    multicloud: multicloudSchema.meta({ description: "The VPN to AWS and Google Cloud." }),
    hub: hubSchema.prefault({}).meta({ description: "The hub layer: firewall policy, NAT egress, DNS." }),
    gitops: gitopsSchema.prefault({}).meta({ description: "Platform add-ons and runners rendered by `plugilo render`." }),
    argocd: z
      .strictObject({
        repoUrl: z
          .string()
          .regex(/^https:\/\/[a-z0-9.-]+\/[^\s]+$/, "must be the HTTPS URL of a Git repository")
          .default("https://github.com/plugilo/platform.git")
          .meta({ description: "The repository (HTTPS) each cluster's root Application syncs (`deploy/<env>/<cluster>`)." }),
        targetRevision: z.string().min(1).default("main"),
        ha: z
          .boolean()
          .optional()
          .meta({ description: "Highly available Argo CD (replicated controller, repo server, Redis HA). Default: on in prod." }),
        sso: z
          .strictObject({
            clientId: guid
              .default("00000000-0000-0000-0000-0000000a0cd0")
              .meta({ description: "The Entra ID app registration's client ID (placeholder until the bootstrap creates it)." }),
            adminGroupId: guid
              .default("00000000-0000-0000-0000-0000000a0cd1")
              .meta({ description: "Entra ID group (object ID) whose members administer Argo CD." }),
            readOnlyGroupId: guid
              .optional()
              .meta({ description: "Entra ID group (object ID) whose members may read Argo CD; none when absent." }),
            url: z
              .string()
              .regex(/^https:\/\/[a-z0-9.-]+$/, "must be an https:// URL without a path")
              .optional()
              .meta({
                description:
                  "Argo CD's external URL (the redirect URI registered with the app). Default: https://argocd.<cluster>.<env>.internal",
              }),
          })
          .prefault({})
          .meta({ description: "Sign-in through Entra ID (OIDC); the local admin is off." }),
      })
      .prefault({})
      .meta({ description: "The Argo CD bootstrap of every cluster." }),
    tags: z
      .strictObject({
        owner: z.string().min(3),
        costCenter: z.string().min(1),
        dataClassification: z.enum(["public", "internal", "confidential", "restricted"]),
      })
      .meta({
        description:
          "Become the tags `owner`, `cost-center`, `data-classification` on every resource, with `environment` and `managed-by: pulumi`. The `required-tags` plan rule checks them.",
      }),
    logAnalytics: z
      .strictObject({ retentionDays: z.int().min(30).max(730) })
      .default({ retentionDays: 30 })
      .meta({ description: "Log Analytics retention in days." }),
    protectStatefulResources: z.boolean().optional().meta({
      description:
        "Protects stateful resources and resource groups from deletion (Pulumi `protect`). Default: true everywhere but `dev`.",
    }),
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
