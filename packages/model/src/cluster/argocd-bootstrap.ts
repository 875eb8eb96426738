/** The Argo CD bootstrap of every cluster (docs/adr/0036): the pinned chart, the root Application and its project, sign-in through Entra ID. */
import type { ClusterConfig, EnvironmentConfig } from "../core/schema.ts";

export interface ArgoCdBootstrapModel {
  namespace: "argocd";
  chart: { name: "argo-cd"; repository: string; version: string };
  ha: boolean;
  repoUrl: string;
  targetRevision: string;
  /** The folder of this repository the root Application syncs: deploy/<env>/<cluster>. */
  path: string;
  rootApplicationName: string;
  /** The restricted AppProject of the root Application (stacks/cluster/src/root-app-project.ts). */
  rootProject: string;
  sso: { issuer: string; clientId: string; adminGroupId: string; readOnlyGroupId?: string; url: string };
}

/** argo-cd chart of https://github.com/argoproj/argo-helm, pinned (Argo CD 3.x). Bump deliberately. */
export const ARGO_CD_CHART_VERSION = "9.1.0";

export const ARGO_CD_CHART_REPOSITORY = "https://argoproj.github.io/argo-helm";

/** The Argo CD bootstrap of one cluster: the chart the cluster stack installs, the root Application, SSO. */
export function resolveArgoCdBootstrap(config: EnvironmentConfig, c: ClusterConfig): ArgoCdBootstrapModel {
  const env = config.name;
  const prod = env === "prod";
  return {
    namespace: "argocd",
    chart: { name: "argo-cd", repository: ARGO_CD_CHART_REPOSITORY, version: ARGO_CD_CHART_VERSION },
    ha: config.argocd.ha ?? prod,
    repoUrl: config.argocd.repoUrl,
    targetRevision: config.argocd.targetRevision,
    path: `deploy/${env}/${c.name}`,
    rootApplicationName: `root-${c.name}`,
    rootProject: "root",
    sso: {
      // Entra ID's v2.0 issuer: https://learn.microsoft.com/entra/identity-platform/v2-protocols-oidc
      issuer: `https://login.microsoftonline.com/${config.tenantId}/v2.0`,
      clientId: config.argocd.sso.clientId,
      adminGroupId: config.argocd.sso.adminGroupId,
      ...(config.argocd.sso.readOnlyGroupId ? { readOnlyGroupId: config.argocd.sso.readOnlyGroupId } : {}),
      url: config.argocd.sso.url ?? `https://argocd.${c.name}.${env}.internal`,
    },
  };
}
