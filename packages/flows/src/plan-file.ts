/** Reads a saved `plugilo plan --json` file: the contract { environment, stacks, resources, findings }. */
import { readFileSync } from "node:fs";
import type { PlannedResource } from "@plugilo/policy";

export class PlanFileError extends Error {}

export interface SavedPlan {
  environment: string;
  resources: PlannedResource[];
}

export function readPlanFile(path: string): SavedPlan {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new PlanFileError(`${path}: cannot read the plan file (${(e as NodeJS.ErrnoException).code ?? "error"})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new PlanFileError(`${path}: not JSON (${(e as Error).message})`);
  }
  const plan = data as { environment?: unknown; resources?: unknown };
  if (!plan || typeof plan !== "object" || typeof plan.environment !== "string")
    throw new PlanFileError(`${path}: environment: must be a string (a plugilo plan --json file)`);
  if (!Array.isArray(plan.resources))
    throw new PlanFileError(`${path}: resources: must be an array (a plugilo plan --json file)`);
  for (const [i, r] of plan.resources.entries()) {
    const res = r as Record<string, unknown>;
    if (
      !res ||
      typeof res.type !== "string" ||
      typeof res.name !== "string" ||
      typeof res.inputs !== "object" ||
      res.inputs === null
    )
      throw new PlanFileError(`${path}: resources[${i}]: needs type, name and inputs`);
  }
  return { environment: plan.environment, resources: plan.resources as PlannedResource[] };
}
