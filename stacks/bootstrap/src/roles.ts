/**
 * Built-in Azure roles the bootstrap assigns, by their fixed IDs.
 * https://learn.microsoft.com/azure/role-based-access-control/built-in-roles
 */
export const ROLES = {
  Owner: "8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
  Reader: "acdd72a7-3385-48ef-bd42-f606fba81ae7",
  "Management Group Contributor": "5d58bcaf-24a5-4b20-bdb6-eed9f69fbe4c",
  "Management Group Reader": "ac63b705-f282-497d-ac71-919bf39d939d",
  "Storage Blob Data Contributor": "ba92f5b4-2d11-453d-a403-e96b0029c9fe",
  "Key Vault Crypto User": "12338af0-0e69-4776-bea7-57ae8d297424",
  "Azure Kubernetes Service RBAC Cluster Admin": "b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b",
  "Azure Kubernetes Service RBAC Reader": "7f6c6a51-bcf8-42ba-9220-52d62157d7db",
} as const;

export type RoleName = keyof typeof ROLES;

/**
 * The role definition ID for a scope: under a subscription the subscription's form, at a management group
 * the tenant-level form (a subscription-scoped definition ID is rejected there).
 */
export function roleDefinitionFor(role: RoleName, scope: string): string {
  const subscription = /^\/subscriptions\/([^/]+)/i.exec(scope)?.[1];
  return subscription
    ? `/subscriptions/${subscription}/providers/Microsoft.Authorization/roleDefinitions/${ROLES[role]}`
    : `/providers/Microsoft.Authorization/roleDefinitions/${ROLES[role]}`;
}
