/**
 * Work the Pulumi SDK does for every resource that only the engine of a real deployment reads, switched off
 * while a stack runs in the offline plan (runStack) and switched back on after it:
 * - promise tracking: every promise of a resource's outputs (four per output property) is wrapped by
 *   `debuggablePromise`, which attaches three properties and a stack trace and chains two more promises, so
 *   that a program that exits with registrations in flight can name them. A plan waits for every
 *   registration (`disconnect`) and reports a failed one by its error, which the wrapping does not change.
 * - source positions: every resource constructor captures the whole call stack (its own
 *   `Error.stackTraceLimit` of Infinity) and turns each frame into a file URL, for the engine to show where a
 *   resource was declared. The plan records no source position.
 * Measured with `npm run bench` (ADR 0152): about a fifth of a plan's CPU time above the SDK import.
 * Both are internals of the pinned SDK version (package.json pins it exactly): `installSdkShortcuts` fails
 * loudly when one is not where it was, and a test plans with and without them and compares the JSON.
 */
import { createRequire } from "node:module";
import * as pulumi from "@pulumi/pulumi";

interface Debuggable {
  debuggablePromise: <T>(promise: Promise<T>, context: unknown) => Promise<T>;
}
interface WithStackTrace {
  stackTrace: (skip: number) => unknown[];
}

// The SDK's own module instance (CommonJS, cached by path): the one its resource and rpc modules call into.
const debuggable = createRequire(import.meta.url)("@pulumi/pulumi/runtime/debuggable.js") as Debuggable;
const resourceClass = pulumi.Resource as unknown as WithStackTrace;
const original = { debuggablePromise: debuggable.debuggablePromise, stackTrace: resourceClass.stackTrace };

function untracked<T>(promise: Promise<T>): Promise<T> {
  return promise;
}
function noSourcePosition(): unknown[] {
  return [];
}

/** Switches the shortcuts on; returns the function that switches them off again. */
export function installSdkShortcuts(): () => void {
  if (typeof original.debuggablePromise !== "function" || typeof original.stackTrace !== "function") {
    throw new Error(
      "the offline plan's SDK shortcuts no longer match @pulumi/pulumi (runtime/debuggable.js debuggablePromise, Resource.stackTrace): " +
        "check sdk-shortcuts.ts against the upgraded SDK",
    );
  }
  debuggable.debuggablePromise = untracked;
  resourceClass.stackTrace = noSourcePosition;
  return () => {
    debuggable.debuggablePromise = original.debuggablePromise;
    resourceClass.stackTrace = original.stackTrace;
  };
}

/** Whether the shortcuts are on (for tests). */
export function sdkShortcutsInstalled(): boolean {
  return debuggable.debuggablePromise === untracked && resourceClass.stackTrace === noSourcePosition;
}
