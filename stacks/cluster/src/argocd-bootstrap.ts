/**
 * Argo CD in the cluster, and the one root Application that hands the cluster over to GitOps: it syncs this
 * repository's deploy/<env>/<cluster> folder, which the GitOps renderer fills with everything else (add-ons,
 * NodePools, services). Each cluster runs its own Argo CD against its own folder: the two active-active
 * clusters reconcile the same manifests independently, and neither depends on the other.
 * The chart is pinned (packages/model/src/cluster/cluster-settings.ts); production runs it highly available.
 * https://argo-cd.readthedocs.io/en/stable/operator-manual/cluster-bootstrapping/
 * https://github.com/argoproj/argo-helm/tree/main/charts/argo-cd#high-availability
 */
import type { ClusterModel } from "@plugilo/model";
import { CustomResource } from "@pulumi/kubernetes/apiextensions/index.js";
import { Namespace, Secret } from "@pulumi/kubernetes/core/v1/index.js";
// The Release module itself: the helm/v3 index also loads the Chart class and, with it, the yaml/ module and its globbing.
import { Release } from "@pulumi/kubernetes/helm/v3/release.js";
import type { Provider } from "@pulumi/kubernetes/provider.js";
import * as pulumi from "@pulumi/pulumi";
import { withSso } from "./argocd-sso.ts";
import { rootAppProjectSpec } from "./root-app-project.ts";
import { MANAGED_BY_LABEL } from "./workload-service-accounts.ts";

/** A GitHub App that may read the repository, when it is private (Pulumi config, the key as a secret). */
export interface RepositoryCredential {
  githubAppId: string;
  githubAppInstallationId: string;
  githubAppPrivateKey: pulumi.Input<string>;
}

export interface ArgoCdBootstrapArgs {
  cluster: ClusterModel;
  kubernetes: Provider;
  repositoryCredential?: RepositoryCredential;
}

/**
 * Health of an Application as its own status says. Argo CD dropped this check in 1.8; without it a parent
 * app-of-apps counts a child Application healthy as soon as it exists, and sync waves of add-ons do not
 * wait for the previous wave to be healthy.
 * https://argo-cd.readthedocs.io/en/stable/operator-manual/health/#argocd-app
 */
export const APPLICATION_HEALTH_LUA = `hs = {}
hs.status = "Progressing"
hs.message = ""
if obj.status ~= nil then
  if obj.status.health ~= nil then
    hs.status = obj.status.health.status
    if obj.status.health.message ~= nil then
      hs.message = obj.status.health.message
    end
  end
end
return hs
`;

/** Chart values: no Dex (Entra ID OIDC directly: argocd-sso.ts), replicas and Redis HA when highly available. */
export function argoCdValues(ha: boolean): Record<string, unknown> {
  const replicated = (replicas: number) => ({ replicas, pdb: { enabled: true } });
  return {
    dex: { enabled: false },
    configs: { cm: { "resource.customizations.health.argoproj.io_Application": APPLICATION_HEALTH_LUA } },
    ...(ha
      ? {
          "redis-ha": { enabled: true },
          controller: { replicas: 1 },
          server: replicated(2),
          repoServer: replicated(2),
          applicationSet: { replicas: 2 },
        }
      : {}),
  };
}

export class ArgoCdBootstrap extends pulumi.ComponentResource {
  readonly release: Release;
  readonly rootApplication: CustomResource;

  constructor(name: string, args: ArgoCdBootstrapArgs, opts?: pulumi.ComponentResourceOptions) {
    super("plugilo:cluster:ArgoCdBootstrap", name, {}, opts);
    const { cluster: c, kubernetes } = args;
    const a = c.argocd;
    const k8s = { parent: this, provider: kubernetes };
    const namespace = new Namespace(`${c.name}-ns-argocd`, { metadata: { name: a.namespace, labels: MANAGED_BY_LABEL } }, k8s);

    this.release = new Release(
      `${c.name}-argocd`,
      {
        name: "argocd",
        namespace: a.namespace,
        chart: a.chart.name,
        version: a.chart.version,
        repositoryOpts: { repo: a.chart.repository },
        values: withSso(argoCdValues(a.ha), a.sso),
        // A failed install rolls back instead of leaving half an Argo CD.
        atomic: true,
        timeout: 900,
      },
      { ...k8s, dependsOn: [namespace] },
    );

    const credential = args.repositoryCredential
      ? [
          new Secret(
            `${c.name}-argocd-repository`,
            {
              metadata: {
                name: "plugilo-platform-repository",
                namespace: a.namespace,
                labels: { ...MANAGED_BY_LABEL, "argocd.argoproj.io/secret-type": "repository" },
              },
              stringData: {
                type: "git",
                url: a.repoUrl,
                githubAppID: args.repositoryCredential.githubAppId,
                githubAppInstallationID: args.repositoryCredential.githubAppInstallationId,
                githubAppPrivateKey: args.repositoryCredential.githubAppPrivateKey,
              },
            },
            { ...k8s, dependsOn: [namespace] },
          ),
        ]
      : [];

    const rootProject = new CustomResource(
      `${c.name}-root-project`,
      {
        apiVersion: "argoproj.io/v1alpha1",
        kind: "AppProject",
        metadata: { name: a.rootProject, namespace: a.namespace, labels: MANAGED_BY_LABEL },
        spec: rootAppProjectSpec(c),
      },
      { ...k8s, dependsOn: [this.release] },
    );

    this.rootApplication = new CustomResource(
      `${c.name}-root-application`,
      {
        apiVersion: "argoproj.io/v1alpha1",
        kind: "Application",
        // No resources-finalizer: deleting the root Application must never cascade into the whole cluster.
        metadata: { name: a.rootApplicationName, namespace: a.namespace, labels: MANAGED_BY_LABEL },
        spec: {
          project: a.rootProject,
          source: { repoURL: a.repoUrl, targetRevision: a.targetRevision, path: a.path, directory: { recurse: true } },
          destination: { server: "https://kubernetes.default.svc", namespace: a.namespace },
          syncPolicy: {
            automated: { prune: true, selfHeal: true },
            syncOptions: ["CreateNamespace=true", "ServerSideApply=true"],
            retry: { limit: 10, backoff: { duration: "30s", factor: 2, maxDuration: "10m" } },
          },
        },
      },
      // The Application CRD comes with the chart.
      { ...k8s, dependsOn: [this.release, rootProject, ...credential] },
    );
    this.registerOutputs({ rootApplication: a.rootApplicationName });
  }
}
