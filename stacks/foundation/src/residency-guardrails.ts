/**
 * The GDPR guard: the environment's management group, its subscriptions placed under it, and Azure Policy
 * assignments that deny any resource or resource group outside the allowed German regions, plus the
 * Microsoft cloud security benchmark as the security baseline (audit).
 * Built-in definitions: https://learn.microsoft.com/azure/governance/policy/samples/built-in-policies
 */

import type { ProviderFor } from "@plugilo/components";
import type { EnvironmentModel, RegionName, SubscriptionKey } from "@plugilo/model";
import { PolicyAssignment } from "@pulumi/azure-native/authorization/index.js";
import { ManagementGroup, ManagementGroupSubscription } from "@pulumi/azure-native/management/index.js";
import * as pulumi from "@pulumi/pulumi";

export const BUILTIN_POLICIES = {
  allowedLocations: "/providers/Microsoft.Authorization/policyDefinitions/e56962a6-4747-49cd-b67b-bf8b01975c4c",
  allowedResourceGroupLocations: "/providers/Microsoft.Authorization/policyDefinitions/e765b5de-1225-4ba3-bd56-1ac6695af988",
  /** Microsoft cloud security benchmark (policy set). */
  securityBenchmark: "/providers/Microsoft.Authorization/policySetDefinitions/1f3afdf9-d0c9-4c3d-847f-89da613e70a8",
} as const;

export interface ResidencyGuardrailsArgs {
  readonly managementGroup: EnvironmentModel["managementGroup"];
  /** The subscriptions placed under the management group, each through its own provider. */
  readonly subscriptions: readonly SubscriptionKey[];
  /** The only regions resources and resource groups may use. */
  readonly allowedRegions: readonly RegionName[];
  /** Protect the management group from deletion. @default false */
  readonly protect?: boolean;
  readonly providerFor: ProviderFor;
}

export class ResidencyGuardrails extends pulumi.ComponentResource {
  readonly managementGroup: ManagementGroup;
  readonly allowedLocations: PolicyAssignment;

  constructor(name: string, args: ResidencyGuardrailsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("plugilo:foundation:ResidencyGuardrails", name, {}, opts);
    const { providerFor } = args;
    const mg = args.managementGroup;
    const child = { parent: this, provider: providerFor("management") };

    this.managementGroup = new ManagementGroup(
      mg.groupId,
      {
        groupId: mg.groupId,
        displayName: mg.displayName,
        ...(mg.parentId ? { details: { parent: { id: mg.parentId } } } : {}),
      },
      { ...child, protect: args.protect ?? false },
    );

    // Each subscription joins the group with its own provider: the API takes the subscription from the provider.
    for (const key of new Set(args.subscriptions)) {
      new ManagementGroupSubscription(
        `${mg.groupId}-${key}`,
        { groupId: this.managementGroup.name },
        { parent: this, provider: providerFor(key) },
      );
    }

    const allowed = [...args.allowedRegions];

    const message = `Plugilo keeps data in Germany (GDPR): only ${allowed.join(" and ")} are allowed.`;
    this.allowedLocations = new PolicyAssignment(
      "allowed-locations",
      {
        policyAssignmentName: "allowed-locations",
        scope: this.managementGroup.id,
        displayName: "Allowed locations: Germany only",
        policyDefinitionId: BUILTIN_POLICIES.allowedLocations,
        enforcementMode: "Default",
        parameters: { listOfAllowedLocations: { value: allowed } },
        nonComplianceMessages: [{ message }],
      },
      child,
    );
    new PolicyAssignment(
      "allowed-rg-locations",
      {
        policyAssignmentName: "allowed-rg-locations",
        scope: this.managementGroup.id,
        displayName: "Allowed resource group locations: Germany only",
        policyDefinitionId: BUILTIN_POLICIES.allowedResourceGroupLocations,
        enforcementMode: "Default",
        parameters: { listOfAllowedLocations: { value: allowed } },
        nonComplianceMessages: [{ message }],
      },
      child,
    );
    new PolicyAssignment(
      "security-baseline",
      {
        policyAssignmentName: "security-baseline",
        scope: this.managementGroup.id,
        displayName: "Microsoft cloud security benchmark (audit)",
        policyDefinitionId: BUILTIN_POLICIES.securityBenchmark,
        enforcementMode: "Default",
      },
      child,
    );
    this.registerOutputs({ managementGroupId: this.managementGroup.id });
  }
}
