/** Flow violations as plan findings: `plugilo plan` fails on a denied required flow or an allowed forbidden one. */
import { type EnvironmentModel, flowCatalogue } from "@plugilo/model";
import type { PlanFinding, PlannedResource } from "@plugilo/policy";
import { evaluateFlows, violates } from "./evaluate.ts";

export function flowFindings(model: EnvironmentModel, resources: readonly PlannedResource[]): PlanFinding[] {
  return evaluateFlows(model, resources, flowCatalogue(model))
    .filter(violates)
    .map((r) => ({
      rule: "flow",
      severity: "error" as const,
      urn: "",
      message: `${r.kind} flow ${r.id} is ${r.verdict}: ${r.reason}`,
    }));
}
