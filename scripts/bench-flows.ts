/**
 * `npm run bench:flows`: per environment, the plan's time and the flows' time beyond it (goal for prod:
 * <= 1 s), and the flows' time for the catalogue repeated 1, 2 and 4 times (linear in flows: ~1 : 2 : 4).
 * Ratios measured in one run; the machine may be shared.
 */
import { evaluateFlows } from "@plugilo/flows";
import { flowCatalogue, listEnvironments, loadModel } from "@plugilo/model";
import { planEnvironment } from "@plugilo/plan";

for (const env of listEnvironments()) {
  const model = loadModel(env);
  let t = performance.now();
  const { resources } = await planEnvironment(model);
  const planMs = performance.now() - t;
  const flows = flowCatalogue(model);
  const times: number[] = [];
  for (const k of [1, 2, 4]) {
    const many = Array.from({ length: k }, () => flows).flat();
    t = performance.now();
    evaluateFlows(model, resources, many);
    times.push(performance.now() - t);
  }
  const [one = 0, two = 0, four = 0] = times;
  console.log(
    `${env}: plan ${Math.round(planMs)} ms; flows ${flows.length} in ${Math.round(one)} ms beyond the plan (${(one / flows.length).toFixed(2)} ms/flow); x2 ${Math.round(two)} ms, x4 ${Math.round(four)} ms (ratio 1 : ${(two / one).toFixed(2)} : ${(four / one).toFixed(2)})`,
  );
}
