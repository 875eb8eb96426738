/**
 * No retired VM size anywhere in a plan: every string in every planned resource's inputs, of any provider (an
 * AKS pool's vmSize, a Karpenter requirement, Helm values, a generic ARM body), is searched for Azure VM size
 * names, and each one on the retired list fails. The list is data with its sources:
 * packages/model/src/core/cluster-vm-sizes.ts (AZURE-FACTS: NCv3 retired 2025-09-30; D/Dv2/Ds/Dsv2, F/Fs/Fsv2, Av2
 * and B v1 announced for 2028).
 */
import { retiredVmFamily, retiredVmSizeMessage, vmSizesIn } from "@plugilo/model";
import type { PolicyRule } from "../types.ts";

/**
 * Calls `visit` with every string under `value` and the keys that lead to it. The path is only spelt out
 * for a string that names a VM size: a plan holds hundreds of thousands of strings and few such names.
 */
function visitStrings(
  value: unknown,
  keys: (string | number)[],
  visit: (text: string, keys: readonly (string | number)[]) => void,
): void {
  if (typeof value === "string") visit(value, keys);
  else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      keys.push(i);
      visitStrings(value[i], keys, visit);
      keys.pop();
    }
  } else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      keys.push(k);
      visitStrings(v, keys, visit);
      keys.pop();
    }
  }
}

/** `a.b[0].c` from the keys. */
const pathOf = (keys: readonly (string | number)[]) =>
  keys.reduce<string>((path, k) => (typeof k === "number" ? `${path}[${k}]` : path ? `${path}.${k}` : k), "");

export const noRetiredVmSizes: PolicyRule = {
  name: "no-retired-vm-sizes",
  description: "No planned resource names a retired VM size (or one with an announced retirement), anywhere in its inputs.",
  severity: "error",
  check(resource) {
    const messages: string[] = [];
    visitStrings(resource.inputs, [], (text, keys) => {
      // Every size name starts so (vmSizesIn's pattern): most strings are passed over without a regex.
      if (!text.includes("Standard_")) return;
      for (const size of vmSizesIn(text)) {
        const family = retiredVmFamily(size);
        if (family) messages.push(`${pathOf(keys)}: ${retiredVmSizeMessage(size, family)}`);
      }
    });
    return messages;
  },
};
