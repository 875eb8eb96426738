/**
 * What the bootstrap of an environment needs beyond the model: names of the state storage and the secrets
 * provider's vault (globally unique in Azure), the GitHub repository and the team that approves production,
 * and the networks allowed to reach the state. Defaults derive from the model; a stack sets the
 * `plugilo-bootstrap:*` config keys of Pulumi.<env>.yaml to override them (index.ts).
 */
import type { EnvironmentModel } from "@plugilo/model";

export interface BootstrapSettings {
  /** GitHub organization and repository of this code (the federated credentials' subject). */
  githubOwner: string;
  githubRepository: string;
  /** Slug of the GitHub team whose approval a production deployment needs. @default "platform-leads" */
  reviewerTeam: string;
  /** Azure region of the bootstrap resources. @default the environment's primary region */
  location: string;
  /** Storage account of the Pulumi state (3-24 lower-case letters and digits, globally unique). */
  stateAccountName: string;
  /** Key Vault of the secrets provider (3-24 characters, globally unique). */
  secretsVaultName: string;
  /**
   * Public ranges allowed to reach the state account and the vault (CIDR). Empty: the public endpoints take
   * any network and rely on Entra ID alone (GitHub-hosted runners have no fixed addresses). @default []
   */
  allowedIpRanges: string[];
}

export function defaultSettings(model: Pick<EnvironmentModel, "organization" | "name" | "regions">): BootstrapSettings {
  const compact = `${model.organization}${model.name}`.toLowerCase().replace(/[^a-z0-9]/g, "");
  return {
    githubOwner: model.organization,
    githubRepository: "platform",
    reviewerTeam: "platform-leads",
    location: model.regions.primary.name,
    stateAccountName: `st${compact.slice(0, 17)}state`,
    secretsVaultName: `kv-${model.organization}-${model.name}-pulumi`.slice(0, 24),
    allowedIpRanges: [],
  };
}

/** The two GitHub environments of an Azure environment, and the role of the identity each one gets. */
export function githubEnvironments(model: Pick<EnvironmentModel, "name">): { name: string; access: "deploy" | "read" }[] {
  return [
    { name: model.name, access: "deploy" },
    { name: `${model.name}-preview`, access: "read" },
  ];
}
