/**
 * The organization runner groups the model asks for (packages/model/src/gitops/runner-scale-sets.ts, docs/adr/0137):
 * production's deploy scale set registers into a group that only the platform repository may use and only for
 * its deploy workflow on main (`restricted_to_workflows`, `selected_workflows`), so a branch with another
 * workflow file, or the same file on another branch, cannot reach the runners inside production's network.
 * Creating a group needs an organization admin (the bootstrap runs as one) and GitHub Enterprise Cloud or Team
 * with runner groups; ARC's GitHub App then needs the organization permission "Self-hosted runners: write".
 * https://docs.github.com/en/rest/actions/self-hosted-runner-groups#create-a-self-hosted-runner-group-for-an-organization
 * https://www.pulumi.com/registry/packages/github/api-docs/actionsrunnergroup/
 */
import type { RunnerGroupModel } from "@plugilo/model";
import { ActionsRunnerGroup, getRepositoryOutput, type Provider } from "@pulumi/github";
import * as pulumi from "@pulumi/pulumi";

export interface GitHubRunnerGroupsArgs {
  groups: readonly RunnerGroupModel[];
  provider: Provider;
}

export class GitHubRunnerGroups extends pulumi.ComponentResource {
  readonly groups: ActionsRunnerGroup[];

  constructor(name: string, args: GitHubRunnerGroupsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("plugilo:bootstrap:GitHubRunnerGroups", name, {}, opts);
    const own = { parent: this, provider: args.provider };
    this.groups = args.groups.map((g) => {
      const repository = getRepositoryOutput({ fullName: g.repository }, { provider: args.provider });
      return new ActionsRunnerGroup(
        `runner-group-${g.name}`,
        {
          name: g.name,
          visibility: g.visibility,
          selectedRepositoryIds: [repository.repoId],
          restrictedToWorkflows: g.restrictedToWorkflows,
          selectedWorkflows: g.selectedWorkflows,
          allowsPublicRepositories: g.allowsPublicRepositories,
        },
        own,
      );
    });
    this.registerOutputs({ groups: args.groups.map((g) => g.name) });
  }
}
