/**
 * Layer foundation: the management scope every other layer stands on. Runs under `pulumi up` (index.ts) and
 * under the offline plan with the same model.
 */
import { subscriptionProviders } from "@plugilo/components";
import { alertActionGroup, type EnvironmentModel, type SubscriptionKey } from "@plugilo/model";

import { AlertActionGroup } from "./alert-action-group.ts";
import { LayerResourceGroups } from "./layer-resource-groups.ts";
import { NetworkManagerIpam } from "./network-manager-ipam.ts";
import { RegionalLogAnalytics } from "./regional-log-analytics.ts";
import { ResidencyGuardrails } from "./residency-guardrails.ts";
import { SpokeExposureGuardrails } from "./spoke-exposure-guardrails.ts";

export function foundation(model: EnvironmentModel) {
  const providerFor = subscriptionProviders(model);
  const protect = model.protectStateful;
  const tags = { ...model.tags, layer: "foundation" };
  const guardrails = new ResidencyGuardrails("guardrails", {
    managementGroup: model.managementGroup,
    subscriptions: Object.keys(model.subscriptions) as SubscriptionKey[],
    allowedRegions: model.regions.all,
    protect,
    providerFor,
  });
  new SpokeExposureGuardrails("spoke-exposure", { subscriptions: model.subscriptions, providerFor });
  const groups = new LayerResourceGroups("resource-groups", { layers: model.layers, tags: model.tags, protect, providerFor });

  const workspaces = model.logAnalytics.map((workspace) => {
    const rg = model.layers.find((l) => l.kind === "foundation")?.resourceGroups[workspace.region];
    const resourceGroup = rg && groups.groups[rg.name];
    if (!resourceGroup) throw new Error(`no foundation resource group in ${workspace.region}`);
    return new RegionalLogAnalytics(`log-${workspace.region}`, { workspace, tags, protect, providerFor, resourceGroup });
  });

  const foundationRg = groups.groups[model.networkManager.resourceGroup];
  const ipam = new NetworkManagerIpam("ipam", {
    environment: model.name,
    organization: model.organization,
    networkManager: model.networkManager,
    addressPlan: model.addressPlan,
    vnets: model.vnets,
    reservations: model.reservations,
    tags,
    providerFor,
    scopeManagementGroupId: guardrails.managementGroup.id,
    dependsOn: foundationRg ? [foundationRg] : [],
  });

  const actionGroup = alertActionGroup(model);
  const actionGroupRg = groups.groups[actionGroup.resourceGroup];
  if (!actionGroupRg) throw new Error(`no foundation resource group ${actionGroup.resourceGroup}`);
  const alerts = new AlertActionGroup("alerts", { actionGroup, tags, providerFor, resourceGroup: actionGroupRg });

  return {
    alertActionGroupId: alerts.actionGroup.id,
    managementGroupId: guardrails.managementGroup.id,
    logAnalyticsWorkspaceIds: Object.fromEntries(workspaces.map((w, i) => [model.logAnalytics[i]?.region, w.workspace.id])),
    networkManagerId: ipam.networkManager.id,
  };
}
