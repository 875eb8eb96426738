/**
 * The environment's runner scale sets (Actions Runner Controller in AKS), each registered for exactly one
 * repository (githubConfigUrl https://github.com/<org>/<repository>), with one purpose (docs/adr/0122):
 * - deploy: the platform repository's `pulumi up` job of this environment (workflows: deploy-<env>);
 * - preview: the platform repository's pull-request previews of the cluster stacks. Pull-request code runs
 *   here, never on the deploy set, and production has none (prod is previewed from main only);
 * - build: one service repository's image builds (the service workflow's build job), in the environment
 *   services build in (the first in promotion order). Only build sets get a workload identity, one per set,
 *   that may push only to its service's repositories (cluster/cluster-identities.ts, docs/adr/0135); deploy and
 *   preview jobs log in with GitHub OIDC instead.
 * A runner registered for one repository cannot take another repository's jobs:
 * https://docs.github.com/en/actions/concepts/runners/actions-runner-controller
 * Each set has a namespace of its own, `arc-<name>` (docs/adr/0139): the chart puts the runner pods and their
 * ServiceAccount in the release's namespace, so a pod of one set (or anything with pod-create rights there)
 * cannot mount another set's ServiceAccount, and with it another build set's push identity.
 * Production's deploy set goes further (docs/adr/0137): it registers at the organization level into a runner
 * group of its own, restricted to the platform repository and to the workflow
 * `<org>/<repo>/.github/workflows/infrastructure.yml@refs/heads/main`, so no other workflow file and no other
 * branch of the platform repository can run on the runners inside production's network. Runner groups exist at
 * the organization level only, so that set's githubConfigUrl is the organization's
 * (https://docs.github.com/en/actions/how-tos/manage-runners/self-hosted-runners/manage-access,
 * https://docs.github.com/en/rest/actions/self-hosted-runner-groups).
 */
import type { ConfigFinding } from "../core/findings.ts";
import { buildRunnerIdentityKey, buildRunnerServiceAccount } from "../core/naming.ts";
import type { EnvironmentConfig } from "../core/schema.ts";

export type RunnerPurpose = "deploy" | "preview" | "build";

/** An organization runner group (GitHub REST: POST /orgs/{org}/actions/runner-groups). */
export interface RunnerGroupModel {
  organization: string;
  name: string;
  visibility: "selected";
  /** owner/name of the only repository allowed to use the group. */
  repository: string;
  restrictedToWorkflows: true;
  /** `<owner>/<repo>/<path>@<ref>`: the only workflow (on the only ref) whose jobs the group's runners take. */
  selectedWorkflows: string[];
  allowsPublicRepositories: false;
}

/** The workflow file the deploy jobs run in (packages/workflows: infrastructure.yml). */
export const DEPLOY_WORKFLOW_PATH = ".github/workflows/infrastructure.yml";

/** One rule of a namespaced Role (rbac.authorization.k8s.io/v1 PolicyRule). */
export interface RbacRuleModel {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
}

/**
 * What the Buildx kubernetes driver does with the runner pod's ServiceAccount, in the namespace of its
 * `driver-opts: namespace=` (the build set's own, packages/workflows/src/service-build-job.ts), read from
 * docker/buildx driver/kubernetes: Bootstrap creates (or updates) the BuildKit Deployment and the ConfigMaps of
 * the buildkitd config, Rm deletes them, and waits on the Deployment (get/list/watch); the pod chooser gets
 * and lists the Deployment's pods; the driver dials BuildKit through `pods/exec` (execconn.ExecConn running
 * `buildctl dial-stdio`), which needs `create` on pods/exec. Driver options:
 * https://docs.docker.com/build/builders/drivers/kubernetes/
 */
export const BUILDX_KUBERNETES_DRIVER_RULES: readonly RbacRuleModel[] = [
  { apiGroups: ["apps"], resources: ["deployments"], verbs: ["get", "list", "watch", "create", "update", "patch", "delete"] },
  { apiGroups: [""], resources: ["configmaps"], verbs: ["get", "create", "update", "delete"] },
  { apiGroups: [""], resources: ["pods"], verbs: ["get", "list", "watch"] },
  { apiGroups: [""], resources: ["pods/exec"], verbs: ["create"] },
];

/** Name of the build sets' Role and RoleBinding (one of each in each build set's namespace). */
export const BUILDX_DRIVER_ROLE = "buildx-kubernetes-driver";

/** A build set's Kubernetes rights: a Role in its own namespace, bound to its own runner ServiceAccount only. */
export interface BuilderAccessModel {
  /** Name of the Role and of its RoleBinding, in the set's namespace. */
  role: string;
  /** The set's runner ServiceAccount (in the set's namespace), the binding's only subject. */
  serviceAccount: string;
  rules: RbacRuleModel[];
}

