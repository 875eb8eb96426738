/**
 * A user-assigned identity that may read secrets and certificates of the environment's Key Vault ("Key Vault
 * Secrets User"): the Application Gateway reads its listener certificate with it, API Management its named
 * values. A user-assigned identity exists before the service that uses it, so the role assignment is in
 * place when the service first reads the vault.
 * https://learn.microsoft.com/azure/application-gateway/key-vault-certs
 * https://learn.microsoft.com/azure/api-management/api-management-howto-properties
 */
import type { EnvironmentModel } from "@plugilo/model";
import { RoleAssignment } from "@pulumi/azure-native/authorization/index.js";
import { UserAssignedIdentity } from "@pulumi/azure-native/managedidentity/index.js";
import * as pulumi from "@pulumi/pulumi";

/** Built-in role "Key Vault Secrets User". https://learn.microsoft.com/azure/role-based-access-control/built-in-roles */
export const KEY_VAULT_SECRETS_USER = "4633458b-17de-408a-b874-0445c86b69e6";

export interface KeyVaultReaderArgs {
  model: EnvironmentModel;
  identityName: string;
  resourceGroup: string;
  location: string;
  tags: Record<string, string>;
}

export class KeyVaultReader extends pulumi.ComponentResource {
  readonly identity: UserAssignedIdentity;
  readonly roleAssignment: RoleAssignment;

  constructor(name: string, args: KeyVaultReaderArgs, opts?: pulumi.ComponentResourceOptions) {
    super("plugilo:edge:KeyVaultReader", name, {}, opts);
    const { model, tags } = args;
    const vault = model.edge.keyVault;
    this.identity = new UserAssignedIdentity(
      args.identityName,
      { resourceGroupName: args.resourceGroup, location: args.location, resourceName: args.identityName, tags },
      { parent: this },
    );
    // The vault lives in the Data Platform subscription (shared layer): the role is defined there.
    this.roleAssignment = new RoleAssignment(
      `${args.identityName}-kv-secrets-user`,
      {
        scope: vault.id,
        principalId: this.identity.principalId,
        principalType: "ServicePrincipal",
        roleDefinitionId: `/subscriptions/${vault.subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${KEY_VAULT_SECRETS_USER}`,
      },
      { parent: this },
    );
    this.registerOutputs({ identityId: this.identity.id });
  }
}
