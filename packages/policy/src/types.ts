/** What a policy rule sees: one planned resource, and the environment model it was planned from. */
import type { EnvironmentModel } from "@plugilo/model";

/** A resource as the offline plan records it (the JSON contract of BRIEF section 4). */
export interface PlannedResource {
  stack: string;
  urn: string;
  type: string;
  name: string;
  parent: string | null;
  protect: boolean;
  inputs: Record<string, unknown>;
  /**
   * URN of the provider the resource is deployed with (it decides the subscription), or null for the default
   * provider. Not part of the JSON contract: planToJson leaves it out.
   */
  provider?: string | null;
}

export interface PlanFinding {
  rule: string;
  severity: "error" | "warning";
  urn: string;
  message: string;
}

export interface PolicyRule {
  name: string;
  description: string;
  severity: "error" | "warning";
  /** Messages for each violation by this resource; empty when it complies. */
  check(resource: PlannedResource, model: EnvironmentModel): string[];
}

export function isAzureResource(resource: PlannedResource): boolean {
  return resource.type.startsWith("azure-native:");
}

/** A finding of a plan rule: the resource it is about, and why. */
export interface PlanRuleViolation {
  urn: string;
  message: string;
}

/**
 * A rule over the whole plan: for constraints that join resources of several stacks (a firewall rule that must
 * exist for a subnet another stack plans, two private endpoints writing the same DNS records).
 */
export interface PlanRule {
  name: string;
  description: string;
  severity: "error" | "warning";
  checkPlan(resources: readonly PlannedResource[], model: EnvironmentModel): PlanRuleViolation[];
}
