/**
 * Reading plan inputs: resources reference each other by ARM ID; a planned resource has no ID of its own, so
 * references are matched by resource group and name.
 */
import type { PlannedResource } from "@plugilo/policy";
import type { Subnet } from "./types.ts";

// biome-ignore lint/suspicious/noExplicitAny: plan inputs are untyped JSON
export type Inputs = Record<string, any>;

/** `{resourceGroup}/{name}` of an ARM ID's last segment, or of a child (`.../virtualNetworks/x/subnets/y`). */
export function refOf(id: string | undefined): { rg: string; name: string; child?: string } | undefined {
  if (!id || typeof id !== "string") return undefined;
  const parts = id.split("/");
  const rgIndex = parts.findIndex((p) => p.toLowerCase() === "resourcegroups");
  if (rgIndex < 0) return undefined;
  const rg = parts[rgIndex + 1] ?? "";
  const providerIndex = parts.findIndex((p) => p.toLowerCase() === "providers");
  const rest = parts.slice(providerIndex + 2);
  return { rg: rg.toLowerCase(), name: rest[1] ?? "", ...(rest.length >= 4 ? { child: rest[3] } : {}) };
}

export const key = (rg: string, name: string) => `${rg.toLowerCase()}/${name}`;
export const list = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x) => typeof x === "string") : typeof v === "string" ? [v] : [];

/** The plan's resources of one azure-native type (`network:VirtualNetwork`). */
export type ResourcesOf = (type: string) => PlannedResource[];
/** The subnet an ARM subnet ID names, when the plan has it. */
export type SubnetByRef = (id: string | undefined) => Subnet | undefined;
