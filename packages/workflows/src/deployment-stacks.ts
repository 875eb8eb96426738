/**
 * The Pulumi stacks a workflow previews and deploys for one environment, in deployment order: `model.layers`,
 * the order the offline plan follows (packages/plan/src/layers.ts). A cluster layer is one stack of the cluster
 * project per cluster (`<env>-<cluster>`); every other layer is the `<env>` stack of its own project.
 */
import type { EnvironmentModel, LayerKind } from "@plugilo/model";

export interface DeploymentStack {
  /** The plan's name: the layer, or the cluster. */
  name: string;
  kind: LayerKind;
  /** Folder of the Pulumi project, relative to the repository root. */
  dir: string;
  /** Pulumi stack name. */
  stack: string;
  /**
   * Needs the environment's private network: the cluster stacks reach the private AKS API server (Argo CD
   * bootstrap, namespaces, ServiceAccounts; docs/adr/0036), so they run on the self-hosted runners in AKS.
   */
  privateNetwork: boolean;
  /** Needs AWS and Google Cloud credentials besides Azure (docs/adr/0014). */
  otherClouds: boolean;
}

export function deploymentStacks(model: EnvironmentModel): DeploymentStack[] {
  return model.layers.map((layer) => ({
    name: layer.name,
    kind: layer.kind,
    dir: `stacks/${layer.kind}`,
    stack: layer.kind === "cluster" ? `${model.name}-${layer.name}` : model.name,
    privateNetwork: layer.kind === "cluster",
    otherClouds: layer.kind === "multicloud",
  }));
}

/**
 * The label of the environment's deploy runners: its runner scale set with purpose deploy
 * (`<organization>-<env>-<set>`, packages/model/src/gitops/runner-scale-sets.ts).
 */
export function runnerLabel(model: EnvironmentModel): string {
  const set = model.gitops.runnerScaleSets.find((s) => s.purpose === "deploy");
  if (!set) throw new Error(`${model.file}: gitops.runners.scaleSets has no deploy scale set: the deploy job needs one`);
  return set.runnerScaleSetName;
}
