/** Built-in role definition IDs (the same GUID in every subscription). */
export const BUILTIN_ROLES = {
  AcrPull: "7f951dda-4ed3-4680-a7ca-43fe172d538d",
  AcrPush: "8311e382-0749-4cb8-b61a-304f252e45ec",
  "Network Contributor": "4d97b98b-1d4f-4787-a291-c67834d212e7",
  "Private DNS Zone Contributor": "b12aa53e-6015-4669-85d0-8515ebb3ae7f",
  "DNS Zone Contributor": "befefa01-2a29-4197-83a8-272ff33ce314",
  "Managed Identity Operator": "f1a07417-d97a-45cb-824c-7a7467783830",
  "Key Vault Crypto User": "12338af0-0e69-4776-bea7-57ae8d297424",
  "Key Vault Secrets User": "4633458b-17de-408a-b874-0445c86b69e6",
  "Key Vault Contributor": "f25e0fa2-a7c8-4377-a976-54943a77a395",
  // ABAC-enabled registry roles (registry-permissions.ts).
  "Container Registry Repository Reader": "b93aa761-3e63-49ed-ac28-beffa264f7ac",
  "Container Registry Repository Writer": "2a1e307c-b015-4ebd-883e-5b7698a07328",
} as const;
export type BuiltinRole = keyof typeof BUILTIN_ROLES;

/** The full role definition ID, in the subscription of the scope it is assigned at. */
export function roleDefinitionId(role: BuiltinRole, scope: string): string {
  const subscription = /^\/subscriptions\/([^/]+)/i.exec(scope)?.[1];
  if (!subscription) throw new Error(`role scope ${scope} is not under a subscription`);
  return `/subscriptions/${subscription}/providers/Microsoft.Authorization/roleDefinitions/${BUILTIN_ROLES[role]}`;
}
