/**
 * The access layer's part of the model (access.mode avd): Azure Virtual Desktop for production admin access
 * (design 3.3.3), in the management subscription and the primary region (docs/adr/0006), on the access
 * spoke's avd subnet. Every name, ID, role assignment and firewall rule is fixed here, so the access stack,
 * the hub's firewall policy and the tests read the same values. Tailscale (non-production) has no Azure
 * resources: it runs in the clusters (GitOps).
 *
 * What a sign-in goes through (docs/adr/0070-0074):
 *   admin -> Entra ID (Conditional Access) -> AVD feed (workspace) -> desktop application group
 *         -> host pool broker -> reverse connect: the session host's agent keeps an outbound 443 connection
 *            to the AVD gateway (through the firewall and NAT gateway); nothing listens inbound, no public IP
 *         -> RDP Shortpath over the TURN relay (UDP 3478, WindowsVirtualDesktop service tag) when UDP works
 *   session host -> firewall -> internal systems (data private endpoints, Key Vault, AKS API servers, ingress)
 */
import { createHash } from "node:crypto";
import { type PartsOf, resourceGroupId, resourceId, resourceName } from "../core/naming.ts";
import { REGIONS } from "../core/regions.ts";
import type { LayerModel, LogAnalyticsModel, VnetModel } from "../core/resources.ts";
import type { EnvironmentConfig } from "../core/schema.ts";
import { WEEKDAYS } from "../core/schema-constants.ts";
import type { KeyVaultModel } from "../shared/shared-services.ts";
import {
  AVD_AGENT_CONFIGURATION_URL,
  AVD_LICENSE_TYPE,
  AVD_LOCAL_ADMIN_USERNAME,
  AVD_ROLES,
  type AvdModel,
  type AvdRole,
  type AvdRoleAssignmentModel,
  type AvdScheduleModel,
  type AvdSessionHostModel,
  type AvdTime,
} from "./avd-model.ts";
import { type AvdConfig, avdSchema } from "./schema.ts";

/** The settings in effect: the environment's, or the defaults when access.avd is absent. */
export function avdSettings(config: EnvironmentConfig): AvdConfig {
  return config.access.avd ?? avdSchema.parse({});
}

