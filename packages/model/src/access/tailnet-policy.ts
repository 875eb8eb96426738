/**
 * The Tailscale policy (ACL) of a non-production environment (access.mode tailscale), as data: the access
 * layer applies it with @pulumi/tailscale, the tailscale add-on binds the Kubernetes groups it impersonates.
 * - tag owners: the operator's OAuth client owns tag:k8s-operator, the operator owns tag:k8s (the devices it
 *   creates: the Connector's subnet routers);
 * - grants by group only, never `*`: each group reaches the API server proxy (the operator's device, tcp:443)
 *   and is impersonated there as a Kubernetes group bound to one ClusterRole; platform admins also reach the
 *   environment's address space on tcp:443 through the subnet routers;
 * - auto-approvers: the environment's address space, advertised by tag:k8s, is approved without a click.
 * https://tailscale.com/kb/1236/kubernetes-operator
 * https://tailscale.com/kb/1437/kubernetes-operator-api-server-proxy
 * https://tailscale.com/kb/1324/grants
 * https://tailscale.com/kb/1337/policy-syntax#autoapprovers
 */
import type { EnvironmentModel } from "../core/model.ts";

export const TAILSCALE_OPERATOR_TAG = "tag:k8s-operator";
export const TAILSCALE_DEVICE_TAG = "tag:k8s";

export interface TailnetGroupAccess {
  /** The tailnet group (its members are set per environment in the access stack's config). */
  group: string;
  /** The Kubernetes group the API server proxy impersonates for its members. */
  kubernetesGroup: string;
  /** The built-in ClusterRole that group is bound to in every cluster. */
  clusterRole: "cluster-admin" | "view";
  /** Ports in the environment's address space, through the subnet routers. */
  networkPorts: string[];
}

export const TAILNET_GROUPS: readonly TailnetGroupAccess[] = [
  {
    group: "group:platform-admins",
    kubernetesGroup: "tailnet:platform-admins",
    clusterRole: "cluster-admin",
    networkPorts: ["tcp:443"],
  },
  { group: "group:developers", kubernetesGroup: "tailnet:developers", clusterRole: "view", networkPorts: [] },
];

export interface TailnetPolicy {
  tagOwners: Record<string, string[]>;
  groups: Record<string, string[]>;
  grants: { src: string[]; dst: string[]; ip: string[]; app?: Record<string, unknown[]> }[];
  autoApprovers: { routes: Record<string, string[]> };
}

export function tailnetPolicy(model: EnvironmentModel, members: Record<string, string[]> = {}): TailnetPolicy {
  const grants: TailnetPolicy["grants"] = [];
  for (const g of TAILNET_GROUPS) {
    grants.push({
      src: [g.group],
      dst: [TAILSCALE_OPERATOR_TAG],
      ip: ["tcp:443"],
      app: { "tailscale.com/cap/kubernetes": [{ impersonate: { groups: [g.kubernetesGroup] } }] },
    });
    if (g.networkPorts.length) grants.push({ src: [g.group], dst: [model.addressPlan.space], ip: [...g.networkPorts] });
  }
  return {
    tagOwners: { [TAILSCALE_OPERATOR_TAG]: [], [TAILSCALE_DEVICE_TAG]: [TAILSCALE_OPERATOR_TAG] },
    groups: Object.fromEntries(TAILNET_GROUPS.map((g) => [g.group, [...(members[g.group] ?? [])]])),
    grants,
    autoApprovers: { routes: { [model.addressPlan.space]: [TAILSCALE_DEVICE_TAG] } },
  };
}
