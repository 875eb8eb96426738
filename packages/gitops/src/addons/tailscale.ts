/**
 * The Tailscale Kubernetes operator: non-production access (access.mode tailscale, docs/adr/0006). Its OAuth
 * client comes from Key Vault; a Connector makes both clusters subnet routers for the environment's address
 * space (two routers for one route: Tailscale fails over between them), and the API server proxy gives
 * kubectl over the tailnet. The proxy impersonates the Kubernetes group the tailnet policy grants
 * (packages/model/src/access/tailnet-policy.ts); each group is bound here to its one ClusterRole.
 */

import { TAILNET_GROUPS } from "@plugilo/model";
import { ClusterRoleBinding } from "kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRoleBinding";
import type { AddonDefinition } from "../addon.ts";
import { CHARTS } from "../charts.ts";
import { keyVaultSecret } from "../external-secret.ts";
import { CustomResource } from "../kube-object.ts";

export const TAILSCALE_NAMESPACE = "tailscale";

export const tailscale: AddonDefinition = {
  name: "tailscale",
  releases: (ctx) => [
    {
      name: "tailscale-operator",
      valuesKey: "tailscale-operator",
      namespace: TAILSCALE_NAMESPACE,
      chart: CHARTS.tailscaleOperator,
      after: ["tailscale-oauth"],
      values: {
        // No client in values: the chart then mounts the operator-oauth Secret (synced from Key Vault).
        oauth: { clientId: "", clientSecret: "" },
        operatorConfig: {
          hostname: `${ctx.model.organization}-${ctx.model.name}-${ctx.cluster.name}-operator`,
          defaultTags: ["tag:k8s-operator"],
        },
        apiServerProxyConfig: { mode: "true" },
      },
      serverSideApply: true,
    },
  ],
  manifests: (ctx) => [
    {
      name: "tailscale-oauth",
      after: ["external-secrets-store"],
      objects: [
        keyVaultSecret({
          name: "operator-oauth",
          namespace: TAILSCALE_NAMESPACE,
          data: { client_id: "tailscale-oauth-client-id", client_secret: "tailscale-oauth-client-secret" },
        }),
      ],
    },
    {
      name: "tailscale-rbac",
      after: ["tailscale-operator"],
      objects: TAILNET_GROUPS.map(
        (g) =>
          new ClusterRoleBinding({
            metadata: { name: `tailnet-${g.kubernetesGroup.split(":")[1]}` },
            roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: g.clusterRole },
            subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: g.kubernetesGroup }],
          }),
      ),
    },
    {
      name: "tailscale-routes",
      after: ["tailscale-operator"],
      objects: [
        new CustomResource({
          apiVersion: "tailscale.com/v1alpha1",
          kind: "Connector",
          metadata: { name: "environment-routes" },
          spec: {
            hostname: `${ctx.model.organization}-${ctx.model.name}-${ctx.cluster.name}-router`,
            subnetRouter: { advertiseRoutes: [ctx.model.addressPlan.space] },
            tags: ["tag:k8s"],
          },
        }),
      ],
    },
  ],
};
