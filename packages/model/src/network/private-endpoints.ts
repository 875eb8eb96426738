/** The private endpoint subnets the layers place: the hub firewall SNATs traffic to them (docs/adr/0041). */
import type { RegionName } from "../core/regions.ts";
import type { VnetModel } from "../core/resources.ts";
import type { EnvironmentConfig } from "../core/schema.ts";
import { dataPrivateEndpointSubnets } from "../data/access-rules.ts";
import { sharedServiceEndpointSubnets } from "../shared/shared-services.ts";

/** The data tier's and the shared services' private endpoint subnets, in that order. */
export function privateEndpointSubnets(
  config: EnvironmentConfig,
  vnets: readonly VnetModel[],
): { region: RegionName; cidr: string }[] {
  return [...dataPrivateEndpointSubnets(vnets), ...sharedServiceEndpointSubnets(config, vnets)];
}
