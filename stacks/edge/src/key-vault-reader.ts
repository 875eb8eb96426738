/**
 * A user-assigned identity that may read only the named secrets of the environment's Key Vault ("Key Vault
 * Secrets User" assigned at each secret's scope, `<vault>/secrets/<name>`, never on the vault): the
 * Application Gateway reads its listener and backend CA certificates with it, API Management its Key Vault
 * named values. A certificate's secret has the certificate's name, so the same scope covers it.
 * A user-assigned identity exists before the service that uses it, so the role assignments are in place when
 * the service first reads the vault. A secret-scope assignment needs the secret to exist; so does the service
 * that reads it: the certificates and named-value secrets are put in the vault before the edge stack.
 * https://learn.microsoft.com/azure/key-vault/general/rbac-guide (secret scope role assignment)
 * https://learn.microsoft.com/azure/application-gateway/key-vault-certs
 * https://learn.microsoft.com/azure/api-management/api-management-howto-properties
 */
import type { EdgeModel } from "@plugilo/model";
import { RoleAssignment } from "@pulumi/azure-native/authorization/index.js";
import { UserAssignedIdentity } from "@pulumi/azure-native/managedidentity/index.js";
import * as pulumi from "@pulumi/pulumi";

/** Built-in role "Key Vault Secrets User". https://learn.microsoft.com/azure/role-based-access-control/built-in-roles */
export const KEY_VAULT_SECRETS_USER = "4633458b-17de-408a-b874-0445c86b69e6";

/** The secret's name in a Key Vault secret URI (`https://<vault>.vault.azure.net/secrets/<name>[/<version>]`). */
export function secretNameOf(secretUri: string, vaultUri: string): string {
  const base = vaultUri.endsWith("/") ? vaultUri : `${vaultUri}/`;
  const match = secretUri.startsWith(`${base}secrets/`)
    ? /^([0-9A-Za-z-]{1,127})(\/[0-9a-f]{32})?$/.exec(secretUri.slice(`${base}secrets/`.length))
    : null;
  if (!match?.[1]) throw new Error(`${secretUri} is not a secret of the vault ${vaultUri}`);
  return match[1];
}

export interface KeyVaultReaderArgs {
  /** The environment's Key Vault: its ID, URI and subscription (where the role is defined). */
  readonly vault: EdgeModel["keyVault"];
  readonly identityName: string;
  readonly resourceGroup: string;
  readonly location: string;
  /** The secret URIs this identity reads; it gets a role on each of them and on nothing else. */
  readonly secretUris: readonly string[];
  readonly tags: Record<string, string>;
}

export class KeyVaultReader extends pulumi.ComponentResource {
  readonly identity: UserAssignedIdentity;
  readonly roleAssignments: RoleAssignment[];

  constructor(name: string, args: KeyVaultReaderArgs, opts?: pulumi.ComponentResourceOptions) {
    super("plugilo:edge:KeyVaultReader", name, {}, opts);
    const { vault, tags } = args;

    this.identity = new UserAssignedIdentity(
      args.identityName,
      { resourceGroupName: args.resourceGroup, location: args.location, resourceName: args.identityName, tags },
      { parent: this },
    );
    const secrets = [...new Set(args.secretUris.map((uri) => secretNameOf(uri, vault.uri)))].sort();
    // The vault lives in the Data Platform subscription (shared layer): the role is defined there.
    this.roleAssignments = secrets.map(
      (secret) =>
        new RoleAssignment(
          `${args.identityName}-kv-secret-${secret}`,
          {
            scope: `${vault.id}/secrets/${secret}`,
            principalId: this.identity.principalId,
            principalType: "ServicePrincipal",
            roleDefinitionId: `/subscriptions/${vault.subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${KEY_VAULT_SECRETS_USER}`,
          },
          { parent: this },
        ),
    );
    this.registerOutputs({ identityId: this.identity.id });
  }
}
