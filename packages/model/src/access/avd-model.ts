/** Azure Virtual Desktop as the model describes it: the facts it relies on (roles, agent, licence), each with its source, and the resolved host pool, session hosts, schedule and role assignments. */
import type { RegionName } from "../core/regions.ts";
import type { WEEKDAYS } from "../core/schema-constants.ts";

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