export interface RunnerScaleSetModel {
  /** The name workflows use in `runs-on`: <organization>-<env>-<name>. */
  runnerScaleSetName: string;
  /** Helm release of the scale set. */
  name: string;
  /** The set's own namespace (`arc-<name>`): its runner pods, its ServiceAccount, its GitHub App secret. */
  namespace: string;
  purpose: RunnerPurpose;
  /** owner/name of the one repository the set serves. */
  repository: string;
  githubConfigUrl: string;
  minRunners: number;
  maxRunners: number;
  /** Build sets only: the key of the set's own workload identity (cluster-identities.ts). */
  identityKey?: string;
  /** Build sets only: the Buildx kubernetes driver's rights in the set's namespace (docs/adr/0139). */
  builderAccess?: BuilderAccessModel;
  /** Production's deploy set: the organization runner group it registers into (githubConfigUrl is the org's). */
  runnerGroup?: RunnerGroupModel;
}

/** owner/name of the platform repository: the repository Argo CD syncs. */
export function platformRepositoryOf(config: EnvironmentConfig): string {
  const m = /^https:\/\/github\.com\/([^/]+)\/([^/]+?)(?:\.git)?$/.exec(config.argocd.repoUrl);
  return m ? `${m[1]}/${m[2]}` : "";
}

const organizationOf = (config: EnvironmentConfig) =>
  config.gitops.runners.githubConfigUrl.replace(/^https:\/\/github\.com\//, "");

/** The namespace of the controller (packages/gitops: arc-system); no scale set may share it. */
export const RUNNER_CONTROLLER_NAMESPACE = "arc-system";

/** A scale set's own namespace. Set names are slugs of at most 20 characters: a valid namespace name. */
export const runnerNamespaceOf = (setName: string) => `arc-${setName}`;

export function resolveRunnerScaleSets(config: EnvironmentConfig, env: string): RunnerScaleSetModel[] {
  const org = organizationOf(config);
  const platform = platformRepositoryOf(config);
  return config.gitops.runners.scaleSets.map((s) => {
    const repository = s.repository ? `${org}/${s.repository}` : platform;
    const runnerScaleSetName = `${config.organization}-${env}-${s.name}`;
    const runnerGroup: RunnerGroupModel | undefined =
      env === "prod" && s.purpose === "deploy"
        ? {
            organization: org,
            name: runnerScaleSetName,
            visibility: "selected",
            repository,
            restrictedToWorkflows: true,
            selectedWorkflows: [`${repository}/${DEPLOY_WORKFLOW_PATH}@refs/heads/main`],
            allowsPublicRepositories: false,
          }
        : undefined;
    return {
      runnerScaleSetName,
      name: `arc-runners-${s.name}`,
      namespace: runnerNamespaceOf(s.name),
      purpose: s.purpose,
      repository,
      githubConfigUrl: runnerGroup ? `https://github.com/${org}` : `https://github.com/${repository}`,
      minRunners: s.minRunners,
      maxRunners: s.maxRunners,
      ...(s.purpose === "build"
        ? {
            identityKey: buildRunnerIdentityKey(s.name),
            builderAccess: {
              role: BUILDX_DRIVER_ROLE,
              serviceAccount: buildRunnerServiceAccount(s.name),
              rules: BUILDX_KUBERNETES_DRIVER_RULES.map((r) => ({
                apiGroups: [...r.apiGroups],
                resources: [...r.resources],
                verbs: [...r.verbs],
              })),
            },
          }
        : {}),
      ...(runnerGroup ? { runnerGroup } : {}),
    };
  });
}

export function runnerScaleSetFindings(config: EnvironmentConfig, file: string): ConfigFinding[] {
  const findings: ConfigFinding[] = [];
  const platform = platformRepositoryOf(config);
  const sets = resolveRunnerScaleSets(config, config.name);
  const error = (i: number, field: string, message: string) =>
    findings.push({ severity: "error", file, path: `gitops.runners.scaleSets[${i}]${field}`, message });
  sets.forEach((s, i) => {
    if (s.purpose !== "build" && s.repository.toLowerCase() !== platform.toLowerCase())
      error(i, ".repository", `a ${s.purpose} scale set serves the platform repository ${platform}, not ${s.repository}`);
    if (s.purpose === "build" && s.repository.toLowerCase() === platform.toLowerCase())
      error(i, ".repository", "a build scale set serves one service repository, not the platform repository");
    if (config.name === "prod" && s.purpose !== "deploy")
      error(
        i,
        ".purpose",
        `prod runs only its deploy job on its runners; no ${s.purpose} scale set (pull requests never reach prod's network)`,
      );
  });
  // One namespace per set: a shared one would let one set's pods mount another set's ServiceAccount.
  sets.forEach((s, i) => {
    const first = sets.findIndex((o) => o.namespace === s.namespace);
    if (first < i)
      error(i, ".name", `namespace ${s.namespace} is already scale set ${first}'s: each scale set needs a name of its own`);
    if (s.namespace === RUNNER_CONTROLLER_NAMESPACE)
      error(i, ".name", `namespace ${s.namespace} is the runner controller's: choose another scale set name`);
  });
  const deploy = sets.filter((s) => s.purpose === "deploy").length;
  if (deploy !== 1)
    findings.push({
      severity: "error",
      file,
      path: "gitops.runners.scaleSets",
      message: `exactly one scale set with purpose deploy (the deploy job's runners), found ${deploy}`,
    });
  return findings;
}
