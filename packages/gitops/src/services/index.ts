/** The services rendered into every cluster: a function of the environment model each. */
import type { EnvironmentModel } from "@plugilo/model";
import type { PlugiloServiceSpec } from "../plugilo-service.ts";
import { exampleApi } from "./example-api.ts";

export const SERVICES: readonly ((model: EnvironmentModel) => PlugiloServiceSpec)[] = [exampleApi];
export * from "./image-pins.ts";
