/**
 * The golden path's service workflow (.github/workflows/service.yml), a reusable workflow (`workflow_call`)
 * that every service repository calls (docs/adr/0082, docs/adr/0120):
 * - source: which service the calling repository may build and promote. The table is generated from the
 *   specs' `sourceRepository` into service-source-job.ts, so the platform side decides it; no caller input names a
 *   service, a spec, an image repository, a platform repository or a runner;
 * - waivers: the repository's .github/security-waivers.yaml, checked (tool, ID, reason, owner, expiry) and
 *   turned into the Checkov skip list and the Trivy ignore list (security-waivers.ts);
 * - iac-scan: Checkov, failing on every finding that is not waived (GitHub-hosted: a Docker action);
 * - code-quality: SonarQube, when the caller has SONAR_TOKEN;
 * - build, on the service's own build runners in dev's AKS (registered for its repository only): unit tests
 *   (the Dockerfile's test stage); on pull requests an OCI archive that Trivy scans; on main the push, then
 *   Trivy on the pushed digest, so the image promoted is the image scanned;
 * - promote-<env>, main only, in promotion order behind each GitHub environment: staging and prod first copy
 *   the digest into their registry (`az acr import`, ARM: no network path needed), then each opens or
 *   updates the pull request promote/<service>/<env> in the platform repository that changes only that
 *   service's pin (packages/gitops/src/services/images/<env>.yaml) and deploy/<env>/, with a GitHub OIDC
 *   token as proof of origin. The promotion guard checks it; dev's pull request merges itself through the
 *   required checks, staging and prod need the CODEOWNERS' review (repository-settings.ts).
 * Each job is built in its own file (service-*-job.ts) and assembled by `serviceJobs`.
 */
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: "${{ ... }}" here is GitHub Actions expression syntax, not a template.
import type { EnvironmentModel } from "@plugilo/model";
import type { Toolchain } from "./infrastructure-workflow.ts";
import type { ServiceSource } from "./promote-image.ts";
import { buildJob } from "./service-build-job.ts";
import { codeQualityJob, iacScanJob, waiversJob } from "./service-check-jobs.ts";
import { addServicePipeline, SERVICE_PIPELINE_INPUTS, SERVICE_PIPELINE_SECRETS } from "./service-pipeline.ts";
import { promoteJob } from "./service-promote-job.ts";
import { platformRepository, sourceJob } from "./service-source-job.ts";
import type { Job, Workflow } from "./workflow-types.ts";

export { platformRepository } from "./service-source-job.ts";

/** The jobs, by ID. `models` in promotion order (dev, staging, prod): the first one builds. */
export function serviceJobs(
  models: readonly EnvironmentModel[],
  sources: readonly ServiceSource[],
  toolchain: Toolchain,
): Record<string, Job> {
  const [dev] = models;
  if (!dev) throw new Error("no environment to build for");
  const platform = platformRepository(dev);
  const jobs: Record<string, Job> = {
    source: sourceJob(sources, dev),
    waivers: waiversJob(),
    "iac-scan": iacScanJob(),
    "code-quality": codeQualityJob(),
    build: buildJob(dev),
  };
  models.forEach((model, i) => {
    const previous = models[i - 1];
    jobs[`promote-${model.name}`] = promoteJob(
      model,
      previous,
      previous ? `promote-${previous.name}` : undefined,
      platform,
      toolchain,
    );
  });
  addServicePipeline(jobs, toolchain, ["iac-scan", "code-quality", "build"]);
  return jobs;
}

/** The reusable workflow. */
export function serviceWorkflow(
  models: readonly EnvironmentModel[],
  sources: readonly ServiceSource[],
  toolchain: Toolchain,
): Workflow {
  return {
    name: "service",
    on: {
      workflow_call: {
        inputs: {
          context: { type: "string", default: ".", description: "Docker build context." },
          dockerfile: { type: "string", default: "Dockerfile", description: "Dockerfile, relative to the context." },
          "test-target": {
            type: "string",
            default: "test",
            description: "Dockerfile stage that runs the unit tests; empty for none.",
          },
          "sonar-project-key": {
            type: "string",
            default: "",
            description: "SonarQube project key; default: the service's name.",
          },
          ...SERVICE_PIPELINE_INPUTS,
        },
        secrets: {
          SONAR_TOKEN: { required: false, description: "SonarQube token; without it the scan is skipped." },
          SONAR_HOST_URL: { required: false, description: "SonarQube server URL (not needed for SonarQube Cloud)." },
          ...SERVICE_PIPELINE_SECRETS,
        },
        outputs: {
          service: { description: "The service this repository builds.", value: "${{ jobs.source.outputs.service }}" },
          "image-tag": { description: "The image tag (the commit SHA).", value: "${{ jobs.build.outputs.tag }}" },
          "image-digest": {
            description: "The pushed and scanned image's digest (main only).",
            value: "${{ jobs.build.outputs.digest }}",
          },
        },
      },
    },
    permissions: { contents: "read" },
    jobs: serviceJobs(models, sources, toolchain),
  };
}
