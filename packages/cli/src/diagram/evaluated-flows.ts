/**
 * The flow catalogue evaluated on a plan, in the shape `plugilo flows --json` prints: what the diagram and the
 * report draw when no flows file is given. Loaded on demand: the evaluator is only needed with a plan.
 */
import type { EnvironmentModel } from "@plugilo/model";
import type { PlannedResource } from "@plugilo/policy";
import type { FlowsResult } from "./flows-result.ts";

export async function evaluatedFlows(model: EnvironmentModel, resources: readonly unknown[]): Promise<FlowsResult | undefined> {
  if (!resources.length) return undefined;
  const [{ evaluateFlows, flowsToJson }, { flowCatalogue }] = await Promise.all([
    import("@plugilo/flows"),
    import("@plugilo/model"),
  ]);
  const planned = resources as readonly PlannedResource[];
  return JSON.parse(flowsToJson(model.name, evaluateFlows(model, planned, flowCatalogue(model)))) as FlowsResult;
}
