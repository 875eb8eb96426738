/** The firewall policy every regional hub firewall shares, assembled from what each layer needs to reach. */
import type { EastWestRuleModel } from "../core/resources.ts";
import type { GitopsSourcesModel } from "../gitops/gitops-sources.ts";
import type { IdpsMode } from "../hub/schema.ts";
import type { AvdFirewallModel } from "./avd-firewall.ts";

export type TlsInspectionModel =
  | { enabled: false }
  | { enabled: true; keyVaultId: string; caCertificateSecretId: string; identityName: string };

/** Settings every regional firewall policy shares. */
export interface FirewallPolicyModel {
  tier: "Premium";
  threatIntelMode: "Deny";
  dnsProxy: true;
  idpsMode: IdpsMode;
  /** The ranges IDPS treats as internal: every routable range of the environment, set explicitly. */
  idpsPrivateRanges: string[];
  tlsInspection: TlsInspectionModel;
  packageSources: string[];
  outboundFqdns: string[];
  /** Network rules from the clusters to the data private endpoints. */
  dataAccess: EastWestRuleModel[];
  sharedServicesAccess: EastWestRuleModel[];
  /** API Management's outbound dependencies (service tags) from its integrated subnet (apim-dependencies.ts). */
  apimDependencies: EastWestRuleModel[];
  /** Azure Virtual Desktop egress and admin access (access.ts); undefined unless access.mode is avd. */
  avd: AvdFirewallModel | undefined;
  /** The clusters -> chart repositories, image registries and the GitOps repository (gitops-sources.ts). */
  gitopsSources: GitopsSourcesModel;
}
