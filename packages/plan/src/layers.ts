/** The stacks of an environment, in deployment order, each with the program its Pulumi project runs. */
import type { EnvironmentModel, LayerKind } from "@plugilo/model";
import { access } from "@plugilo/stack-access";
import { cluster } from "@plugilo/stack-cluster";
import { data } from "@plugilo/stack-data";
import { edge } from "@plugilo/stack-edge";
import { foundation } from "@plugilo/stack-foundation";
import { hub } from "@plugilo/stack-hub";
import { multicloud } from "@plugilo/stack-multicloud";
import { shared } from "@plugilo/stack-shared";
import type { StackProgram } from "./run-stack.ts";

export interface PlannedStack {
  /** Name in the plan: the layer, or the cluster name for cluster stacks. */
  name: string;
  /** Pulumi project (stacks/<folder>/Pulumi.yaml). */
  project: string;
  /** Pulumi stack name inside the project. */
  stack: string;
  program: StackProgram;
}

/** The Pulumi project of each layer kind and the program it runs. */
const PROJECTS: Record<LayerKind, { project: string; program: (model: EnvironmentModel, layer: string) => unknown }> = {
  foundation: { project: "plugilo-foundation", program: (model) => foundation(model) },
  hub: { project: "plugilo-hub", program: (model) => hub(model) },
  edge: { project: "plugilo-edge", program: (model) => edge(model) },
  cluster: { project: "plugilo-cluster", program: (model, layer) => cluster(model, layer) },
  data: { project: "plugilo-data", program: (model) => data(model) },
  access: { project: "plugilo-access", program: (model) => access(model) },
  multicloud: { project: "plugilo-multicloud", program: (model) => multicloud(model) },
  shared: { project: "plugilo-shared", program: (model) => shared(model) },
};

/**
 * Run once per environment before every other layer, by a platform admin, with its own backend; not one of
 * `model.layers` (no workflow deploys it) and not in the default plan: `plan <env> --stack bootstrap`.
 */
export function bootstrapStack(model: EnvironmentModel): PlannedStack {
  // Loaded when planned: its GitHub, AWS IAM and Google IAM modules are not needed by any other stack.
  const program = async () => (await import("@plugilo/stack-bootstrap")).bootstrap(model);
  return { name: "bootstrap", project: "plugilo-bootstrap", stack: model.name, program };
}

export function stacksOf(model: EnvironmentModel): PlannedStack[] {
  return model.layers.map((layer) => {
    const { project, program } = PROJECTS[layer.kind];
    // Cluster stacks are <env>-<cluster> (stacks/cluster/Pulumi.<env>-<cluster>.yaml); the others are <env>.
    const stack = layer.kind === "cluster" ? `${model.name}-${layer.name}` : model.name;
    return { name: layer.name, project, stack, program: () => program(model, layer.name) };
  });
}
