/**
 * The firewall policy of one region (Premium): threat intelligence Deny, IDPS in the environment's mode with
 * its private ranges set explicitly, DNS proxy on, TLS inspection when the configuration turns it on, and
 * the rule collection groups of firewall-rules.ts. One policy per region, so a region keeps working while
 * the other region's control plane is down.
 * https://learn.microsoft.com/azure/firewall/premium-features
 */
import type { FirewallPolicyModel, HubModel } from "@plugilo/model";
import { FirewallPolicy, FirewallPolicyRuleCollectionGroup } from "@pulumi/azure-native/network/index.js";
import * as pulumi from "@pulumi/pulumi";
import type { RuleCollectionGroup } from "./firewall-rules.ts";

export interface RegionalFirewallPolicyArgs {
  /** The environment's firewall policy settings (tier, threat intelligence, IDPS, DNS proxy, TLS inspection). */
  readonly settings: Pick<
    FirewallPolicyModel,
    "tier" | "threatIntelMode" | "idpsMode" | "idpsPrivateRanges" | "dnsProxy" | "tlsInspection"
  >;
  /** The hub: region, resource group, the policy's name, the ranges the firewall does not SNAT. */
  readonly hub: Pick<HubModel, "region" | "resourceGroup" | "firewallPolicyName" | "snatPrivateRanges">;

  /** The rule collection groups of this hub's policy (firewall-rules.ts), created in this order. */
  readonly ruleCollectionGroups: readonly RuleCollectionGroup[];
  readonly tags: Record<string, string>;
  /** The user-assigned identity that reads the TLS inspection CA, when TLS inspection is on. */
  tlsIdentityId?: pulumi.Input<string>;
}

export class RegionalFirewallPolicy extends pulumi.ComponentResource {
  readonly policy: FirewallPolicy;
  readonly ruleCollectionGroups: FirewallPolicyRuleCollectionGroup[] = [];

  constructor(name: string, args: RegionalFirewallPolicyArgs, opts?: pulumi.ComponentResourceOptions) {
    super("plugilo:hub:RegionalFirewallPolicy", name, {}, opts);
    const { settings, hub, tags } = args;
    const tls = settings.tlsInspection;
    const child = { parent: this };

    this.policy = new FirewallPolicy(
      hub.firewallPolicyName,
      {
        resourceGroupName: hub.resourceGroup,
        location: hub.region,
        firewallPolicyName: hub.firewallPolicyName,
        sku: { tier: settings.tier },
        threatIntelMode: settings.threatIntelMode,
        intrusionDetection: {
          mode: settings.idpsMode,
          configuration: { privateRanges: settings.idpsPrivateRanges },
        },
        dnsSettings: { enableProxy: settings.dnsProxy },
        snat: { privateRanges: hub.snatPrivateRanges },
        ...(tls.enabled && args.tlsIdentityId
          ? {
              identity: { type: "UserAssigned", userAssignedIdentities: [args.tlsIdentityId] },
              transportSecurity: {
                certificateAuthority: { name: "tls-inspection-ca", keyVaultSecretId: tls.caCertificateSecretId },
              },
            }
          : {}),
        tags,
      },
      child,
    );

    // One group at a time: Azure rejects concurrent updates of one policy's rule collection groups.
    let previous: pulumi.Resource | undefined;
    for (const group of args.ruleCollectionGroups) {
      const rcg: FirewallPolicyRuleCollectionGroup = new FirewallPolicyRuleCollectionGroup(
        `${hub.firewallPolicyName}-${group.name}`,
        {
          resourceGroupName: hub.resourceGroup,
          firewallPolicyName: this.policy.name,
          ruleCollectionGroupName: group.name,
          priority: group.priority,
          ruleCollections: group.ruleCollections,
        },
        { ...child, ...(previous ? { dependsOn: [previous] } : {}) },
      );
      this.ruleCollectionGroups.push(rcg);
      previous = rcg;
    }
    this.registerOutputs({ firewallPolicyId: this.policy.id });
  }
}
