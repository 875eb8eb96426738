/** The data layer's storage account (backups, exports) and its blob private endpoint. */
import { type PartsOf, resourceId, resourceName } from "../core/naming.ts";
import type { RegionName } from "../core/regions.ts";
import type { ResourceGroupModel } from "../core/resources.ts";
import type { DataConfig } from "../core/schema.ts";
import { type DataPrivateEndpointModel, PRIVATE_DNS_ZONES, type PrivateEndpointOf } from "./private-endpoint.ts";

export interface DataStorageModel {
  name: string;
  id: string;
  region: RegionName;
  resourceGroup: string;
  subscriptionId: string;
  sku: string;
  containers: string[];
  softDeleteDays: number;
  blobEndpoint: string;
  privateEndpoint: DataPrivateEndpointModel;
}

export function resolveStorage(
  data: DataConfig,
  rg: ResourceGroupModel,
  parts: PartsOf,
  pe: PrivateEndpointOf,
): DataStorageModel {
  const name = resourceName("storageAccount", parts("data", rg.location));
  return {
    name,
    id: resourceId(rg.subscriptionId, rg.name, "Microsoft.Storage/storageAccounts", name),
    region: rg.location,
    resourceGroup: rg.name,
    subscriptionId: rg.subscriptionId,
    sku: data.storage.replication,
    containers: [...data.storage.containers],
    softDeleteDays: data.storage.softDeleteDays,
    blobEndpoint: `https://${name}.blob.core.windows.net/`,
    privateEndpoint: pe(rg.location, "blob", PRIVATE_DNS_ZONES.blob, "blob"),
  };
}
