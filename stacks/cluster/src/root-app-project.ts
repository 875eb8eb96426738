/**
 * The AppProject of the root Application: it may read only the platform repository and create, cluster-wide,
 * only the kinds the cluster folder holds (the GitOps renderer's output), instead of the unrestricted `default`
 * project. The platform and services AppProjects it syncs narrow further (packages/gitops/src/argo-application.ts).
 * https://argo-cd.readthedocs.io/en/stable/user-guide/projects/
 */
import type { ClusterModel } from "@plugilo/model";

/**
 * Cluster-scoped kinds the cluster folder renders: namespaces, Node Auto Provisioning, stores, issuers, Tailscale
 * (its Connector, and the ClusterRoleBindings of the tailnet groups, packages/gitops/src/addons/tailscale.ts).
 */
export const ROOT_CLUSTER_KINDS = [
  { group: "", kind: "Namespace" },
  { group: "karpenter.sh", kind: "NodePool" },
  { group: "karpenter.azure.com", kind: "AKSNodeClass" },
  { group: "external-secrets.io", kind: "ClusterSecretStore" },
  { group: "cert-manager.io", kind: "ClusterIssuer" },
  { group: "tailscale.com", kind: "Connector" },
  { group: "rbac.authorization.k8s.io", kind: "ClusterRoleBinding" },
] as const;

export function rootAppProjectSpec(cluster: ClusterModel): Record<string, unknown> {
  const a = cluster.argocd;
  return {
    description: "The root Application: deploy/<env>/<cluster> of the platform repository",
    sourceRepos: [a.repoUrl],
    destinations: [{ server: "https://kubernetes.default.svc", namespace: "*" }],
    clusterResourceWhitelist: ROOT_CLUSTER_KINDS.map((k) => ({ ...k })),
    // Only the root Application may use this project.
    sourceNamespaces: [],
  };
}
