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
export async function runStack(project: string, stack: string, program: StackProgram, azure: SimulatedAzure): Promise<StackRun> {
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
  return { name: stack, resources, outputs: redact(outputs) as Record<string, unknown>, ...(error ? { error } : {}) };
}
