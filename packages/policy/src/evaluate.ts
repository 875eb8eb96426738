/** Applies every rule to every planned resource. Pure: no Pulumi runtime involved. */
import type { EnvironmentModel } from "@plugilo/model";
import { RULES } from "./rules/index.ts";
import type { PlanFinding, PlannedResource, PolicyRule } from "./types.ts";

export function evaluate(
  resources: readonly PlannedResource[],
  model: EnvironmentModel,
  rules: readonly PolicyRule[] = RULES,
): PlanFinding[] {
  const findings: PlanFinding[] = [];
  for (const resource of resources) {
    for (const rule of rules) {
      for (const message of rule.check(resource, model)) {
        findings.push({
          rule: rule.name,
          severity: rule.severity,
          urn: resource.urn,
          message: `${resource.type} ${resource.name}: ${message}`,
        });
      }
    }
  }
  return findings;
}
