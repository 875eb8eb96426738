/**
 * TLS inspection (optional, off by default): the firewall policies read the intermediate CA certificate from
 * Key Vault with this user-assigned identity, which gets "Key Vault Secrets User" on that vault.
 * https://learn.microsoft.com/azure/firewall/premium-certificates
 */
import type { HubModel } from "@plugilo/model";
import { RoleAssignment } from "@pulumi/azure-native/authorization/index.js";
import { UserAssignedIdentity } from "@pulumi/azure-native/managedidentity/index.js";
import * as pulumi from "@pulumi/pulumi";

/** Built-in role "Key Vault Secrets User". https://learn.microsoft.com/azure/role-based-access-control/built-in-roles */
export const KEY_VAULT_SECRETS_USER = "4633458b-17de-408a-b874-0445c86b69e6";

export interface TlsInspectionIdentityArgs {
  /** The hub the identity lives in (the primary region's). */
  readonly hub: Pick<HubModel, "region" | "resourceGroup">;

  /** The vault holding the CA certificate; its subscription holds the role definition. */
  readonly keyVaultId: string;
  readonly identityName: string;
  /** The subscription of the role definition when keyVaultId names none (the Hub subscription). */
  readonly hubSubscriptionId: string;
  readonly tags: Record<string, string>;
}

export class TlsInspectionIdentity extends pulumi.ComponentResource {
  readonly identity: UserAssignedIdentity;

  constructor(name: string, args: TlsInspectionIdentityArgs, opts?: pulumi.ComponentResourceOptions) {
    super("plugilo:hub:TlsInspectionIdentity", name, {}, opts);
    const { hub, tags } = args;
    this.identity = new UserAssignedIdentity(
      args.identityName,
      { resourceGroupName: hub.resourceGroup, location: hub.region, resourceName: args.identityName, tags },
      { parent: this },
    );
    const vaultSubscription = args.keyVaultId.split("/")[2] ?? args.hubSubscriptionId;

    new RoleAssignment(
      `${args.identityName}-kv-secrets-user`,
      {
        scope: args.keyVaultId,
        principalId: this.identity.principalId,
        principalType: "ServicePrincipal",
        roleDefinitionId: `/subscriptions/${vaultSubscription}/providers/Microsoft.Authorization/roleDefinitions/${KEY_VAULT_SECRETS_USER}`,
      },
      { parent: this },
    );
    this.registerOutputs({ identityId: this.identity.id });
  }
}
