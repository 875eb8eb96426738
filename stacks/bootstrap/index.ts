// Entry point of `pulumi up` for this layer: the stack's config names the environment; optional
// `plugilo-bootstrap:*` keys override the defaults of src/settings.ts (globally unique names, allowed ranges).
import { loadModel } from "@plugilo/model";
import * as pulumi from "@pulumi/pulumi";
import { bootstrap } from "./src/program.ts";
import { defaultSettings } from "./src/settings.ts";

export default () => {
  const model = loadModel(new pulumi.Config("plugilo").require("environment"));
  const config = new pulumi.Config("plugilo-bootstrap");
  const defaults = defaultSettings(model);
  return bootstrap(model, {
    githubOwner: config.get("githubOwner") ?? defaults.githubOwner,
    githubRepository: config.get("githubRepository") ?? defaults.githubRepository,
    reviewerTeam: config.get("reviewerTeam") ?? defaults.reviewerTeam,
    location: defaults.location,
    stateAccountName: config.get("stateAccountName") ?? defaults.stateAccountName,
    secretsVaultName: config.get("secretsVaultName") ?? defaults.secretsVaultName,
    allowedIpRanges: config.getObject<string[]>("allowedIpRanges") ?? defaults.allowedIpRanges,
  });
};
