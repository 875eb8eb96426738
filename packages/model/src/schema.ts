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

const vpnPeerSchema = z.strictObject({
  ranges: z.array(cidr).min(1),
  asn: z.int().min(1).max(4294967295),
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
    multicloud: z.strictObject({ aws: vpnPeerSchema, gcp: vpnPeerSchema }),
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