/** The access spoke's avd subnet, where the session hosts are (the firewall rules' source, network/avd-firewall.ts). */
export function avdSubnet(config: EnvironmentConfig, vnets: readonly VnetModel[]) {
  const vnet = vnets.find((v) => v.kind === "access" && v.region === config.regions.primary);
  const subnet = vnet?.subnets.find((s) => s.kind === "avd");
  return vnet && subnet ? { vnet, subnet } : undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Resolution

/** A GUID from a seed: role assignment names must be GUIDs. */
export function stableAssignmentName(seed: string): string {
  const h = createHash("sha256").update(seed).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const timeOf = (hhmm: string): AvdTime => {
  const [hour = 0, minute = 0] = hhmm.split(":").map(Number);
  return { hour, minute };
};

/** The RDP properties of the host pool. https://learn.microsoft.com/azure/virtual-desktop/rdp-properties */
export function customRdpProperties(settings: AvdConfig): string {
  const properties = [
    // Entra ID joined session hosts: SSO with Entra authentication, or the legacy sign-in for non-joined clients.
    settings.hostPool.singleSignOn ? "enablerdsaadauth:i:1" : "targetisaadjoined:i:1",
    // Nothing leaves the desktop through a redirection (GDPR: production data stays in Azure).
    "drivestoredirect:s:",
    "usbdevicestoredirect:s:",
    "devicestoredirect:s:",
    "redirectprinters:i:0",
    "redirectcomports:i:0",
    "redirectsmartcards:i:1",
    "camerastoredirect:s:",
    `redirectclipboard:i:${settings.hostPool.clipboard ? 1 : 0}`,
    "audiocapturemode:i:0",
  ];
  return `${properties.join(";")};`;
}

export interface AccessInputs {
  config: EnvironmentConfig;
  layers: readonly LayerModel[];
  vnets: readonly VnetModel[];
  logAnalytics: readonly LogAnalyticsModel[];
  keyVault: KeyVaultModel;
  parts: PartsOf;
}

export function resolveAvd({ config, layers, vnets, logAnalytics, keyVault, parts }: AccessInputs): AvdModel | undefined {
  if (config.access.mode !== "avd") return undefined;
  const settings = avdSettings(config);
  const region = config.regions.primary;
  const layer = layers.find((l) => l.kind === "access");
  const rg = layer?.resourceGroups[region];
  const found = avdSubnet(config, vnets);
  const workspace = logAnalytics.find((l) => l.region === region);
  if (!rg || !found || !workspace) throw new Error(`access layer: no resource group, avd subnet or workspace in ${region}`);
  const name = (kind: Parameters<typeof resourceName>[0], suffix?: string) => resourceName(kind, parts("avd", region, suffix));
  const id = (type: string, n: string) => resourceId(rg.subscriptionId, rg.name, type, n);

  const hostPoolName = name("hostPool");
  const hostPoolId = id("Microsoft.DesktopVirtualization/hostPools", hostPoolName);
  const appGroupName = name("applicationGroup", "desktop");
  const appGroupId = id("Microsoft.DesktopVirtualization/applicationGroups", appGroupName);
  const zones = REGIONS[region].availabilityZones;
  const hosts: AvdSessionHostModel[] = Array.from({ length: settings.sessionHosts.count }, (_, i) => {
    const n = String(i + 1).padStart(2, "0");
    const vmName = name("virtualMachine", n);
    const nicName = name("networkInterface", n);
    const zone = zones.length > 0 ? zones[i % zones.length] : undefined;
    return {
      index: i + 1,
      vmName,
      vmId: id("Microsoft.Compute/virtualMachines", vmName),
      computerName: `avd-${config.name}-${n}`,
      nicName,
      nicId: id("Microsoft.Network/networkInterfaces", nicName),
      osDiskName: name("osDisk", n),
      ...(zone ? { zone } : {}),
    };
  });

  const roleAssignments: AvdRoleAssignmentModel[] = [];
  const assign = (
    role: AvdRole,
    principalId: string,
    principalType: "Group" | "ServicePrincipal",
    scope: string,
    purpose: string,
  ) =>
    roleAssignments.push({
      name: stableAssignmentName(`${scope.toLowerCase()}|${role}|${principalId}`),
      role,
      roleDefinitionId: `/subscriptions/${rg.subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${AVD_ROLES[role]}`,
      principalId,
      principalType,
      scope,
      purpose,
    });
  for (const group of settings.userGroupObjectIds) {
    assign("Desktop Virtualization User", group, "Group", appGroupId, "may open the desktop");
    // On the resource group: it holds only the session hosts (and their NICs and disks).
    assign("Virtual Machine User Login", group, "Group", rg.id, "may sign in to the Entra ID joined session hosts");
  }
  for (const group of settings.adminGroupObjectIds) {
    assign("Desktop Virtualization User", group, "Group", appGroupId, "may open the desktop");
    assign("Virtual Machine Administrator Login", group, "Group", rg.id, "signs in as local administrator");
  }
  const needsPowerRole = settings.scalingPlan.enabled || settings.hostPool.startVmOnConnect;
  if (settings.servicePrincipalObjectId && needsPowerRole) {
    // Microsoft requires the subscription as scope: a narrower one stops autoscale from working.
    assign(
      "Desktop Virtualization Power On Off Contributor",
      settings.servicePrincipalObjectId,
      "ServicePrincipal",
      `/subscriptions/${rg.subscriptionId}`,
      "lets Azure Virtual Desktop start and stop session hosts (autoscale, Start VM on Connect)",
    );
  }

  const plan = settings.scalingPlan;
  const lb = settings.hostPool.loadBalancer;
  const offDays = WEEKDAYS.filter((d) => !plan.days.includes(d));
  const schedule = (scheduleName: string, days: AvdScheduleModel["daysOfWeek"], minimumHostsPct: number): AvdScheduleModel => ({
    name: scheduleName,
    daysOfWeek: days,
    rampUpStartTime: timeOf(plan.rampUpStart),
    rampUpLoadBalancingAlgorithm: "BreadthFirst",
    rampUpMinimumHostsPct: minimumHostsPct,
    rampUpCapacityThresholdPct: plan.capacityThresholdPct,
    peakStartTime: timeOf(plan.peakStart),
    peakLoadBalancingAlgorithm: lb,
    rampDownStartTime: timeOf(plan.rampDownStart),
    // Depth-first while ramping down concentrates sessions, so the emptied hosts can stop.
    rampDownLoadBalancingAlgorithm: "DepthFirst",
    rampDownMinimumHostsPct: 0,
    rampDownCapacityThresholdPct: plan.capacityThresholdPct,
    rampDownForceLogoffUsers: plan.rampDownForceLogoff,
    rampDownWaitTimeMinutes: plan.rampDownWaitMinutes,
    rampDownStopHostsWhen: "ZeroSessions",
    rampDownNotificationMessage: `This desktop shuts down in ${plan.rampDownWaitMinutes} minutes: save your work and sign out.`,
    offPeakStartTime: timeOf(plan.offPeakStart),
    offPeakLoadBalancingAlgorithm: "DepthFirst",
  });
  const scalingPlanName = name("scalingPlan");
  const workspaceName = name("avdWorkspace");

  return {
    region,
    subscription: "management",
    subscriptionId: rg.subscriptionId,
    resourceGroup: rg.name,
    resourceGroupId: resourceGroupId(rg.subscriptionId, rg.name),
    subnetId: found.subnet.id,
    subnetCidr: found.subnet.cidr,
    hostPool: {
      name: hostPoolName,
      id: hostPoolId,
      friendlyName: `Plugilo ${config.name} admin access`,
      hostPoolType: "Pooled",
      loadBalancerType: lb,
      maxSessionLimit: settings.hostPool.maxSessionLimit,
      preferredAppGroupType: "Desktop",
      validationEnvironment: false,
      startVmOnConnect: settings.hostPool.startVmOnConnect,
      customRdpProperty: customRdpProperties(settings),
      registrationTokenHours: settings.hostPool.registrationTokenHours,
    },
    applicationGroup: { name: appGroupName, id: appGroupId, friendlyName: "Admin desktop", applicationGroupType: "Desktop" },
    workspace: {
      name: workspaceName,
      id: id("Microsoft.DesktopVirtualization/workspaces", workspaceName),
      friendlyName: `Plugilo ${config.name}`,
    },
    ...(plan.enabled
      ? {
          scalingPlan: {
            name: scalingPlanName,
            id: id("Microsoft.DesktopVirtualization/scalingPlans", scalingPlanName),
            timeZone: plan.timeZone,
            schedules: [
              schedule("working-days", plan.days, plan.minimumHostsPct),
              // Every other day keeps no host running; Start VM on Connect starts one on demand.
              ...(offDays.length > 0 ? [schedule("other-days", offDays, 0)] : []),
            ],
          },
        }
      : {}),
    sessionHosts: {
      vmSize: settings.sessionHosts.vmSize,
      osDiskType: settings.sessionHosts.osDiskType,
      image: { ...settings.sessionHosts.image },
      licenseType: AVD_LICENSE_TYPE,
      adminUsername: AVD_LOCAL_ADMIN_USERNAME,
      hosts,
    },
    agent: { configurationUrl: AVD_AGENT_CONFIGURATION_URL, dscTypeHandlerVersion: "2.83", entraLoginTypeHandlerVersion: "2.0" },
    localAdminSecret: {
      secretName: `avd-${config.name}-local-admin`,
      vaultName: keyVault.name,
      vaultId: keyVault.id,
      resourceGroup: keyVault.resourceGroup,
      subscriptionId: keyVault.subscriptionId,
    },
    roleAssignments,
    logAnalyticsWorkspaceId: workspace.id,
  };
}
