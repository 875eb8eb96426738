/**
 * Argo CD sign-in through Entra ID (OIDC, without Dex) and RBAC by Entra ID group; the local admin is off, so
 * the only way in is a person's Entra ID account (ADR 0036, docs/adr/0123).
 * Chart values (argo-cd 9.1.0, Argo CD v3.2.0): configs.cm.admin.enabled, configs.cm."oidc.config",
 * configs.rbac."policy.default" / "policy.csv" / scopes:
 * https://github.com/argoproj/argo-helm/blob/argo-cd-9.1.0/charts/argo-cd/values.yaml
 * Entra ID: https://argo-cd.readthedocs.io/en/stable/operator-manual/user-management/microsoft/
 * The client secret is `$argocd-sso:clientSecret`: the Secret argocd-sso (label app.kubernetes.io/part-of:
 * argocd), which External Secrets fills from Key Vault (packages/gitops/src/argocd-sso-secret.ts).
 */
import type { ClusterModel } from "@plugilo/model";

export const SSO_SECRET = "argocd-sso";

type Sso = ClusterModel["argocd"]["sso"];

export function oidcConfig(sso: Sso): string {
  return [
    "name: Entra ID",
    `issuer: ${sso.issuer}`,
    `clientID: ${sso.clientId}`,
    `clientSecret: $${SSO_SECRET}:clientSecret`,
    "requestedIDTokenClaims:",
    "  groups:",
    "    essential: true",
    "requestedScopes:",
    "  - openid",
    "  - profile",
    "  - email",
    "",
  ].join("\n");
}

/** Groups to roles; everyone else gets no role at all (policy.default empty). */
export function rbacPolicy(sso: Sso): string {
  return [
    `g, ${sso.adminGroupId}, role:admin`,
    ...(sso.readOnlyGroupId ? [`g, ${sso.readOnlyGroupId}, role:readonly`] : []),
    "",
  ].join("\n");
}

/** The chart values with SSO on and the local admin off, merged into `values`' configs. */
export function withSso(values: Record<string, unknown>, sso: Sso): Record<string, unknown> {
  const configs = (values.configs ?? {}) as { cm?: Record<string, unknown>; rbac?: Record<string, unknown> };
  return {
    ...values,
    configs: {
      ...configs,
      cm: {
        ...configs.cm,
        url: sso.url,
        "admin.enabled": false,
        "users.anonymous.enabled": false,
        "oidc.config": oidcConfig(sso),
      },
      rbac: { ...configs.rbac, "policy.default": "", "policy.csv": rbacPolicy(sso), scopes: "[groups]" },
    },
  };
}
