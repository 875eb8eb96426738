/**
 * The schema of environments/<env>.yaml. Parsing is strict: an unknown field is an error, so a typo never
 * silently falls back to a default. Cross-field rules (capabilities, address plan) live in validate.ts.
 */
import { z } from "zod";
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

const clusterSchema = z.strictObject({
  name: slug(12),
  subscription: z.enum(["app1", "app2"], { error: "a cluster runs in the app1 or app2 subscription" }),
  region,
  tier: z.enum(["Free", "Standard", "Premium"]).default("Standard"),
  systemPool: z
    .strictObject({
      vmSize: z.string().regex(/^Standard_[A-Za-z0-9_]+$/, "must be an Azure VM size such as Standard_D4ds_v5"),
      count: z.int().min(1).max(100),
      zones: z.array(zone).min(1).optional(),
    })
    .default({ vmSize: "Standard_D4ds_v5", count: 3 }),
  podCidr: cidr.default("10.244.0.0/16"),
  serviceCidr: cidr.default("10.245.0.0/16"),
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

const vpnPeerSchema = {
  ranges: z.array(cidr).min(1),
  asn,
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
    data: z.strictObject({
      mode: z.enum(["managed", "in-cluster"]),
      postgresql: z
        .strictObject({ haMode: z.enum(["ZoneRedundant", "SameZone", "Disabled"]).default("ZoneRedundant") })
        .default({ haMode: "ZoneRedundant" }),
    }),
    access: z.strictObject({
      mode: z.enum(["avd", "tailscale"]),
      tailscaleRange: cidr.default("100.64.0.0/10"),
    }),
    apiManagement: z
      .strictObject({
        tier: z.enum(["Developer", "BasicV2", "StandardV2", "PremiumV2", "Premium"]).default("StandardV2"),
        region: region.default("germanywestcentral"),
      })
      .default({ tier: "StandardV2", region: "germanywestcentral" }),
    multicloud: multicloudSchema,
    hub: hubSchema.prefault({}),
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
