/** Layer data. Its Azure resources arrive with the Data platform issue (#6). */
import type { EnvironmentModel } from "@plugilo/model";

export function data(model: EnvironmentModel) {
  return { mode: model.config.data.mode, dataVnets: model.vnets.filter((v) => v.kind === "data").map((v) => v.name) };
}
