/**
 * No retired VM size anywhere in a plan: every string in every planned resource's inputs, of any provider (an
 * AKS pool's vmSize, a Karpenter requirement, Helm values, a generic ARM body), is searched for Azure VM size
 * names, and each one on the retired list fails. The list is data with its sources:
 * packages/model/src/core/cluster-vm-sizes.ts (AZURE-FACTS: NCv3 retired 2025-09-30; D/Dv2/Ds/Dsv2, F/Fs/Fsv2, Av2
 * and B v1 announced for 2028).
 */
import { retiredVmFamily, retiredVmSizeMessage, vmSizesIn } from "@plugilo/model";
import type { PolicyRule } from "../types.ts";

/** Every string value under `value`, with the path where it was found. */
function* stringsIn(value: unknown, path: string): Generator<[string, string]> {
  if (typeof value === "string") yield [path, value];
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* stringsIn(v, `${path}[${i}]`);
  else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) yield* stringsIn(v, path ? `${path}.${k}` : k);
  }
}

export const noRetiredVmSizes: PolicyRule = {
  name: "no-retired-vm-sizes",
  description: "No planned resource names a retired VM size (or one with an announced retirement), anywhere in its inputs.",
  severity: "error",
  check(resource) {
    const messages: string[] = [];
    for (const [path, text] of stringsIn(resource.inputs, "")) {
      for (const size of vmSizesIn(text)) {
        const family = retiredVmFamily(size);
        if (family) messages.push(`${path}: ${retiredVmSizeMessage(size, family)}`);
      }
    }
    return messages;
  },
};
