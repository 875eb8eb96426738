/**
 * One pre-shared key per tunnel, generated and kept as a secret in the stack's state: both ends of a tunnel
 * read the same key from here and no person ever sees it. Letters only, 48 of them: AWS accepts 8-64
 * characters of letters, digits, periods and underscores, and no leading zero.
 * https://docs.aws.amazon.com/vpn/latest/s2svpn/VPNTunnels.html
 */
import type { VpnTunnelModel } from "@plugilo/model";
import * as pulumi from "@pulumi/pulumi";
import { RandomPassword } from "@pulumi/random/randomPassword.js";

export interface PreSharedKeysArgs {
  tunnels: readonly VpnTunnelModel[];
}

export class PreSharedKeys extends pulumi.ComponentResource {
  /** Tunnel key -> its pre-shared key (secret). */
  readonly byTunnel: Record<string, pulumi.Output<string>> = {};

  constructor(name: string, args: PreSharedKeysArgs, opts?: pulumi.ComponentResourceOptions) {
    super("plugilo:multicloud:PreSharedKeys", name, {}, opts);
    for (const tunnel of args.tunnels) {
      const key = new RandomPassword(
        `psk-${tunnel.key}`,
        { length: 48, special: false, numeric: false, upper: true, lower: true },
        { parent: this },
      );
      this.byTunnel[tunnel.key] = pulumi.secret(key.result);
    }
    this.registerOutputs({});
  }

  of(tunnel: VpnTunnelModel): pulumi.Output<string> {
    const key = this.byTunnel[tunnel.key];
    if (!key) throw new Error(`no pre-shared key for tunnel ${tunnel.key}`);
    return key;
  }
}
