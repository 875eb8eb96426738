/** The hub part of the environment schema: firewall policy, NAT egress, DNS. */
import { z } from "zod";
import { dnsZoneName, fqdn } from "../core/schema-fields.ts";

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
export const hubSchema = z.strictObject({
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
