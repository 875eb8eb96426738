/**
 * The plan's rules as a Pulumi CrossGuard policy pack: pure adapter functions, no Pulumi runtime. The pack
 * itself (`packages/policy/pack/index.js`) constructs the `PolicyPack` from `crossGuardPolicies()`; that module
 * starts a gRPC server when loaded, so nothing but Pulumi's policy-pack runner may import it (docs/adr/0081).
 *
 * What CrossGuard hands a resource policy (type, name, URN, inputs behind an "unknown-checking" proxy, options,
 * provider) becomes the `PlannedResource` the offline plan records, so `pulumi preview`/`up` with
 * `--policy-pack packages/policy/pack` runs exactly the rules of `plugilo plan`, against the same model: the
 * environment (and cluster) named by the stack's own config file, `stacks/<layer>/Pulumi.<stack>.yaml`.
 *
 * Preview and unknown values: an input that depends on another resource's output is unknown during a preview.
 * A rule first sees the known inputs only (unknown leaves left out), so a resource passes quietly when its
 * known inputs comply. When that copy violates a rule and some input was unknown, the rule runs again on the
 * SDK's proxy: a rule that reads an unknown value then throws the SDK's UnknownValueError, which CrossGuard
 * reports as advisory ("can't run during preview") and checks again during `up`, when every value is known.
 * A violation reported during a preview is therefore never an artifact of a missing value.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type EnvironmentModel, loadModel } from "@plugilo/model";
import type { EnforcementLevel, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { parse } from "yaml";
import { RULES } from "./rules/index.ts";
import type { PlannedResource, PolicyRule } from "./types.ts";

/**
 * The sentinels Pulumi's engine sends for unknown values (@pulumi/policy proxy.js, 1.21.0). Kept here so this
 * module needs no Pulumi runtime; test/policy-pack.test.ts checks them against the SDK.
 */
export const UNKNOWN_SENTINELS: ReadonlySet<string> = new Set([
  "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7", // boolean
  "3eeb2bf0-c639-47a8-9e75-3b44932eb421", // number
  "04da6b54-80e4-46f7-96ec-b56ff0331ba9", // string
  "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2", // array
  "030794c1-ac77-496b-92df-f27374a8bd58", // asset
  "e48ece36-62e2-4504-bad9-02848725956a", // archive
  "dd056dcd-154b-4c76-9bd3-c8f88648b5ff", // object
]);

/** The property through which the SDK's proxy hands out the object it wraps (proxy.js `getSpecialProxyTarget`). */
export const PROXY_TARGET = "__getSpecialProxyTarget";

/** What the adapter reads of CrossGuard's ResourceValidationArgs. */
export type CrossGuardResource = Pick<ResourceValidationArgs, "type" | "name" | "urn" | "props"> & {
  opts?: { parent?: string; protect?: boolean };
  provider?: { urn: string };
};

/** The stack a resource belongs to, as its stack config file describes it. */
export interface StackContext {
  project: string;
  stack: string;
  environment: string;
  /** plugilo:cluster, for stacks of the cluster project. */
  cluster?: string;
}

/** The object behind the SDK's proxy (or the value itself when it is not proxied). */
export function unwrapProxy(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  const target = (value as Record<string, unknown>)[PROXY_TARGET];
  return target === undefined ? value : target;
}

/**
 * A plain copy of a resource's inputs without its unknown values, and the paths of those values. An unknown
 * array element becomes `undefined`, so the other elements keep their index.
 */
export function knownInputs(props: unknown): { inputs: Record<string, unknown>; unknownPaths: string[] } {
  const unknownPaths: string[] = [];
  const copy = (value: unknown, path: string): unknown => {
    if (typeof value === "string" && UNKNOWN_SENTINELS.has(value)) {
      unknownPaths.push(path || ".");
      return undefined;
    }
    if (Array.isArray(value)) return value.map((v, i) => copy(v, `${path}[${i}]`));
    if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        const c = copy(v, path ? `${path}.${k}` : k);
        if (c !== undefined) out[k] = c;
      }
      return out;
    }
    // Assets, archives and scalars: as they are.
    return value;
  };
  const raw = unwrapProxy(props);
  const inputs = raw !== null && typeof raw === "object" ? (copy(raw, "") as Record<string, unknown>) : {};
  return { inputs, unknownPaths };
}

/** `urn:pulumi:<stack>::<project>::<type>::<name>` -> stack and project. */
export function parseUrn(urn: string): { stack: string; project: string } {
  const match = /^urn:pulumi:([^:]+)::([^:]+)::/.exec(urn);
  if (!match?.[1] || !match[2]) throw new Error(`not a Pulumi URN: ${urn}`);
  return { stack: match[1], project: match[2] };
}

/** The plan's name for a stack: the cluster's name in the cluster project, the layer otherwise (plan/layers.ts). */
export function plannedStackName(context: StackContext): string {
  return context.cluster ?? context.project.replace(/^plugilo-/, "");
}

