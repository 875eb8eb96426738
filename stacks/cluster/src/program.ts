/** Layer cluster, one stack per cluster. Its Azure resources arrive with the Clusters issue (#5). */
import type { EnvironmentModel } from "@plugilo/model";

export function cluster(model: EnvironmentModel, name: string) {
  const c = model.clusters.find((x) => x.name === name);
  if (!c)
    throw new Error(
      `environment ${model.name} has no cluster "${name}" (clusters: ${model.clusters.map((x) => x.name).join(", ")})`,
    );
  return { aksName: c.aksName, region: c.region, ingressIp: c.ingressIp, gitopsPath: c.gitopsPath };
}
