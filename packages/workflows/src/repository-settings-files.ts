/** The generated repository files besides the workflows: CODEOWNERS, the main ruleset, the CI identities table. */
import type { EnvironmentModel } from "@plugilo/model";
import { ciIdentities, identitiesMarkdown } from "./preview-identities.ts";
import { codeowners, mainRuleset } from "./repository-settings.ts";
import { platformRepository } from "./service-workflow.ts";

export function repositorySettingsFiles(models: readonly EnvironmentModel[]): [string, string][] {
  const [dev] = models;
  if (!dev) throw new Error("no environment");
  const platform = platformRepository(dev);
  const organization = platform.split("/")[0] ?? "";
  return [
    [".github/CODEOWNERS", codeowners(models, organization)],
    [".github/rulesets/main.json", `${JSON.stringify(mainRuleset(models), null, 2)}\n`],
    [".github/identities.md", identitiesMarkdown(ciIdentities(models, platform))],
  ];
}
