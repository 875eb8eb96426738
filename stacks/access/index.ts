// Entry point of `pulumi up` for this layer: the stack's config names the environment; the model does the rest.
// With access.mode tailscale, `plugilo-access:tailnetMembers` ({ "group:platform-admins": [emails], ... })
// fills the tailnet groups.
import { loadModel } from "@plugilo/model";
import * as pulumi from "@pulumi/pulumi";
import { access } from "./src/program.ts";

export default () => {
  const members = new pulumi.Config("plugilo-access").getObject<Record<string, string[]>>("tailnetMembers");
  return access(loadModel(new pulumi.Config("plugilo").require("environment")), members ? { tailnetMembers: members } : {});
};
