/**
 * Which runner scale set each job runs on (packages/model/src/gitops/runner-scale-sets.ts, docs/adr/0122): the deploy
 * job on its environment's deploy set, pull-request previews on the preview set, a service's build on the
 * build set registered for that service's repository. No job ever picks a set from an input.
 */
import type { EnvironmentModel, RunnerPurpose, RunnerScaleSetModel } from "@plugilo/model";
import type { ServiceSource } from "./promote-image.ts";

export function runnerLabelFor(model: EnvironmentModel, purpose: RunnerPurpose): string {
  const set = model.gitops.runnerScaleSets.find((s) => s.purpose === purpose);
  if (!set) throw new Error(`${model.file}: gitops.runners.scaleSets has no ${purpose} scale set`);
  return set.runnerScaleSetName;
}

/** The build set registered for the service's repository: its label for `runs-on`. */
export function buildRunnerLabel(model: EnvironmentModel, source: ServiceSource): string {
  return buildRunnerSet(model, source).runnerScaleSetName;
}

/** The build set registered for the service's repository (its namespace holds the BuildKit pods too). */
export function buildRunnerSet(model: EnvironmentModel, source: ServiceSource): RunnerScaleSetModel {
  const set = model.gitops.runnerScaleSets.find(
    (s) => s.purpose === "build" && s.repository.toLowerCase() === source.sourceRepository.toLowerCase(),
  );
  if (!set)
    throw new Error(
      `${model.file}: no build scale set for ${source.sourceRepository} (service ${source.service}): add { purpose: build, repository: ${source.sourceRepository.split("/")[1]} } to gitops.runners.scaleSets`,
    );
  // The set's identity may push only to <owner>/<repo> and under it (docs/adr/0135): the image must live there.
  const scope = set.repository.toLowerCase();
  const image = source.imageRepository.toLowerCase();
  if (image !== scope && !image.startsWith(`${scope}/`))
    throw new Error(
      `service ${source.service}: image.repository ${source.imageRepository} is outside ${scope}, the only repositories its build runners may push to`,
    );
  return set;
}
