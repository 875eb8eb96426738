/**
 * Resource names after the Cloud Adoption Framework: <abbreviation>-<organization>-<workload>-<environment>-<region>.
 * Abbreviations: https://learn.microsoft.com/azure/cloud-adoption-framework/ready/azure-best-practices/resource-abbreviations
 * Length and character limits: https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules
 */
import { REGIONS, type RegionName } from "./regions.ts";

interface NameRule {
  abbreviation: string;
  maxLength: number;
  /** Resources whose names may contain only lowercase letters and digits (storage accounts, registries). */
  alphanumeric?: boolean;
}

export const NAME_RULES = {
  resourceGroup: { abbreviation: "rg", maxLength: 90 },
  managementGroup: { abbreviation: "mg", maxLength: 90 },
  virtualNetwork: { abbreviation: "vnet", maxLength: 64 },
  subnet: { abbreviation: "snet", maxLength: 80 },
  networkSecurityGroup: { abbreviation: "nsg", maxLength: 80 },
  routeTable: { abbreviation: "rt", maxLength: 80 },
  firewall: { abbreviation: "afw", maxLength: 56 },
  firewallPolicy: { abbreviation: "afwp", maxLength: 80 },
  natGateway: { abbreviation: "ng", maxLength: 80 },
  publicIp: { abbreviation: "pip", maxLength: 80 },
  logAnalytics: { abbreviation: "log", maxLength: 63 },
  networkManager: { abbreviation: "vnm", maxLength: 64 },
  ipamPool: { abbreviation: "ipam", maxLength: 64 },
  policyAssignment: { abbreviation: "pa", maxLength: 24 },
  aksCluster: { abbreviation: "aks", maxLength: 63 },
  applicationGateway: { abbreviation: "agw", maxLength: 80 },
  frontDoor: { abbreviation: "afd", maxLength: 64 },
  frontDoorEndpoint: { abbreviation: "fde", maxLength: 46 },
  /** Front Door WAF policy names take letters and digits only. */
  frontDoorWafPolicy: { abbreviation: "fdfp", maxLength: 128, alphanumeric: true },
  wafPolicy: { abbreviation: "waf", maxLength: 80 },
  apiManagement: { abbreviation: "apim", maxLength: 50 },
  keyVault: { abbreviation: "kv", maxLength: 24 },
  containerRegistry: { abbreviation: "cr", maxLength: 50, alphanumeric: true },
  storageAccount: { abbreviation: "st", maxLength: 24, alphanumeric: true },
  managedIdentity: { abbreviation: "id", maxLength: 128 },
  privateEndpoint: { abbreviation: "pep", maxLength: 80 },
  vpnGateway: { abbreviation: "vpng", maxLength: 80 },
  localNetworkGateway: { abbreviation: "lgw", maxLength: 80 },
  vpnConnection: { abbreviation: "vcn", maxLength: 80 },
  virtualNetworkPeering: { abbreviation: "peer", maxLength: 80 },
  privateDnsZoneLink: { abbreviation: "pdnslink", maxLength: 80 },
  postgresql: { abbreviation: "psql", maxLength: 63 },
  cosmosMongo: { abbreviation: "cosmon", maxLength: 44 },
  managedRedis: { abbreviation: "amr", maxLength: 60 },
  monitorWorkspace: { abbreviation: "amw", maxLength: 44 },
  dataCollectionRule: { abbreviation: "dcr", maxLength: 64 },
  dataCollectionEndpoint: { abbreviation: "dce", maxLength: 43 },
  // Azure Virtual Desktop (access.ts) and its session hosts.
  hostPool: { abbreviation: "vdpool", maxLength: 64 },
  applicationGroup: { abbreviation: "vdag", maxLength: 64 },
  avdWorkspace: { abbreviation: "vdws", maxLength: 64 },
  scalingPlan: { abbreviation: "vdscaling", maxLength: 64 },
  virtualMachine: { abbreviation: "vm", maxLength: 64 },
  networkInterface: { abbreviation: "nic", maxLength: 80 },
  osDisk: { abbreviation: "osdisk", maxLength: 80 },
} as const satisfies Record<string, NameRule>;

export type NamedKind = keyof typeof NAME_RULES;

export interface NameParts {
  organization: string;
  environment: string;
  /** What the resource serves: hub, edge, app1, data ... */
  workload: string;
  /** Omitted for global resources. */
  region?: RegionName;
  /** Distinguishes several resources of one kind in one workload (an instance number or purpose). */
  suffix?: string;
}

export function resourceName(kind: NamedKind, parts: NameParts): string {
  const rule: NameRule = NAME_RULES[kind];
  const segments = [
    rule.abbreviation,
    parts.organization,
    parts.workload,
    parts.environment,
    parts.region ? REGIONS[parts.region].shortCode : undefined,
    parts.suffix,
  ].filter((s): s is string => s !== undefined && s !== "");
  const name = rule.alphanumeric ? segments.join("").replace(/[^a-z0-9]/g, "") : segments.join("-");
  if (name.length > rule.maxLength) {
    throw new RangeError(`${kind} name "${name}" is longer than Azure's limit of ${rule.maxLength} characters`);
  }
  return name;
}

/** ARM resource ID under a resource group, built from names the model already knows. */
export function resourceId(subscriptionId: string, resourceGroup: string, type: string, ...names: string[]): string {
  const [namespace, ...types] = type.split("/");
  if (types.length !== names.length) throw new Error(`resource type ${type} needs ${types.length} name(s)`);
  const path = types.map((t, i) => `${t}/${names[i]}`).join("/");
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/${namespace}/${path}`;
}

export function resourceGroupId(subscriptionId: string, resourceGroup: string): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}`;
}

export function managementGroupId(groupId: string): string {
  return `/providers/Microsoft.Management/managementGroups/${groupId}`;
}

export type PartsOf = (workload: string, region?: RegionName, suffix?: string) => NameParts;

/** Key of a build scale set's identity (the identity name's suffix and the stack output's key). */
export const buildRunnerIdentityKey = (scaleSetName: string) => `ghr-${scaleSetName}`;

/** The ServiceAccount of a build scale set's runner pods (the cluster stack makes it, in the set's namespace). */
export const buildRunnerServiceAccount = (scaleSetName: string) => `arc-runner-${scaleSetName}`;
