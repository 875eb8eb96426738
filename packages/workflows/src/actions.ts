/**
 * Every third-party action the workflows use, pinned to the full commit SHA of a release tag (a tag can be
 * moved; a commit cannot). The generated YAML writes the tag as a comment after the SHA. To update: look up the
 * new tag's commit (`git ls-remote https://github.com/<repo> refs/tags/<tag>`), change both fields here, run
 * `npm run workflows`, and read the action's release notes for changed inputs. docs/adr/0080.
 * Each pin is the release https://github.com/<repo>/releases/tag/<tag>; the tests check every SHA against the
 * upstream tag list (../shared/upstream/actions.json) and that the tag is the newest of its major version.
 */
export interface PinnedAction {
  /** owner/repo, or owner/repo/path for an action in a subfolder. */
  repo: string;
  sha: string;
  tag: string;
}

export const ACTIONS = {
  checkout: { repo: "actions/checkout", sha: "3d3c42e5aac5ba805825da76410c181273ba90b1", tag: "v7.0.1" },
  setupNode: { repo: "actions/setup-node", sha: "820762786026740c76f36085b0efc47a31fe5020", tag: "v7.0.0" },
  uploadArtifact: { repo: "actions/upload-artifact", sha: "bbbca2ddaa5d8feaa63e36b76fdaad77386f024f", tag: "v7.0.0" },
  createGithubAppToken: {
    repo: "actions/create-github-app-token",
    sha: "1b10c78c7865c340bc4f6099eb2f838309f1e8c3",
    tag: "v3.1.1",
  },
  azureLogin: { repo: "azure/login", sha: "f5d393ae46f8fde4be8b75f32e3fc50e654ad0ca", tag: "v3.0.1" },
  useKubelogin: { repo: "azure/use-kubelogin", sha: "0ce7c36141aa27d4934872cf00b0120804c98a29", tag: "v1.3" },
  awsCredentials: {
    repo: "aws-actions/configure-aws-credentials",
    sha: "e6de054238d6b7531b4efff3b6587d9aade6a06c",
    tag: "v6.2.3",
  },
  gcpAuth: { repo: "google-github-actions/auth", sha: "7c6bc770dae815cd3e89ee6cdf493a5fab2cc093", tag: "v3.0.0" },
  pulumi: { repo: "pulumi/actions", sha: "8e5e406f4007fca908480587cb9893c07090f58d", tag: "v7.0.0" },
  setupBuildx: { repo: "docker/setup-buildx-action", sha: "37fe631027851001ddb9b187196cc803df7f5f0e", tag: "v4.3.0" },
  buildPush: { repo: "docker/build-push-action", sha: "53b7df96c91f9c12dcc8a07bcb9ccacbed38856a", tag: "v7.3.0" },
  trivy: { repo: "aquasecurity/trivy-action", sha: "ed142fd0673e97e23eac54620cfb913e5ce36c25", tag: "v0.36.0" },
  checkov: { repo: "bridgecrewio/checkov-action", sha: "59b9d7edfcad5b87fbe3f473a9a134a721ad03f8", tag: "v12.3119.0" },
  sonarqube: {
    repo: "SonarSource/sonarqube-scan-action",
    sha: "22918119ff8e1ca75a623e15c8296b6ea4fbe28f",
    tag: "v8.2.1",
  },
  // The service pipeline's k6 and AI review steps (pinned from the action repositories' release tags).
  setupK6: { repo: "grafana/setup-k6-action", sha: "db07bd9765aac508ef18982e52ab937fe633a065", tag: "v1.2.1" },
  runK6: { repo: "grafana/run-k6-action", sha: "de51a7390bdf0ac85a3bef493691bd71d4c7c158", tag: "v1.4.0" },
  claudeCode: { repo: "anthropics/claude-code-action", sha: "24dcd50c0568f0fc9e9211213a4fd2d9eb15c4e0", tag: "v1.0.200" },
  uploadSarif: { repo: "github/codeql-action/upload-sarif", sha: "8aad20d150bbac5944a9f9d289da16a4b0d87c1e", tag: "v4.36.2" },
} as const satisfies Record<string, PinnedAction>;

export type ActionName = keyof typeof ACTIONS;

/** The `uses:` value of an action: owner/repo@sha. */
export function uses(name: ActionName): string {
  const action: PinnedAction = ACTIONS[name];
  return `${action.repo}@${action.sha}`;
}

/** Appends `# <tag>` to every `uses: owner/repo@sha` line of a rendered workflow. */
export function commentPinnedTags(yamlText: string): string {
  const bySha = new Map(Object.values(ACTIONS).map((a: PinnedAction) => [`${a.repo}@${a.sha}`, a.tag]));
  return yamlText.replace(/^(\s*(?:- )?uses: )(\S+)$/gm, (line, prefix: string, ref: string) => {
    const tag = bySha.get(ref);
    return tag ? `${prefix}${ref} # ${tag}` : line;
  });
}
