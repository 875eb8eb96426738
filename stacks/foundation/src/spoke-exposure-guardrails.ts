/**
 * Nothing in a spoke faces the internet by itself (docs/adr/0127): on every spoke subscription (the clusters',
 * the data tier's, the management/AVD one) Azure Policy denies public IP addresses and, through the AKS Azure
 * Policy add-on (enabled in stacks/cluster/src/aks-cluster.ts), LoadBalancer Services with a public frontend.
 * Public entry stays in the hub (firewall, VPN gateway) and the edge (Application Gateway, Front Door), in the
 * hub and connectivity subscriptions, which these assignments leave alone.
 * Built-in definitions (IDs are the same in every tenant):
 * - Not allowed resource types, 6c112d4e-5bc7-47ae-a041-ea2d9dccd749
 * - Kubernetes clusters should use internal load balancers, 3fc4dc25-5baf-40d8-9b05-7fe74c1bc64e (effect deny)
 * https://learn.microsoft.com/azure/governance/policy/samples/built-in-policies
 * https://learn.microsoft.com/azure/aks/policy-reference
 */
import type { ProviderFor } from "@plugilo/components";
import type { SubscriptionKey } from "@plugilo/model";
import { PolicyAssignment } from "@pulumi/azure-native/authorization/index.js";
import * as pulumi from "@pulumi/pulumi";

export const EXPOSURE_POLICIES = {
  notAllowedResourceTypes: "/providers/Microsoft.Authorization/policyDefinitions/6c112d4e-5bc7-47ae-a041-ea2d9dccd749",
  kubernetesInternalLoadBalancers: "/providers/Microsoft.Authorization/policyDefinitions/3fc4dc25-5baf-40d8-9b05-7fe74c1bc64e",
} as const;

/** The subscriptions that are spokes: everything but the hub and the edge's connectivity subscription. */
export const SPOKE_SUBSCRIPTIONS = ["app1", "app2", "data", "management"] as const;
const CLUSTER_SUBSCRIPTIONS = ["app1", "app2"] as const;

export interface SpokeExposureGuardrailsArgs {
  /** Subscription IDs of the spoke subscriptions (app1, app2, data, management). */
  readonly subscriptions: Readonly<Pick<Record<SubscriptionKey, string>, (typeof SPOKE_SUBSCRIPTIONS)[number]>>;
  readonly providerFor: ProviderFor;
}

export class SpokeExposureGuardrails extends pulumi.ComponentResource {
  constructor(name: string, args: SpokeExposureGuardrailsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("plugilo:foundation:SpokeExposureGuardrails", name, {}, opts);
    const { providerFor } = args;
    const scopeOf = (key: (typeof SPOKE_SUBSCRIPTIONS)[number]) => `/subscriptions/${args.subscriptions[key]}`;

    for (const key of SPOKE_SUBSCRIPTIONS) {
      new PolicyAssignment(
        `no-public-ip-${key}`,
        {
          policyAssignmentName: `no-public-ip-${key}`,
          scope: scopeOf(key),
          displayName: "Spokes have no public IP addresses",
          policyDefinitionId: EXPOSURE_POLICIES.notAllowedResourceTypes,
          enforcementMode: "Default",
          parameters: {
            listOfResourceTypesNotAllowed: {
              value: ["Microsoft.Network/publicIPAddresses", "Microsoft.Network/publicIPPrefixes"],
            },
          },
          nonComplianceMessages: [{ message: "Public entry is the hub's and the edge's: a spoke gets no public IP." }],
        },
        { parent: this, provider: providerFor(key) },
      );
    }
    for (const key of CLUSTER_SUBSCRIPTIONS) {
      new PolicyAssignment(
        `aks-internal-lb-${key}`,
        {
          policyAssignmentName: `aks-internal-lb-${key}`,
          scope: scopeOf(key),
          displayName: "Kubernetes Services of type LoadBalancer are internal",
          policyDefinitionId: EXPOSURE_POLICIES.kubernetesInternalLoadBalancers,
          enforcementMode: "Default",
          parameters: { effect: { value: "deny" } },
          nonComplianceMessages: [
            { message: 'Annotate the Service service.beta.kubernetes.io/azure-load-balancer-internal: "true".' },
          ],
        },
        { parent: this, provider: providerFor(key) },
      );
    }
    this.registerOutputs({});
  }
}
