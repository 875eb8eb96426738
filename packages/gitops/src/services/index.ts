/** The services rendered into every cluster: a function of the environment model each. */
import type { EnvironmentModel } from "@plugilo/model";
import type { ClusterContext } from "../context.ts";
import type { PlugiloServiceSpec } from "../plugilo-service.ts";
import { exampleApi } from "./example-api.ts";

/** The cluster context, when given, lets a service pick its region's endpoints. */
export const SERVICES: readonly ((model: EnvironmentModel, ctx?: ClusterContext) => PlugiloServiceSpec)[] = [exampleApi];
export * from "./image-pins.ts";
