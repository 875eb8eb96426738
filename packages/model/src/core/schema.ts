/**
 * The schema of environments/<env>.yaml. Parsing is strict: an unknown field is an error, so a typo never
 * silently falls back to a default. Composed here from each layer's fragment (<layer>/schema.ts); the
 * environment-wide fields (names, subscriptions, regions, address space, tags) are its own. Cross-field rules
 * (capabilities, address plan) live in validate.ts and each layer's findings.
 */
import { z } from "zod";
import { accessSchema } from "../access/schema.ts";
import { clusterSchemaWith } from "../cluster/schema.ts";
import { dataSchema } from "../data/schema.ts";
import { apiManagementSchema, edgeSchema } from "../edge/schema.ts";
import { logAnalyticsSchema, managementGroupSchema } from "../foundation/schema.ts";
import { addonSettings, argocdSchema, gitopsSchema } from "../gitops/schema.ts";
import { hubSchema } from "../hub/schema.ts";
import { multicloudSchema } from "../multicloud/schema.ts";
import { SUBNET_KINDS } from "./schema-constants.ts";
import { cidr, guid, region, slug } from "./schema-fields.ts";

export const environmentSchema = z
  .strictObject({
    name: slug(8).meta({ description: "Environment name. Must match the file name. Used in every resource name." }),
    organization: slug(10).default("plugilo").meta({ description: "Organization segment of resource names." }),
    tenantId: guid.meta({ description: "Microsoft Entra tenant ID." }),
    managementGroup: managementGroupSchema.meta({ description: "The environment's management group." }),
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
      .array(clusterSchemaWith(addonSettings))
      .min(1, "at least one cluster is required")
      .meta({ description: "AKS clusters, at least one. Their order is the order of their address ranges: append only." }),
    data: dataSchema.meta({ description: "The data tier." }),
    access: accessSchema.meta({ description: "How administrators reach the private estate." }),
    apiManagement: apiManagementSchema.prefault({}).meta({ description: "API Management in the edge layer." }),
    edge: edgeSchema.prefault({}).meta({ description: "The edge layer: Front Door Premium and the Application Gateways." }),
    multicloud: multicloudSchema.meta({ description: "The VPN to AWS and Google Cloud." }),
    hub: hubSchema.prefault({}).meta({ description: "The hub layer: firewall policy, NAT egress, DNS." }),
    gitops: gitopsSchema.prefault({}).meta({ description: "Platform add-ons and runners rendered by `plugilo render`." }),
    argocd: argocdSchema.prefault({}).meta({ description: "The Argo CD bootstrap of every cluster." }),
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
    logAnalytics: logAnalyticsSchema.default({ retentionDays: 30 }).meta({ description: "Log Analytics retention in days." }),
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
