/**
 * The session hosts' local administrator password: generated, never typed, kept as a secret in the
 * environment's Key Vault (shared layer, Data Platform subscription) for break-glass access. People sign in
 * with Entra ID; this account is for when Entra sign-in itself is broken. Both resources are protected like
 * stateful ones: losing them loses the only way into a host whose Entra join failed.
 * https://learn.microsoft.com/azure/virtual-machines/windows/faq#what-are-the-password-requirements-when-creating-a-vm-
 */
import type { AvdModel } from "@plugilo/model";
import { Secret } from "@pulumi/azure-native/keyvault/index.js";
import type { Provider } from "@pulumi/azure-native/provider.js";
import * as pulumi from "@pulumi/pulumi";
import { RandomPassword } from "@pulumi/random/randomPassword.js";

export interface LocalAdminPasswordArgs {
  avd: AvdModel;
  /** The Data Platform subscription's provider: the vault lives there. */
  vaultProvider: Provider;
  protect: boolean;
  tags: Record<string, string>;
}

export class LocalAdminPassword extends pulumi.ComponentResource {
  readonly password: pulumi.Output<string>;
  readonly secret: Secret;

  constructor(name: string, args: LocalAdminPasswordArgs, opts?: pulumi.ComponentResourceOptions) {
    super("plugilo:access:LocalAdminPassword", name, {}, opts);
    const { avd, protect } = args;
    const s = avd.localAdminSecret;
    // Azure wants 12-123 characters from three of four classes: ask for all four.
    const generated = new RandomPassword(
      s.secretName,
      { length: 32, special: true, overrideSpecial: "!#%*-_=+?", minLower: 2, minUpper: 2, minNumeric: 2, minSpecial: 2 },
      { parent: this, protect },
    );
    // Secret everywhere it flows (the VM's osProfile, the vault), whatever the provider marks.
    this.password = pulumi.secret(generated.result);
    this.secret = new Secret(
      s.secretName,
      {
        resourceGroupName: s.resourceGroup,
        vaultName: s.vaultName,
        secretName: s.secretName,
        properties: {
          value: this.password,
          contentType: `password of ${avd.sessionHosts.adminUsername} on the AVD session hosts`,
        },
        tags: args.tags,
      },
      { parent: this, provider: args.vaultProvider, protect },
    );
    this.registerOutputs({ secretName: s.secretName });
  }
}
