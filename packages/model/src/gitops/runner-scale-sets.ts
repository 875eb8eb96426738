/**
 * The environment's runner scale sets (Actions Runner Controller in AKS), each registered for exactly one
 * repository (githubConfigUrl https://github.com/<org>/<repository>), with one purpose (docs/adr/0122):
 * - deploy: the platform repository's `pulumi up` job of this environment (workflows: deploy-<env>);
 * - preview: the platform repository's pull-request previews of the cluster stacks. Pull-request code runs
 *   here, never on the deploy set, and production has none (prod is previewed from main only);
 * - build: one service repository's image builds (the service workflow's build job), in the environment
 *   services build in (the first in promotion order). Only build sets get the runners' workload identity
 *   (AcrPush on this environment's registry); deploy and preview jobs log in with GitHub OIDC instead.
 * A runner registered for one repository cannot take another repository's jobs:
 * https://docs.github.com/en/actions/concepts/runners/actions-runner-controller
 */
import type { ConfigFinding } from "../core/findings.ts";
import type { EnvironmentConfig } from "../core/schema.ts";

export type RunnerPurpose = "deploy" | "preview" | "build";

export interface RunnerScaleSetModel {
  /** The name workflows use in `runs-on`: <organization>-<env>-<name>. */
  runnerScaleSetName: string;
  /** Helm release of the scale set. */
  name: string;
  purpose: RunnerPurpose;
  /** owner/name of the one repository the set serves. */
  repository: string;
  githubConfigUrl: string;
  minRunners: number;
  maxRunners: number;
}

/** owner/name of the platform repository: the repository Argo CD syncs. */
export function platformRepositoryOf(config: EnvironmentConfig): string {
  const m = /^https:\/\/github\.com\/([^/]+)\/([^/]+?)(?:\.git)?$/.exec(config.argocd.repoUrl);
  return m ? `${m[1]}/${m[2]}` : "";
}

const organizationOf = (config: EnvironmentConfig) =>
  config.gitops.runners.githubConfigUrl.replace(/^https:\/\/github\.com\//, "");

export function resolveRunnerScaleSets(config: EnvironmentConfig, env: string): RunnerScaleSetModel[] {
  const org = organizationOf(config);
  const platform = platformRepositoryOf(config);
  return config.gitops.runners.scaleSets.map((s) => {
    const repository = s.repository ? `${org}/${s.repository}` : platform;
    return {
      runnerScaleSetName: `${config.organization}-${env}-${s.name}`,
      name: `arc-runners-${s.name}`,
      purpose: s.purpose,
      repository,
      githubConfigUrl: `https://github.com/${repository}`,
      minRunners: s.minRunners,
      maxRunners: s.maxRunners,
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
