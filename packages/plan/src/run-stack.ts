/**
 * Runs one Pulumi program under the mock monitor and records every registered resource with its resolved
 * inputs, its parent and its protect flag: the same program `pulumi up` runs, seen before the engine.
 */

import type { PlannedResource } from "@plugilo/policy";
import * as pulumi from "@pulumi/pulumi";
import { installSdkShortcuts } from "./sdk-shortcuts.ts";
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
  /**
   * While the stack runs, switch off the SDK's per-resource source positions and promise tracking and build
   * each output when first read (sdk-shortcuts.ts). On by default; off runs the SDK as `pulumi up` does: the
   * same plan, slower.
   */
  sdkShortcuts?: boolean;
}

/**
 * Counts the resources of a stack as the program constructs them (`new X(...)`, in the order its code runs)
 * and, unless `keepAliases`, drops their aliases before Pulumi builds them. The SDK turns every alias into an
 * Output chain in the resource's constructor (and, for children, every parent alias too): in the offline
 * plan about half of the CPU time and 40% of the peak memory, for URNs nothing reads (the plan records no
 * aliases, and with no prior state the engine would match none). A legacy stack transformation, because it
 * runs in this thread, inside the constructor, before the aliases are collapsed; `registerResourceTransform`
 * goes through the engine's callback server.
 */
function constructionRecorder(keepAliases: boolean) {
  /** `<type> <name>` -> the construction numbers of the resources of that type and name. */
  const constructed = new Map<string, number[]>();
  let count = 0;
  const transformation: pulumi.ResourceTransformation = ({ type, name, props, opts }) => {
    const key = `${type}\u0000${name}`;
    const list = constructed.get(key);
    if (list) list.push(count++);
    else constructed.set(key, [count++]);
    return opts.aliases && !keepAliases ? { props, opts: { ...opts, aliases: undefined } } : undefined;
  };
  return { transformation, constructed };
}

/**
 * The resources of a stack in the order the program constructed them. Registration order follows how many
 * promise turns each registration takes inside the SDK, so it would change with anything that adds or
 * removes one (aliases, an SDK upgrade); construction order is the program's. A parent is constructed
 * before its children and a resource after those whose outputs it takes, so the order still says what
 * depends on what. Resources of one type and name (under different parents) take their numbers in URN
 * order; the stack resource, constructed before the program runs, comes first.
 */
export function inConstructionOrder(
  resources: readonly PlannedResource[],
  constructed: ReadonlyMap<string, readonly number[]>,
): PlannedResource[] {
  const byUrn = (a: PlannedResource, b: PlannedResource) => (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0);
  const number = new Map<PlannedResource, number>();
  const groups = new Map<string, PlannedResource[]>();
  for (const r of resources) {
    const key = `${r.type}\u0000${r.name}`;
    const group = groups.get(key);
    if (group) group.push(r);
    else groups.set(key, [r]);
  }
  for (const [key, group] of groups) {
    const numbers = constructed.get(key) ?? [];
    group.sort(byUrn).forEach((r, i) => {
      number.set(r, numbers[i] ?? -1);
    });
  }
  return [...resources].sort((a, b) => (number.get(a) as number) - (number.get(b) as number) || byUrn(a, b));
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
  const uninstall = (options.sdkShortcuts ?? true) ? installSdkShortcuts() : undefined;
  try {
    return await runProgram(project, stack, program, azure, options.keepAliases ?? false);
  } finally {
    uninstall?.();
  }
}

async function runProgram(
  project: string,
  stack: string,
  program: StackProgram,
  azure: SimulatedAzure,
  keepAliases: boolean,
): Promise<StackRun> {
  const resources: PlannedResource[] = [];
  const recorder = constructionRecorder(keepAliases);
  // The inputs the mock monitor deserializes for the simulated Azure are the ones the plan records: taken as
  // they pass (the monitor hands them on before its first await), not deserialized a second time.
  const passing: { args?: pulumi.runtime.MockResourceArgs } = {};
  const mocks: pulumi.runtime.Mocks = {
    newResource: (args) => {
      passing.args = args;
      return azure.newResource(args);
    },
    call: (args) => azure.call(args),
  };
  const takePassing = (): pulumi.runtime.MockResourceArgs | undefined => {
    const args = passing.args;
    passing.args = undefined;
    return args;
  };
  await pulumi.runtime.setMocks(mocks, project, stack, false);
  const monitor = pulumi.runtime.getMonitor() as unknown as Monitor;
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, callback) => {
    takePassing();
    let inputs: Record<string, unknown> | undefined;
    const registered = register(req, (err, response) => {
      if (!err && response) {
        resources.push({
          stack,
          urn: response.getUrn(),
          type: req.getType(),
          name: req.getName(),
          parent: req.getParent() || null,
          protect: req.getProtect(),
          inputs: inputs ?? (redact(pulumi.runtime.deserializeProperties(req.getObject() as never)) as Record<string, unknown>),
          // A provider reference is "<urn>::<id>".
          provider: req.getProvider() ? req.getProvider().split("::").slice(0, -1).join("::") : null,
        });
      }
      callback(err, response);
    });
    // Copied now: the simulated Azure may add to what it was given before the registration completes.
    const args = takePassing();
    if (args && args.type === req.getType() && args.name === req.getName())
      inputs = redact(args.inputs) as Record<string, unknown>;
    return registered;
  };

  let error: string | undefined;
  const fail = (e: unknown) => {
    error ??= e instanceof Error ? e.message : String(e);
  };
  // An error thrown inside an `apply` rejects the registration of the resource that takes the output. The SDK
  // leaves that rejection unhandled (`pulumi up` reports those and fails); here it fails the stack, so a plan
  // is never clean while a deployment would fail.
  const onUnhandled = (reason: unknown) => fail(reason);
  process.on("unhandledRejection", onUnhandled);
  // The program's own exception is caught inside the stack, so the stack resource still completes and no
  // rejection escapes into the next stack.
  const outputs = ((await pulumi.runtime.runInPulumiStack(async () => {
    try {
      pulumi.runtime.registerStackTransformation(recorder.transformation);
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
  } finally {
    // Rejections are reported after the turn they happen in: let the last ones arrive first.
    await new Promise((resolve) => setImmediate(resolve));
    process.off("unhandledRejection", onUnhandled);
  }
  return {
    name: stack,
    resources: inConstructionOrder(resources, recorder.constructed),
    outputs: redact(outputs) as Record<string, unknown>,
    ...(error ? { error } : {}),
  };
}
