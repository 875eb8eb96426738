/**
 * The result of `plugilo flows` as the diagram and the report read it (the team's agreed JSON shape):
 * `{ environment, flows: [ { id, kind, source, destination, protocol, port, verdict, hops: [ { at, decision } ], reason } ] }`.
 * Consumers take it as an optional input and work without it.
 */
import { readFileSync } from "node:fs";
import { UsageError } from "../fatal.ts";

export interface FlowHop {
  /** The resource the traffic passes: a name (firewall, gateway), possibly with an address. */
  at: string;
  decision: string;
}

export interface Flow {
  id: string;
  /** inbound, egress, east-west, data, multicloud, ... */
  kind: string;
  source: string;
  destination: string;
  protocol: string;
  port: number | string;
  /** allow or deny (any other value is drawn as unknown). */
  verdict: string;
  hops: FlowHop[];
  reason: string;
}

export interface FlowsResult {
  environment: string;
  flows: Flow[];
}

/** Reads a `plugilo flows <env> --json` result from a file, checking its shape. */
export function readFlows(file: string, environment: string): FlowsResult {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new UsageError(`--flows ${file}: cannot read it as JSON (${(e as Error).message.split("\n")[0]})`);
  }
  const result = data as Partial<FlowsResult>;
  if (!result || typeof result !== "object" || !Array.isArray(result.flows)) {
    throw new UsageError(`--flows ${file}: expected { environment, flows: [...] } (the JSON of plugilo flows)`);
  }
  if (result.environment !== environment) {
    throw new UsageError(`--flows ${file}: is for environment "${String(result.environment)}", not "${environment}"`);
  }
  result.flows.forEach((f, i) => {
    if (!f || typeof f.id !== "string" || !Array.isArray(f.hops)) {
      throw new UsageError(`--flows ${file}: flows[${i}] lacks an id or hops`);
    }
  });
  return result as FlowsResult;
}
