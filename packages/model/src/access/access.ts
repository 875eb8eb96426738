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
import { retiredVmFamily, retiredVmSizeMessage } from "../core/cluster-vm-sizes.ts";
import type { ConfigFinding } from "../core/findings.ts";
import { type PartsOf, resourceGroupId, resourceId, resourceName } from "../core/naming.ts";
import { REGIONS, type RegionName } from "../core/regions.ts";
import type { LayerModel, LogAnalyticsModel, VnetModel } from "../core/resources.ts";
import type { EnvironmentConfig } from "../core/schema.ts";
import { WEEKDAYS } from "../core/schema-constants.ts";
import type { KeyVaultModel } from "../shared/shared-services.ts";
import { type AvdConfig, avdSchema } from "./schema.ts";

// ---------------------------------------------------------------------------------------------------------
// Facts, each with its source

/** Built-in roles AVD needs (the same GUID in every subscription). https://learn.microsoft.com/azure/role-based-access-control/built-in-roles */
export const AVD_ROLES = {
  "Desktop Virtualization User": "1d18fff3-a72a-46b5-b4a9-0b38a3cd7e63",
  "Virtual Machine User Login": "fb879df8-f326-4884-b1cf-06f3ad86be52",
  "Virtual Machine Administrator Login": "1c0163c0-47e6-4577-8991-ea5c82e286e4",
  "Desktop Virtualization Power On Off Contributor": "40c5ff49-9181-41f8-ae61-143b0e78555e",
} as const;
export type AvdRole = keyof typeof AVD_ROLES;

/**
 * The AVD agent's DSC configuration, as Microsoft's own host pool templates install it (Microsoft.Powershell
 * DSC extension, AddSessionHost). The package version moves: take the newest from
 * https://github.com/Azure/RDS-Templates (ARM-wvd-templates) when it changes. docs/adr/0072.
 */
export const AVD_AGENT_CONFIGURATION_URL =
  "https://wvdportalstorageblob.blob.core.windows.net/galleryartifacts/Configuration_1.0.03519.1433.zip";

/** Windows multi-session licensing rights come with Microsoft 365: the VM is billed without a Windows licence. */
export const AVD_LICENSE_TYPE = "Windows_Client";

/** The local administrator of every session host (break-glass only: people sign in with Entra ID). */
export const AVD_LOCAL_ADMIN_USERNAME = "avd-localadmin";

// ---------------------------------------------------------------------------------------------------------
// Model

export interface AvdRoleAssignmentModel {
  /** A GUID derived from scope, role and principal: a re-run finds the same assignment. */
  name: string;
  role: AvdRole;
  roleDefinitionId: string;
  principalId: string;
  principalType: "Group" | "ServicePrincipal";
  scope: string;
  purpose: string;
}

export interface AvdSessionHostModel {
  /** 1-based. */
  index: number;
  vmName: string;
  vmId: string;
  /** The Windows (and Entra ID device) name: at most 15 characters. */
  computerName: string;
  nicName: string;
  nicId: string;
  osDiskName: string;
  /** Spread over the region's availability zones; absent in a region without zones. */
  zone?: string;
}

export interface AvdTime {
  hour: number;
  minute: number;
}

/** One pooled schedule of the scaling plan, as the Microsoft.DesktopVirtualization API takes it. */
export interface AvdScheduleModel {
  name: string;
  daysOfWeek: (typeof WEEKDAYS)[number][];
  rampUpStartTime: AvdTime;
  rampUpLoadBalancingAlgorithm: "BreadthFirst" | "DepthFirst";
  rampUpMinimumHostsPct: number;
  rampUpCapacityThresholdPct: number;
  peakStartTime: AvdTime;
  peakLoadBalancingAlgorithm: "BreadthFirst" | "DepthFirst";
  rampDownStartTime: AvdTime;
  rampDownLoadBalancingAlgorithm: "BreadthFirst" | "DepthFirst";
  rampDownMinimumHostsPct: number;
  rampDownCapacityThresholdPct: number;
  rampDownForceLogoffUsers: boolean;
  rampDownWaitTimeMinutes: number;
  rampDownStopHostsWhen: "ZeroSessions" | "ZeroActiveSessions";
  rampDownNotificationMessage: string;
  offPeakStartTime: AvdTime;
  offPeakLoadBalancingAlgorithm: "BreadthFirst" | "DepthFirst";
}

