/** The firewall policy every regional hub firewall shares: its settings, and the rules assembled from what each layer must reach. */
import { type PartsOf, resourceName } from "../core/naming.ts";
import { type Reservation, routableRanges, type VnetModel } from "../core/resources.ts";
import type { EnvironmentConfig } from "../core/schema.ts";
import { dataAccessRules } from "../data/access-rules.ts";
import { apimDependencyRules } from "../edge/apim-dependencies.ts";
import { resolveGitopsSources } from "../gitops/gitops-sources.ts";
import { sharedServiceAccessRules } from "../shared/shared-services.ts";
import { avdFirewallRules } from "./avd-firewall.ts";
import type { FirewallPolicyModel } from "./types.ts";

export function resolveFirewallPolicy(
  config: EnvironmentConfig,
  reservations: readonly Reservation[],
  parts: PartsOf,
  vnets: readonly VnetModel[] = [],
): FirewallPolicyModel {
  const tls = config.hub.tlsInspection;
  return {
    tier: "Premium",
    threatIntelMode: "Deny",
    dnsProxy: true,
    idpsMode: config.hub.idpsMode,
    // IDPS classifies traffic as internal or external by these ranges; the defaults (RFC 1918 only) miss
    // the tailnet and would misjudge the Application Gateway path. AZURE-FACTS, docs/adr/0013.
    idpsPrivateRanges: routableRanges(reservations),
    tlsInspection:
      tls.enabled && tls.keyVaultId && tls.caCertificateSecretId
        ? {
            enabled: true,
            keyVaultId: tls.keyVaultId,
            caCertificateSecretId: tls.caCertificateSecretId,
            identityName: resourceName("managedIdentity", parts("hub", config.regions.primary, "afwp")),
          }
        : { enabled: false },
    packageSources: [...config.hub.packageSources],
    outboundFqdns: [...config.hub.outboundFqdns],
    // East-west: the clusters to the data private endpoints (data.ts).
    dataAccess: dataAccessRules(config, vnets),
    // East-west: clusters and edge to the Key Vault and registry private endpoints (shared-services.ts).
    sharedServicesAccess: sharedServiceAccessRules(config, vnets),
    apimDependencies: apimDependencyRules(vnets),
    // Azure Virtual Desktop: the session hosts' egress and the admins' reach (access.ts).
    avd: avdFirewallRules(config, vnets),
    // GitOps: chart repositories, image registries and this repository, from the add-on flags (gitops-sources.ts).
    gitopsSources: resolveGitopsSources(config, vnets),
  };
}