/** A CrossGuard resource as the offline plan records it, and the paths of its inputs unknown in a preview. */
export function toPlannedResource(
  resource: CrossGuardResource,
  context: StackContext,
): { resource: PlannedResource; unknownPaths: string[] } {
  const { inputs, unknownPaths } = knownInputs(resource.props);
  return {
    resource: {
      stack: plannedStackName(context),
      urn: resource.urn,
      type: resource.type,
      name: resource.name,
      parent: resource.opts?.parent || null,
      protect: resource.opts?.protect ?? false,
      inputs,
      provider: resource.provider?.urn ?? null,
    },
    unknownPaths,
  };
}

/** Errors block the deployment; warnings are reported and let it go on. */
export function enforcementLevel(rule: PolicyRule): EnforcementLevel {
  return rule.severity === "error" ? "mandatory" : "advisory";
}

/** The rule's messages for one resource, with the preview rule of this module's comment. */
export function checkResource(rule: PolicyRule, resource: CrossGuardResource, context: StackContext, model: EnvironmentModel) {
  const { resource: planned, unknownPaths } = toPlannedResource(resource, context);
  const messages = rule.check(planned, model);
  if (messages.length === 0 || unknownPaths.length === 0) return messages;
  // Some input was unknown: decide on the proxy, which throws the SDK's UnknownValueError if the rule needs one.
  return rule.check({ ...planned, inputs: resource.props as Record<string, unknown> }, model);
}

/** The stack of a URN, from `stacks/<folder>/Pulumi.<stack>.yaml` of the project the URN names. */
export type StackContextFor = (urn: string) => StackContext;

/** One CrossGuard resource policy per rule, with the rule's name, description and enforcement level. */
export function crossGuardPolicies(
  contextFor: StackContextFor,
  modelFor: (environment: string) => EnvironmentModel,
  rules: readonly PolicyRule[] = RULES,
): ResourceValidationPolicy[] {
  return rules.map((rule) => ({
    name: rule.name,
    description: rule.description,
    enforcementLevel: enforcementLevel(rule),
    validateResource: (args, reportViolation) => {
      const context = contextFor(args.urn);
      for (const message of checkResource(rule, args, context, modelFor(context.environment))) reportViolation(message);
    },
  }));
}

/** plugilo:environment and plugilo:cluster from the text of a stack config file. */
export function stackConfigValues(text: string): { environment?: string; cluster?: string } {
  const config = (parse(text) as { config?: Record<string, unknown> } | null)?.config ?? {};
  const value = (key: string) => (typeof config[key] === "string" && config[key] !== "" ? (config[key] as string) : undefined);
  const environment = value("plugilo:environment");
  const cluster = value("plugilo:cluster");
  return { ...(environment ? { environment } : {}), ...(cluster ? { cluster } : {}) };
}

/**
 * Reads the stack context from the repository's Pulumi projects: the folder of `stacks/` whose Pulumi.yaml
 * names the URN's project, then that folder's Pulumi.<stack>.yaml. Cached per stack.
 */
export function stackConfigContexts(repoRoot: string): StackContextFor {
  const stacksDir = join(repoRoot, "stacks");
  let projects: Map<string, string> | undefined;
  const cache = new Map<string, StackContext>();
  return (urn) => {
    const { stack, project } = parseUrn(urn);
    const key = `${project}/${stack}`;
    const cached = cache.get(key);
    if (cached) return cached;
    projects ??= new Map(
      readdirSync(stacksDir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .flatMap((d) => {
          try {
            const name = (parse(readFileSync(join(stacksDir, d.name, "Pulumi.yaml"), "utf8")) as { name?: string }).name;
            return name ? [[name, join(stacksDir, d.name)] as const] : [];
          } catch {
            return [];
          }
        }),
    );
    const dir = projects.get(project);
    if (!dir)
      throw new Error(
        `no Pulumi project named ${project} in ${stacksDir}: the plugilo policy pack checks this repository's stacks`,
      );
    const file = join(dir, `Pulumi.${stack}.yaml`);
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch {
      throw new Error(`stack ${stack} of ${project} has no config file ${file}: it must set plugilo:environment`);
    }
    const values = stackConfigValues(text);
    if (!values.environment) throw new Error(`${file} does not set plugilo:environment`);
    const context: StackContext = {
      project,
      stack,
      environment: values.environment,
      ...(values.cluster ? { cluster: values.cluster } : {}),
    };
    cache.set(key, context);
    return context;
  };
}

/** loadModel once per environment (a preview validates every resource of a stack against the same model). */
export function cachedModels(
  load: (environment: string) => EnvironmentModel = loadModel,
): (environment: string) => EnvironmentModel {
  const models = new Map<string, EnvironmentModel>();
  return (environment) => {
    let model = models.get(environment);
    if (!model) {
      model = load(environment);
      models.set(environment, model);
    }
    return model;
  };
}
