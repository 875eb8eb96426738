/**
 * Azure workload identity in the manifests (docs/adr/0053). The client ID is a value Azure invents: the
 * cluster stack creates each identity's ServiceAccount with the `azure.workload.identity/client-id`
 * annotation (packages/model/src/cluster/cluster-identities.ts). Manifests here only name that ServiceAccount and
 * label the pods that use it, so the webhook injects the federated token.
 * https://learn.microsoft.com/azure/aks/workload-identity-overview
 */
export const WORKLOAD_IDENTITY_USE = "azure.workload.identity/use";
export const WORKLOAD_IDENTITY_CLIENT_ID = "azure.workload.identity/client-id";
