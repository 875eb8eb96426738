/**
 * The service workflow's source job: the calling repository -> its service, image repository and build
 * runners, from a table fixed at generation (the specs' sourceRepository), so no caller input names them.
 */
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: "${{ ... }}" here is GitHub Actions expression syntax, not a template.
import type { EnvironmentModel } from "@plugilo/model";
import { HOSTED_RUNNER } from "./infrastructure-workflow.ts";
import type { ServiceSource } from "./promote-image.ts";
import { buildRunnerSet } from "./runner-sets.ts";
import type { Job } from "./workflow-types.ts";

/** The pushes to main, where the image is pushed and promoted (pull requests only build and scan). */
export const onMain = "github.ref == 'refs/heads/main' && github.event_name != 'pull_request'";
/** The service's image in a registry, by the repository the source job looked up. */
export const image = (registry: string) => `${registry}/\${{ needs.source.outputs.image-repository }}`;

/** The platform repository (owner/name), from the GitOps repository Argo CD syncs (https://github.com/<org>/<name>.git). */
export function platformRepository(model: EnvironmentModel): string {
  const url = model.clusters[0]?.argocd.repoUrl ?? "";
  const m = /^https:\/\/github\.com\/([^/]+)\/([^/]+?)(?:\.git)?$/.exec(url);
  if (!m) throw new Error(`${model.file}: argocd.repoUrl ${url} is not a GitHub repository`);
  return `${m[1]}/${m[2]}`;
}

/** The calling repository -> its service, image repository and build runners: a table fixed at generation. */
export function sourceJob(sources: readonly ServiceSource[], dev: EnvironmentModel): Job {
  const cases = sources.map((s) => {
    const set = buildRunnerSet(dev, s);
    return `  ${s.sourceRepository}) echo "service=${s.service}"; echo "image-repository=${s.imageRepository}"; echo "runner=${set.runnerScaleSetName}"; echo "runner-namespace=${set.namespace}" ;;`;
  });
  return {
    name: "Service of this repository",
    "runs-on": HOSTED_RUNNER,
    "timeout-minutes": 5,
    permissions: {},
    outputs: {
      service: "${{ steps.source.outputs.service }}",
      "image-repository": "${{ steps.source.outputs.image-repository }}",
      runner: "${{ steps.source.outputs.runner }}",
      // The build set's own namespace (docs/adr/0139): where its BuildKit pods run.
      "runner-namespace": "${{ steps.source.outputs.runner-namespace }}",
    },
    steps: [
      {
        name: "Look up the service whose spec names this repository",
        id: "source",
        run: [
          "set -euo pipefail",
          'case "$GITHUB_REPOSITORY" in',
          ...cases,
          '  *) echo "::error::$GITHUB_REPOSITORY is the sourceRepository of no service spec in the platform repository"; exit 1 ;;',
          'esac >> "$GITHUB_OUTPUT"',
        ].join("\n"),
      },
    ],
  };
}
