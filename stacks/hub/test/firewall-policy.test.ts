/**
 * RegionalFirewallPolicy planned alone with args built by hand: a Premium policy with threat intelligence in
 * Deny, IDPS in the given mode with its private ranges set explicitly, the DNS proxy on, the hub's SNAT
 * exceptions (https://learn.microsoft.com/azure/firewall/premium-features); TLS inspection's identity and CA
 * only when it is on (https://learn.microsoft.com/azure/firewall/premium-certificates); and the rule
 * collection groups it is given, one after the other, since Azure rejects concurrent updates of one policy's
 * groups.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { planComponent } from "@plugilo/testing";
import { RegionalFirewallPolicy } from "../src/firewall-policy.ts";
import type { RuleCollectionGroup } from "../src/firewall-rules.ts";

const hub = {
  region: "germanywestcentral" as const,
  resourceGroup: "rg-hub",
  firewallPolicyName: "afwp-acme-test-gwc",
  snatPrivateRanges: ["10.0.0.0/12", "10.20.0.0/26"],
};
const base = {
  tier: "Premium" as const,
  threatIntelMode: "Deny" as const,
  dnsProxy: true as const,
  idpsMode: "Deny" as const,
  idpsPrivateRanges: ["10.0.0.0/12", "10.100.0.0/16"],
};
const group = (name: string, priority: number): RuleCollectionGroup => ({
  name,
  priority,
  ruleCollections: [
    {
      ruleCollectionType: "FirewallPolicyFilterRuleCollection",
      name: `${name}-allow`,
      priority: 100,
      action: { type: "Allow" },
      rules: [],
    },
  ],
});
const IDENTITY = "/subscriptions/h/resourceGroups/rg-hub/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-tls";

describe("RegionalFirewallPolicy", () => {
  it("is Premium: threat intelligence Deny, IDPS with explicit private ranges, DNS proxy, the hub's SNAT ranges", async () => {
    const plan = await planComponent(() => {
      new RegionalFirewallPolicy("policy", {
        settings: { ...base, tlsInspection: { enabled: false } },
        hub,
        ruleCollectionGroups: [group("rcg-a", 200), group("rcg-b", 300)],
        tags: { layer: "hub" },
      });
    });
    assert.deepEqual(plan.named("azure-native:network:FirewallPolicy", "afwp-acme-test-gwc").inputs, {
      resourceGroupName: "rg-hub",
      location: "germanywestcentral",
      firewallPolicyName: "afwp-acme-test-gwc",
      sku: { tier: "Premium" },
      threatIntelMode: "Deny",
      intrusionDetection: { mode: "Deny", configuration: { privateRanges: ["10.0.0.0/12", "10.100.0.0/16"] } },
      dnsSettings: { enableProxy: true },
      snat: { privateRanges: ["10.0.0.0/12", "10.20.0.0/26"] },
      tags: { layer: "hub" },
    });
    const groups = plan.ofType("azure-native:network:FirewallPolicyRuleCollectionGroup");
    assert.deepEqual(
      groups.map((g) => [g.name, g.inputs.ruleCollectionGroupName, g.inputs.priority, g.inputs.firewallPolicyName]),
      [
        ["afwp-acme-test-gwc-rcg-a", "rcg-a", 200, "afwp-acme-test-gwc"],
        ["afwp-acme-test-gwc-rcg-b", "rcg-b", 300, "afwp-acme-test-gwc"],
      ],
    );
    assert.deepEqual(groups[1]?.inputs.ruleCollections, group("rcg-b", 300).ruleCollections);
  });

  it("reads the TLS inspection CA with the identity only when TLS inspection is on", async () => {
    const plan = await planComponent(() => {
      new RegionalFirewallPolicy("policy", {
        settings: {
          ...base,
          tlsInspection: {
            enabled: true,
            keyVaultId: "kv",
            caCertificateSecretId: "https://kv-acme.vault.azure.net/secrets/tls-ca",
            identityName: "id-tls",
          },
        },
        hub,
        ruleCollectionGroups: [],
        tags: {},
        tlsIdentityId: IDENTITY,
      });
    });
    const policy = plan.named("azure-native:network:FirewallPolicy", "afwp-acme-test-gwc");
    assert.deepEqual(policy.inputs.identity, { type: "UserAssigned", userAssignedIdentities: [IDENTITY] });
    assert.deepEqual(policy.inputs.transportSecurity, {
      certificateAuthority: { name: "tls-inspection-ca", keyVaultSecretId: "https://kv-acme.vault.azure.net/secrets/tls-ca" },
    });
  });
});
