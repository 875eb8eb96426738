/** The GitOps part of the environment schema: add-on flags and Helm values, runners, the Argo CD bootstrap. */
import { z } from "zod";
import { guid, slug } from "../core/schema-fields.ts";
import { ADDON_NAMES } from "./addon-catalogue.ts";

/**
 * GitOps (packages/model/src/gitops/gitops.ts, docs/adr/0052): one flag and Helm values per add-on, in
 * gitops.addons (environment layer) and clusters[].addons (cluster layer). Values are keyed by Helm release.
 */
export const addonSettings = z.partialRecord(
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

export const gitopsSchema = z.strictObject({
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
              name: slug(20).meta({
                description:
                  "Names the scale set `<organization>-<env>-<name>` (the label for `runs-on`) and its own namespace `arc-<name>`; not `system`.",
              }),
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

export const argocdSchema = z.strictObject({
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
});
