/**
 * Helm values in layers: the add-on's defaults, then the environment file (gitops.addons), then the cluster
 * (clusters[].addons). A later layer wins key by key; mappings merge, lists and scalars are replaced whole
 * (as Helm merges several values files). `null` removes a key, as in Helm.
 */
import type { HelmValues } from "@plugilo/model";

function isMapping(value: unknown): value is HelmValues {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** `over` merged onto `base`; neither is changed. */
export function mergeValues(base: HelmValues, over: HelmValues): HelmValues {
  const out: HelmValues = structuredClone(base);
  for (const [key, value] of Object.entries(over)) {
    if (value === null) delete out[key];
    else if (isMapping(value) && isMapping(out[key])) out[key] = mergeValues(out[key] as HelmValues, value);
    else out[key] = structuredClone(value);
  }
  return out;
}

/** default -> environment -> cluster. */
export function layerValues(...layers: (HelmValues | undefined)[]): HelmValues {
  return layers.reduce<HelmValues>((acc, layer) => (layer ? mergeValues(acc, layer) : acc), {});
}
