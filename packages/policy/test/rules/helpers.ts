/** Planned resources as the plan records them, for the rules' fixtures (not a test file itself). */
import type { PlannedResource } from "@plugilo/policy";

/** A resource of `type` with these inputs, planned in `env` (its URN names the environment). */
export function plannedResource(
  env: string,
  type: string,
  inputs: Record<string, unknown>,
  options: { protect?: boolean; stack?: string } = {},
): PlannedResource {
  return {
    stack: options.stack ?? "test",
    urn: `urn:pulumi:${env}::test::${type}::r`,
    type,
    name: "r",
    parent: null,
    protect: options.protect ?? false,
    inputs,
  };
}

/** A generic ARM resource (azure-native:resources:Resource) whose body is `properties`. */
export function genericResource(
  env: string,
  namespace: string,
  type: string,
  properties: Record<string, unknown>,
  extra: Record<string, unknown> = {},
): PlannedResource {
  return plannedResource(env, "azure-native:resources:Resource", {
    apiVersion: "2025-01-01",
    resourceProviderNamespace: namespace,
    resourceType: type,
    parentResourcePath: "",
    properties,
    ...extra,
  });
}

/** The four tags required-tags asks for, naming dev. */
export const DEV_TAGS = {
  owner: "platform@plugilo.example",
  "cost-center": "CC-1",
  "data-classification": "internal",
  environment: "dev",
};
