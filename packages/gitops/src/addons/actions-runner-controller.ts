/**
 * GitHub Actions Runner Controller and its runner scale sets: the design's self-hosted runners in AKS.
 * The GitHub App's credentials come from Key Vault (a pre-defined Secret, the chart's "variation C"). Each scale
 * set registers for one repository (githubConfigUrl https://github.com/<org>/<repo>, docs/adr/0122); only the
 * build sets push images, each with its own workload identity (`ghr-<set>`, which may push only to its
 * service's repositories, docs/adr/0135), whose ServiceAccount the cluster stack makes.
 * Each scale set is released into a namespace of its own (`arc-<set>`, packages/model/src/gitops/runner-scale-sets.ts,
 * docs/adr/0139): the chart renders the AutoscalingRunnerSet, the runner pods' ServiceAccount and the manager
 * Role and RoleBinding in the release's namespace (values.yaml 431-432 `namespaceOverride`, default
 * `.Release.Namespace`), and reads the pre-defined GitHub App secret from that namespace (values.yaml 33-35),
 * so each namespace gets its own copy from Key Vault. The controller watches every namespace: its chart's
 * `flags.watchSingleNamespace` stays unset ("Defaults to watch all namespaces when unset",
 * gha-runner-scale-set-controller values.yaml 109-111), and each set names the controller's ServiceAccount
 * (`controllerServiceAccount`, values.yaml 421-429) for the manager RoleBinding in its namespace.
 * No containerMode is set, so the chart renders no kubernetes-mode Role (kube_mode_role.yaml): no RoleBinding
 * lets a runner create pods, in its namespace or another's. Build sets alone get one Role in their own namespace,
 * bound to their own runner ServiceAccount only: what the Buildx kubernetes driver needs to run its BuildKit
 * Deployment there and exec into its pods (model: BUILDX_KUBERNETES_DRIVER_RULES, docs/adr/0139). The cluster
 * stack makes that namespace and ServiceAccount before Argo CD syncs, so the binding can name it.
 * Runners run as ordinary, non-privileged pods (no Docker-in-Docker): image builds use a daemonless builder.
 * Chart values: https://github.com/actions/actions-runner-controller/blob/gha-runner-scale-set-0.14.2/charts/gha-runner-scale-set/values.yaml
 */
import type { HelmValues, RunnerScaleSetModel } from "@plugilo/model";
import { Role } from "kubernetes-models/rbac.authorization.k8s.io/v1/Role";
import { RoleBinding } from "kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding";
import type { AddonDefinition, HelmRelease } from "../addon.ts";
import { CHARTS } from "../charts.ts";
import { keyVaultSecret } from "../external-secret.ts";
import type { KubeObject } from "../kube-object.ts";
import { mergeValues } from "../values.ts";
import { WORKLOAD_IDENTITY_USE } from "../workload-identity.ts";

export const ARC_SYSTEM_NAMESPACE = "arc-system";
const BUILDER_RBAC = "arc-builder-rbac";
const GITHUB_APP_SECRET = "github-app";
/** ghcr.io/actions/actions-runner at the RUNNER_VERSION of actions-runner-controller's Makefile (2026). */
export const RUNNER_IMAGE = "ghcr.io/actions/actions-runner:2.335.1";

export const actionsRunnerController: AddonDefinition = {
  name: "actions-runner-controller",
  releases: (ctx) => {
    return [
      {
        name: "arc-controller",
        valuesKey: "arc-controller",
        namespace: ARC_SYSTEM_NAMESPACE,
        chart: CHARTS.arcController,
        after: [],
        values: { fullnameOverride: "arc-controller" },
        serverSideApply: true,
      },
      ...ctx.model.gitops.runnerScaleSets.map(
        (set): HelmRelease => ({
          name: set.name,
          valuesKey: "arc-runners",
          namespace: set.namespace,
          chart: CHARTS.arcRunnerScaleSet,
          after: ["arc-controller", "arc-github-app", ...(set.builderAccess ? [BUILDER_RBAC] : [])],
          values: {
            githubConfigUrl: set.githubConfigUrl,
            // Production's deploy set: an organization runner group limited to the deploy workflow on main
            // (docs/adr/0137); the chart registers the set into it (values.yaml `runnerGroup`).
            ...(set.runnerGroup ? { runnerGroup: set.runnerGroup.name } : {}),
            githubConfigSecret: GITHUB_APP_SECRET,
            runnerScaleSetName: set.runnerScaleSetName,
            minRunners: set.minRunners,
            maxRunners: set.maxRunners,
            controllerServiceAccount: { namespace: ARC_SYSTEM_NAMESPACE, name: "arc-controller" },
            template: {
              spec: {
                // Set by workloadIdentity below: the identity's ServiceAccount.
                securityContext: { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } },
                containers: [
                  {
                    name: "runner",
                    image: RUNNER_IMAGE,
                    command: ["/home/runner/run.sh"],
                    resources: { requests: { cpu: "1", memory: "2Gi" }, limits: { memory: "4Gi" } },
                    securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } },
                  },
                ],
              },
            },
          },
          // Only build sets push images: deploy and preview jobs log in with GitHub OIDC, their pods have no Azure identity.
          ...(set.identityKey
            ? {
                workloadIdentity: {
                  key: set.identityKey,
                  apply: (v: HelmValues, sa: string) =>
                    mergeValues(v, {
                      template: { metadata: { labels: { [WORKLOAD_IDENTITY_USE]: "true" } }, spec: { serviceAccountName: sa } },
                    }),
                },
              }
            : {}),
        }),
      ),
    ];
  },
  manifests: (ctx) => [
    {
      name: "arc-github-app",
      after: ["external-secrets-store"],
      // The chart reads the pre-defined secret from the set's own namespace: one copy per set.
      objects: ctx.model.gitops.runnerScaleSets.map((set) =>
        keyVaultSecret({
          name: GITHUB_APP_SECRET,
          namespace: set.namespace,
          data: {
            github_app_id: "github-arc-app-id",
            github_app_installation_id: "github-arc-app-installation-id",
            github_app_private_key: "github-arc-app-private-key",
          },
        }),
      ),
    },
    ...(ctx.model.gitops.runnerScaleSets.some((s) => s.builderAccess)
      ? [{ name: BUILDER_RBAC, after: [], objects: ctx.model.gitops.runnerScaleSets.flatMap(builderRbac) }]
      : []),
  ],
};

/** A build set's Role and RoleBinding, both in its own namespace; nothing for deploy and preview sets. */
function builderRbac(set: RunnerScaleSetModel): KubeObject[] {
  const access = set.builderAccess;
  if (!access) return [];
  const metadata = { name: access.role, namespace: set.namespace };
  return [
    new Role({ metadata, rules: access.rules.map((r) => ({ ...r })) }),
    new RoleBinding({
      metadata,
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: access.role },
      subjects: [{ kind: "ServiceAccount", name: access.serviceAccount, namespace: set.namespace }],
    }),
  ];
}
