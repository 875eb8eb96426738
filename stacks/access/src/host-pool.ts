/**
 * The pooled host pool of the admin desktops, and the registration token its session hosts join with.
 *
 * Every deployment issues a fresh token with a short lifetime (access.avd.hostPool.registrationTokenHours):
 * a token admits any VM that holds it, so it must not outlive the deployment that uses it. The expiry is the
 * start of the current hour plus that lifetime, so plans within an hour agree. Azure no longer returns the
 * token with the host pool (API 2023-09-05 and later), so it is read with retrieveRegistrationToken and kept
 * a secret. https://learn.microsoft.com/rest/api/desktopvirtualization/host-pools/retrieve-registration-token
 *
 * API 2024-04-03 (the SDK default, GA; AZURE-FACTS: preview APIs unsupported since 2025-03-11).
 */
import { sendToLogAnalytics } from "@plugilo/components";
import type { AvdModel } from "@plugilo/model";
import { getHostPoolRegistrationTokenOutput, HostPool } from "@pulumi/azure-native/desktopvirtualization/index.js";
import * as pulumi from "@pulumi/pulumi";

export interface AvdHostPoolArgs {
  avd: AvdModel;
  tags: Record<string, string>;
  /** The deployment's clock: the token's expiry counts from it. */
  now: Date;
}

const HOUR_MS = 3_600_000;

/** The token's expiry: the start of the current hour plus its lifetime, in ISO 8601 (UTC). */
export function registrationTokenExpiry(now: Date, hours: number): string {
  return new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS + hours * HOUR_MS).toISOString();
}

export class AvdHostPool extends pulumi.ComponentResource {
  readonly hostPool: HostPool;
  /** The registration token (secret): only the AVD agent extension of each session host reads it. */
  readonly registrationToken: pulumi.Output<string>;
  readonly registrationTokenExpiry: string;

  constructor(name: string, args: AvdHostPoolArgs, opts?: pulumi.ComponentResourceOptions) {
    super("plugilo:access:AvdHostPool", name, {}, opts);
    const { avd, tags } = args;
    const hp = avd.hostPool;
    const child = { parent: this };
    this.registrationTokenExpiry = registrationTokenExpiry(args.now, hp.registrationTokenHours);

    this.hostPool = new HostPool(
      hp.name,
      {
        resourceGroupName: avd.resourceGroup,
        location: avd.region,
        hostPoolName: hp.name,
        friendlyName: hp.friendlyName,
        hostPoolType: hp.hostPoolType,
        loadBalancerType: hp.loadBalancerType,
        maxSessionLimit: hp.maxSessionLimit,
        preferredAppGroupType: hp.preferredAppGroupType,
        // A production pool: validation hosts get service updates first.
        validationEnvironment: hp.validationEnvironment,
        startVMOnConnect: hp.startVmOnConnect,
        customRdpProperty: hp.customRdpProperty,
        // No Private Link for AVD: clients and session hosts reach the service over its public endpoints
        // (session hosts through the firewall), docs/adr/0071.
        publicNetworkAccess: "Enabled",
        registrationInfo: { expirationTime: this.registrationTokenExpiry, registrationTokenOperation: "Update" },
        tags,
      },
      child,
    );
    sendToLogAnalytics(
      hp.name,
      { resourceId: this.hostPool.id, workspaceId: avd.logAnalyticsWorkspaceId, logs: true, metrics: false },
      child,
    );

    const token = getHostPoolRegistrationTokenOutput(
      { hostPoolName: this.hostPool.name, resourceGroupName: avd.resourceGroup },
      { parent: this },
    ).apply((r) => {
      if (!r.token) throw new Error(`host pool ${hp.name} returned no registration token`);
      return r.token;
    });
    this.registrationToken = pulumi.secret(token);
    this.registerOutputs({ hostPoolId: this.hostPool.id, registrationTokenExpiry: this.registrationTokenExpiry });
  }
}
