/** Applies every rule to every planned resource. Pure: no Pulumi runtime involved. */
import type { EnvironmentModel } from "@plugilo/model";
import { PLAN_RULES, RULES } from "./rules/index.ts";
import type { PlanFinding, PlannedResource, PlanRule, PolicyRule } from "./types.ts";

export function evaluate(
  resources: readonly PlannedResource[],
  model: EnvironmentModel,
  rules: readonly PolicyRule[] = RULES,
  // A caller that picks its own resource rules gets no plan rules unless it names them too.
  planRules: readonly PlanRule[] = rules === RULES ? PLAN_RULES : [],
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
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  for (const rule of planRules) {
    for (const { urn, message } of rule.checkPlan(resources, model)) {
      const resource = byUrn.get(urn);
      findings.push({
        rule: rule.name,
        severity: rule.severity,
        urn,
        message: resource ? `${resource.type} ${resource.name}: ${message}` : message,
      });
    }
  }
  return findings;
}
