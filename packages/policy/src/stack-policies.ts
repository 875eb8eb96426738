/**
 * The plan rules (rules that join resources) as CrossGuard stack policies: a real `pulumi preview` / `up` of
 * one stack hands them that stack's resources. Pure adapter, no Pulumi runtime (like policy-pack.ts).
 *
 * A stack sees only its own resources, so the rules that need another stack's (the hub's firewall policy for
 * API Management, a gateway for a Front Door origin) find nothing to join and stay silent; those that hold
 * within one stack (endpoints and their zone groups, clusters and their endpoints, alerts and their targets)
 * run as they do in `plugilo plan`. During a preview some inputs are unknown and left out, which could make a
 * joining rule see something missing: the stack policies are therefore advisory (reported, never blocking);
 * the offline plan of the whole estate is where they block.
 */
import type { EnvironmentModel } from "@plugilo/model";
import type { EnforcementLevel, PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { type StackContextFor, toPlannedResource } from "./policy-pack.ts";
import { PLAN_RULES } from "./rules/index.ts";
import type { PlanRule } from "./types.ts";

export const STACK_POLICY_ENFORCEMENT: EnforcementLevel = "advisory";

type StackResource = Pick<PolicyResource, "type" | "name" | "urn" | "props"> & {
  opts?: { parent?: string; protect?: boolean };
  provider?: { urn: string };
};

/** The plan rule's violations in one stack's resources, as (message, urn) pairs. */
export function checkStack(
  rule: PlanRule,
  resources: readonly StackResource[],
  contextFor: StackContextFor,
  modelFor: (environment: string) => EnvironmentModel,
): { message: string; urn: string }[] {
  const first = resources[0];
  if (!first) return [];
  const context = contextFor(first.urn);
  const planned = resources.map((r) => toPlannedResource(r, context).resource);
  return rule.checkPlan(planned, modelFor(context.environment));
}

export function crossGuardStackPolicies(
  contextFor: StackContextFor,
  modelFor: (environment: string) => EnvironmentModel,
  rules: readonly PlanRule[] = PLAN_RULES,
): StackValidationPolicy[] {
  return rules.map((rule) => ({
    name: rule.name,
    description: rule.description,
    enforcementLevel: STACK_POLICY_ENFORCEMENT,
    validateStack: (args, reportViolation) => {
      for (const { message, urn } of checkStack(rule, args.resources, contextFor, modelFor)) reportViolation(message, urn);
    },
  }));
}