export interface AvdModel {
  region: RegionName;
  subscription: "management";
  subscriptionId: string;
  resourceGroup: string;
  resourceGroupId: string;
  /** The access spoke's avd subnet: every session host NIC, no public IP. */
  subnetId: string;
  subnetCidr: string;
  hostPool: {
    name: string;
    id: string;
    friendlyName: string;
    hostPoolType: "Pooled";
    loadBalancerType: "BreadthFirst" | "DepthFirst";
    maxSessionLimit: number;
    preferredAppGroupType: "Desktop";
    validationEnvironment: false;
    startVmOnConnect: boolean;
    /** RDP properties: Entra ID sign-in, and the redirections that could carry data out switched off. */
    customRdpProperty: string;
    registrationTokenHours: number;
  };
  applicationGroup: { name: string; id: string; friendlyName: string; applicationGroupType: "Desktop" };
  workspace: { name: string; id: string; friendlyName: string };
  /** Absent when access.avd.scalingPlan.enabled is false. */
  scalingPlan?: { name: string; id: string; timeZone: string; schedules: AvdScheduleModel[] };
  sessionHosts: {
    vmSize: string;
    osDiskType: "Premium_LRS" | "StandardSSD_LRS";
    image: { publisher: string; offer: string; sku: string; version: string };
    licenseType: typeof AVD_LICENSE_TYPE;
    adminUsername: string;
    hosts: AvdSessionHostModel[];
  };
  agent: { configurationUrl: string; dscTypeHandlerVersion: string; entraLoginTypeHandlerVersion: string };
  /** The generated local administrator password, kept in the environment's Key Vault (shared layer). */
  localAdminSecret: { secretName: string; vaultName: string; vaultId: string; resourceGroup: string; subscriptionId: string };
  roleAssignments: AvdRoleAssignmentModel[];
  /** The region's Log Analytics workspace: host pool, application group, workspace and scaling plan logs. */
  logAnalyticsWorkspaceId: string;
}

// ---------------------------------------------------------------------------------------------------------
// Firewall rules the session hosts need (hub policy, docs/adr/0073)

/** The settings in effect: the environment's, or the defaults when access.avd is absent. */
export function avdSettings(config: EnvironmentConfig): AvdConfig {
  return config.access.avd ?? avdSchema.parse({});
}

export function avdSubnet(config: EnvironmentConfig, vnets: readonly VnetModel[]) {
  const vnet = vnets.find((v) => v.kind === "access" && v.region === config.regions.primary);
  const subnet = vnet?.subnets.find((s) => s.kind === "avd");
  return vnet && subnet ? { vnet, subnet } : undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Validation

export function accessFindings(config: EnvironmentConfig, file: string): ConfigFinding[] {
  const findings: ConfigFinding[] = [];
  const avd = config.access.avd;
  if (config.access.mode !== "avd") {
    if (avd) {
      findings.push({
        severity: "error",
        file,
        path: "access.avd",
        message: 'applies only with access.mode avd: with "tailscale" no Azure Virtual Desktop is deployed (remove the section)',
        source: "docs/adr/0006-access-in-management-subscription-tailscale-in-cluster.md",
      });
    }
    return findings;
  }
  const settings = avdSettings(config);
  const family = retiredVmFamily(settings.sessionHosts.vmSize);
  if (family) {
    findings.push({
      severity: "error",
      file,
      path: "access.avd.sessionHosts.vmSize",
      message: retiredVmSizeMessage(settings.sessionHosts.vmSize, family),
      source: family.source,
    });
  }
  if (settings.userGroupObjectIds.length === 0) {
    findings.push({
      severity: "warning",
      file,
      path: "access.avd.userGroupObjectIds",
      message: "names no Entra ID group: the desktop is published to nobody until one is added",
      source: "https://learn.microsoft.com/azure/virtual-desktop/add-session-hosts-host-pool",
    });
  }
  if (!settings.servicePrincipalObjectId && (settings.scalingPlan.enabled || settings.hostPool.startVmOnConnect)) {
    findings.push({
      severity: "warning",
      file,
      path: "access.avd.servicePrincipalObjectId",
      message:
        'is not set: autoscale and Start VM on Connect need the "Desktop Virtualization Power On Off Contributor" role for the tenant\'s Azure Virtual Desktop service principal on the subscription; assign it by hand or set its object ID here',
      source: "https://learn.microsoft.com/azure/virtual-desktop/autoscale-create-assign-scaling-plan",
    });
  }
  return findings;
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
