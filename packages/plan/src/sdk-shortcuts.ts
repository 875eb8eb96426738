/**
 * Work the Pulumi SDK does for every resource that the offline plan never reads, switched off while a stack
 * runs in the plan (runStack) and switched back on after it:
 * - promise tracking: every promise of a resource's registration and outputs is wrapped by
 *   `debuggablePromise`, which attaches three properties and a stack trace and chains two more promises, so
 *   that a program that exits with registrations in flight can name them. A plan waits for every
 *   registration (`disconnect`) and reports a failed one by its error, which the wrapping does not change.
 * - source positions: every resource constructor captures the whole call stack (its own
 *   `Error.stackTraceLimit` of Infinity) and turns each frame into a file URL, for the engine to show where a
 *   resource was declared. The plan records no source position.
 * - eager outputs: `transferProperties` builds an Output (a Proxy over about ten promises) for every output
 *   property of every resource when it is constructed, though a program reads few of them (an ID, a name).
 *   Here each property's Output is built when the program first reads the property, from the same four
 *   promises (value, known, secret, dependencies), settled with what the registration returned.
 * Measured with `npm run bench` and CPU profiles (ADR 0152). All three are internals of the pinned SDK version
 * (package.json pins it exactly): `installSdkShortcuts` fails loudly when one is not where it was, and a test
 * plans with and without them and compares the JSON byte for byte.
 */
import { createRequire } from "node:module";
import * as pulumi from "@pulumi/pulumi";

type Resolver = (value: unknown, isKnown: boolean, isSecret: boolean, deps?: unknown[], err?: unknown) => void;
interface Debuggable {
  debuggablePromise: <T>(promise: Promise<T>, context: unknown) => Promise<T>;
}
interface Rpc {
  transferProperties: (onto: object, label: string, props: Record<string, unknown>) => Record<string, Resolver>;
}
interface WithStackTrace {
  stackTrace: (skip: number) => unknown[];
}
type OutputConstructor = new (
  resources: unknown,
  value: Promise<unknown>,
  isKnown: Promise<unknown>,
  isSecret: Promise<unknown>,
  allResources: Promise<unknown>,
) => unknown;

// The SDK's own module instances (CommonJS, cached by path): the ones its resource module calls into.
const sdkRequire = createRequire(import.meta.url);
const debuggable = sdkRequire("@pulumi/pulumi/runtime/debuggable.js") as Debuggable;
const rpc = sdkRequire("@pulumi/pulumi/runtime/rpc.js") as Rpc;
const { isGrpcError } = sdkRequire("@pulumi/pulumi/errors.js") as { isGrpcError: (err: unknown) => boolean };
const resourceClass = pulumi.Resource as unknown as WithStackTrace;
const Output = pulumi.Output as unknown as OutputConstructor;
const original = {
  debuggablePromise: debuggable.debuggablePromise,
  stackTrace: resourceClass.stackTrace,
  transferProperties: rpc.transferProperties,
};

function untracked<T>(promise: Promise<T>): Promise<T> {
  return promise;
}
function noSourcePosition(): unknown[] {
  return [];
}

interface Resolved {
  err?: undefined;
  value: unknown;
  isKnown: boolean;
  isSecret: boolean;
  deps: unknown[];
}
type Settled = { err: unknown } | Resolved;

/**
 * `transferProperties` with each output property's Output built on first read. The resolver the SDK calls
 * when the registration completes (or fails) is the same shape; a gRPC error is skipped as the SDK skips it
 * (the monitor is shutting down). Assigning the property replaces it, as it would the SDK's plain field.
 */
function transferPropertiesOnRead(onto: object, label: string, props: Record<string, unknown>): Record<string, Resolver> {
  const resolvers: Record<string, Resolver> = {};
  for (const key of Object.keys(props)) {
    if (key === "id" || key === "urn") continue;
    if (Object.hasOwn(onto, key)) throw new Error(`Property '${key}' is already initialized on target '${label}`);
    let settled: Settled | undefined;
    const waiting: ((s: Settled) => void)[] = [];
    let output: unknown;
    resolvers[key] = (value, isKnown, isSecret, deps = [], err) => {
      if (err && isGrpcError(err)) return;
      settled = err ? { err } : { value, isKnown, isSecret, deps };
      for (const settle of waiting.splice(0)) settle(settled);
    };
    const part = (pick: (s: Resolved) => unknown) =>
      new Promise((resolve, reject) => {
        const settle = (s: Settled) => (s.err === undefined ? resolve(pick(s as Resolved)) : reject(s.err));
        if (settled) settle(settled);
        else waiting.push(settle);
      });
    Object.defineProperty(onto, key, {
      configurable: true,
      enumerable: true,
      get() {
        output ??= new Output(
          onto,
          part((s) => s.value),
          part((s) => s.isKnown),
          part((s) => s.isSecret),
          part((s) => s.deps),
        );
        return output;
      },
      set(value: unknown) {
        Object.defineProperty(onto, key, { value, writable: true, enumerable: true, configurable: true });
      },
    });
  }
  return resolvers;
}

/** Switches the shortcuts on; returns the function that switches them off again. */
export function installSdkShortcuts(): () => void {
  for (const [name, fn] of Object.entries(original)) {
    if (typeof fn !== "function")
      throw new Error(
        `the offline plan's SDK shortcuts no longer match @pulumi/pulumi (${name} is not a function): check sdk-shortcuts.ts against the upgraded SDK`,
      );
  }
  debuggable.debuggablePromise = untracked;
  resourceClass.stackTrace = noSourcePosition;
  rpc.transferProperties = transferPropertiesOnRead;
  return () => {
    debuggable.debuggablePromise = original.debuggablePromise;
    resourceClass.stackTrace = original.stackTrace;
    rpc.transferProperties = original.transferProperties;
  };
}

/** Whether the shortcuts are on (for tests). */
export function sdkShortcutsInstalled(): boolean {
  return (
    debuggable.debuggablePromise === untracked &&
    resourceClass.stackTrace === noSourcePosition &&
    rpc.transferProperties === transferPropertiesOnRead
  );
}
