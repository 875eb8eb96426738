/**
 * Runs one Pulumi program under the mock monitor and records every registered resource with its resolved
 * inputs, its parent and its protect flag: the same program `pulumi up` runs, seen before the engine.
 */

import type { PlannedResource } from "@plugilo/policy";
import * as pulumi from "@pulumi/pulumi";
import type { SimulatedAzure } from "./simulated-azure.ts";

export interface StackRun {
  name: string;
  resources: PlannedResource[];
  outputs: Record<string, unknown>;
  error?: string;
}

export type StackProgram = () => unknown;

export interface RunStackOptions {
  /**
   * Keep the alias URNs the provider SDKs declare (each azure-native resource names about 40 earlier API
   * versions of its type). Off by default: aliases only match earlier state, and the offline plan has none.
   */
  keepAliases?: boolean;
}

/**
 * Drops a resource's aliases before Pulumi builds them. The SDK turns every alias into an Output chain in the
 * resource's constructor (and, for children, every parent alias too): in the offline plan that is about
 * half of the CPU time and 40% of the peak memory, for URNs nothing reads (the plan records no aliases, and
 * with no prior state the engine would match none). A legacy stack transformation, because it runs in this
 * thread, inside the constructor, before the aliases are collapsed; `registerResourceTransform` goes through
 * the engine's callback server.
 */
const withoutAliases: pulumi.ResourceTransformation = ({ props, opts }) =>
  opts.aliases ? { props, opts: { ...opts, aliases: undefined } } : undefined;

/**
 * The resources of a stack as a tree walked depth first: each parent before its children, siblings in URN
 * order. Registration order follows how many promise turns each registration takes inside the SDK, so it
 * would change with anything that adds or removes one (aliases, an SDK upgrade); the tree and the URNs do not.
 */
export function inTreeOrder(resources: readonly PlannedResource[]): PlannedResource[] {
  const urns = new Set(resources.map((r) => r.urn));
  const children = new Map<string | null, PlannedResource[]>();
  for (const r of resources) {
    const parent = r.parent && urns.has(r.parent) ? r.parent : null;
    const list = children.get(parent);
    if (list) list.push(r);
    else children.set(parent, [r]);
  }
  const ordered: PlannedResource[] = [];
  const walk = (parent: string | null) => {
    const list = (children.get(parent) ?? []).sort((a, b) => (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0));
    for (const r of list) {
      ordered.push(r);
      walk(r.urn);
    }
  };
  walk(null);
  return ordered;
}

/** Replaces secret values with a marker so a plan never prints one. */
function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value !== null && typeof value === "object") {
    const obj = value as Record<string, unknown>;
    if (obj[pulumi.runtime.specialSigKey] === pulumi.runtime.specialSecretSig) return "[secret]";
    return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, redact(v)]));
  }
  return value;
}

interface RegisterRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getProtect(): boolean;
  getObject(): unknown;
  getProvider(): string;
}
interface RegisterResponse {
  getUrn(): string;
}
type Callback = (err: unknown, response: RegisterResponse | undefined) => void;
interface Monitor {
  registerResource(req: RegisterRequest, callback: Callback): Promise<void>;
}

/**
 * Runs `program` as stack `stack` of project `project`. One stack at a time per process: Pulumi's runtime
 * state is global, so stacks are run one after the other.
 */
export async function runStack(
  project: string,
  stack: string,
  program: StackProgram,
  azure: SimulatedAzure,
  options: RunStackOptions = {},
): Promise<StackRun> {
  const resources: PlannedResource[] = [];
  await pulumi.runtime.setMocks(azure, project, stack, false);
  const monitor = pulumi.runtime.getMonitor() as unknown as Monitor;
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, callback) =>
    register(req, (err, response) => {
      if (!err && response) {
        resources.push({
          stack,
          urn: response.getUrn(),
          type: req.getType(),
          name: req.getName(),
          parent: req.getParent() || null,
          protect: req.getProtect(),
          inputs: redact(pulumi.runtime.deserializeProperties(req.getObject() as never)) as Record<string, unknown>,
          // A provider reference is "<urn>::<id>".
          provider: req.getProvider() ? req.getProvider().split("::").slice(0, -1).join("::") : null,
        });
      }
      callback(err, response);
    });

  let error: string | undefined;
  const fail = (e: unknown) => {
    error ??= e instanceof Error ? e.message : String(e);
  };
  // The program's own exception is caught inside the stack, so the stack resource still completes and no
  // rejection escapes into the next stack.
  const outputs = ((await pulumi.runtime.runInPulumiStack(async () => {
    try {
      if (!options.keepAliases) pulumi.runtime.registerStackTransformation(withoutAliases);
      return await program();
    } catch (e) {
      fail(e);
      return {};
    }
  })) ?? {}) as Record<string, unknown>;
  try {
    // Waits for every registration still in flight, then detaches the mock monitor for the next stack.
    await pulumi.runtime.disconnect();
  } catch (e) {
    fail(e);
  }
  return {
    name: stack,
    resources: inTreeOrder(resources),
    outputs: redact(outputs) as Record<string, unknown>,
    ...(error ? { error } : {}),
  };
}
