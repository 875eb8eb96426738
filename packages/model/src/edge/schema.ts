/** The edge part of the environment schema: Front Door, the Application Gateways, API Management. */
import { z } from "zod";
import { dnsZoneName, keyVaultObjectName, region, slug } from "../core/schema-fields.ts";

export const WAF_MODES = ["Prevention", "Detection"] as const;

export const wafMode = z.enum(WAF_MODES, { error: 'must be "Prevention" (blocks) or "Detection" (logs only)' });

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
export const edgeSchema = z.strictObject({
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

export const apiManagementSchema = z.strictObject({
  tier: z.enum(["Developer", "BasicV2", "StandardV2", "PremiumV2", "Premium"]).default("StandardV2").meta({
    description:
      "`StandardV2`, the only tier the edge builds (inbound private endpoint and outbound VNet integration). `PremiumV2` (Front Door cannot reach it over Private Link), `BasicV2` (no private endpoint, no VNet integration), `Developer` and `Premium` (classic: VNet injection excludes the private endpoint) are rejected with their reason. ADR 0021",
  }),
  region: region.default("germanywestcentral").meta({
    description: "v2 tiers are not offered in germanynorth. The API Management subnets are placed in this region's edge spoke.",
  }),
  capacity: z.int().min(1).max(10, "Standard v2 scales to 10 units").default(1).meta({ description: "Standard v2 scale units." }),
  publisherEmail: z
    .email({ error: "must be an e-mail address" })
    .optional()
    .meta({ description: "Publisher e-mail shown in the developer portal and notifications. Default: `tags.owner`." }),
  publisherName: z.string().min(1).default("Plugilo"),
  tokenAudience: z.string().min(1).optional().meta({
    description: "Audience of the Microsoft Entra ID tokens the global policy accepts. Default: `api://<organization>-<env>`.",
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
});

export type WafMode = "Prevention" | "Detection";
