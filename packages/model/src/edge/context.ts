/** The inputs of the edge layer and what its components share while resolving. */
import type { ClusterModel } from "../cluster/types.ts";
import { type PartsOf, resourceId } from "../core/naming.ts";
import type { RegionName } from "../core/regions.ts";
import type { DnsModel, LayerModel, LogAnalyticsModel, ResourceGroupModel, SubnetModel, VnetModel } from "../core/resources.ts";
import type { EnvironmentConfig } from "../core/schema.ts";
import type { KeyVaultModel } from "../shared/shared-services.ts";
export interface EdgeInputs {
  config: EnvironmentConfig;
  layers: readonly LayerModel[];
  vnets: readonly VnetModel[];
  clusters: readonly ClusterModel[];
  dns: DnsModel;
  keyVault: KeyVaultModel;
  logAnalytics: readonly LogAnalyticsModel[];
  parts: PartsOf;
}

/** What every edge component resolves with: the layer's resource groups, workspaces, subnets and IDs. */
export interface EdgeContext {
  config: EnvironmentConfig;
  parts: PartsOf;
  primary: RegionName;
  layer: LayerModel;
  rgOf: (region: RegionName) => ResourceGroupModel;
  workspaceOf: (region: RegionName) => string;
  subnetOf: (region: RegionName, kind: "appgw" | "appgwPrivateLink" | "apim" | "edgePrivateEndpoints") => SubnetModel;
  id: (rg: ResourceGroupModel, type: string, ...names: string[]) => string;
  /** A Key Vault secret's URI in the environment's vault. */
  secretId: (name: string) => string;
}

export function edgeContext({ config, layers, vnets, keyVault, logAnalytics, parts }: EdgeInputs): EdgeContext {
  const layer = layers.find((l) => l.kind === "edge");
  if (!layer) throw new Error("the environment has no edge layer");
  const rgOf = (region: RegionName): ResourceGroupModel => {
    const rg = layer.resourceGroups[region];
    if (!rg) throw new Error(`the edge layer has no resource group in ${region}`);
    return rg;
  };
  const workspaceOf = (region: RegionName) => {
    const w = logAnalytics.find((l) => l.region === region);
    if (!w) throw new Error(`no Log Analytics workspace in ${region}`);
    return w.id;
  };
  const subnetOf = (region: RegionName, kind: "appgw" | "appgwPrivateLink" | "apim" | "edgePrivateEndpoints") => {
    const subnet = vnets.find((v) => v.kind === "edge" && v.region === region)?.subnets.find((s) => s.kind === kind);
    if (!subnet) throw new Error(`the edge spoke in ${region} has no ${kind} subnet`);
    return subnet;
  };
  return {
    config,
    parts,
    primary: config.regions.primary,
    layer,
    rgOf,
    workspaceOf,
    subnetOf,
    id: (rg, type, ...names) => resourceId(rg.subscriptionId, rg.name, type, ...names),
    secretId: (name) => `${keyVault.uri}secrets/${name}`,
  };
}

/** A host name as a resource name part: dots become dashes. */
export const slugOfHost = (host: string) => host.replace(/\./g, "-");
