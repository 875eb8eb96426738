/**
 * The Tailscale policy file of a non-production tailnet, applied as code (the model's tailnetPolicy): it
 * replaces what the admin console holds (overwriteExistingContent), so the policy is only ever changed here.
 * Credentials come from the environment of `pulumi up` (TAILSCALE_OAUTH_CLIENT_ID/SECRET, a client with the
 * policy_file scope), never from the stack.
 * https://www.pulumi.com/registry/packages/tailscale/api-docs/acl/
 */
import type { TailnetPolicy } from "@plugilo/model";
import * as pulumi from "@pulumi/pulumi";
import { Acl, Provider } from "@pulumi/tailscale";

export interface TailnetAclArgs {
  policy: TailnetPolicy;
  /** The tailnet's ID. @default the tailnet of the credentials */
  tailnet?: string;
}

export class TailnetAcl extends pulumi.ComponentResource {
  readonly acl: Acl;

  constructor(name: string, args: TailnetAclArgs, opts?: pulumi.ComponentResourceOptions) {
    super("plugilo:access:TailnetAcl", name, {}, opts);
    const provider = new Provider("tailscale", args.tailnet ? { tailnet: args.tailnet } : {}, { parent: this });
    this.acl = new Acl(
      "policy",
      { acl: JSON.stringify(args.policy, null, 2), overwriteExistingContent: true },
      { parent: this, provider },
    );
    this.registerOutputs({});
  }
}
