import type { EnvironmentModel } from "@plugilo/model";
import { UsageError } from "./fatal.ts";

/** `--stack` names must be stacks of the environment: an unknown one would plan nothing and look like success. */
export function checkStackNames(model: EnvironmentModel, names: readonly string[]): void {
  // The bootstrap stack is planned only when named (it is not a layer: no workflow deploys it).
  const known = [...model.layers.map((l) => l.name), "bootstrap"];
  const unknown = names.filter((n) => !known.includes(n));
  if (unknown.length) {
    throw new UsageError(
      `unknown stack${unknown.length > 1 ? "s" : ""} ${unknown.map((n) => `"${n}"`).join(", ")} in ${model.name} (its stacks: ${known.join(", ")}); nothing was planned`,
    );
  }
}
