// Entry point of `pulumi up` for one cluster: the stack's config names the environment and the cluster.
// A private GitOps repository: set argocdGithubAppId, argocdGithubAppInstallationId and (as a secret)
// argocdGithubAppPrivateKey; Argo CD then reads the repository as that GitHub App.
import { loadModel } from "@plugilo/model";
import * as pulumi from "@pulumi/pulumi";
import { cluster } from "./src/program.ts";

const config = new pulumi.Config("plugilo");
const appId = config.get("argocdGithubAppId");
export default () =>
  cluster(loadModel(config.require("environment")), config.require("cluster"), {
    ...(appId
      ? {
          repositoryCredential: {
            githubAppId: appId,
            githubAppInstallationId: config.require("argocdGithubAppInstallationId"),
            githubAppPrivateKey: config.requireSecret("argocdGithubAppPrivateKey"),
          },
        }
      : {}),
  });
