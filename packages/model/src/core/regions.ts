/**
 * Region capability catalogue, kept as data. One row per fact, each with the page it was read from
 * (see ../../../docs/adr and ../shared AZURE-FACTS). Validation reads these rows; it never hard-codes a region.
 */

export const REGION_NAMES = ["germanywestcentral", "germanynorth"] as const;
export type RegionName = (typeof REGION_NAMES)[number];

export interface RegionCapability {
  name: RegionName;
  displayName: string;
  /** Short code used in resource names (CAF naming convention). */
  shortCode: string;
  /** Fixed slot of the region inside an environment's address space: never reorder. */
  addressSlot: number;
  availabilityZones: readonly string[];
  /** Restricted-access regions need a subscription access request before the first deployment. */
  restrictedAccess: boolean;
  pairedWith: RegionName;
  source: string;
}

export const REGIONS: Readonly<Record<RegionName, RegionCapability>> = {
  germanywestcentral: {
    name: "germanywestcentral",
    displayName: "Germany West Central (Frankfurt)",
    shortCode: "gwc",
    addressSlot: 0,
    availabilityZones: ["1", "2", "3"],
    restrictedAccess: false,
    pairedWith: "germanynorth",
    source: "https://learn.microsoft.com/azure/reliability/regions-list",
  },
  germanynorth: {
    name: "germanynorth",
    displayName: "Germany North (Berlin)",
    shortCode: "gn",
    addressSlot: 1,
    availabilityZones: [],
    restrictedAccess: true,
    pairedWith: "germanywestcentral",
    source: "https://learn.microsoft.com/azure/reliability/regions-list",
  },
};

/** A service tier or feature and the regions that offer it. */
export interface ServiceCapability {
  service: string;
  feature: string;
  regions: readonly RegionName[];
  source: string;
  note?: string;
  /**
   * Regions where the feature is listed but new deployments may fail (a temporary block, a capacity limit):
   * validate and plan warn with what to check live before deploying.
   */
  restricted?: Partial<Record<RegionName, { message: string; check: string }>>;
}

export const SERVICE_CAPABILITIES: readonly ServiceCapability[] = [
  {
    service: "apiManagement",
    feature: "BasicV2",
    regions: ["germanywestcentral"],
    source: "https://learn.microsoft.com/azure/api-management/api-management-region-availability",
  },
  {
    service: "apiManagement",
    feature: "StandardV2",
    regions: ["germanywestcentral"],
    source: "https://learn.microsoft.com/azure/api-management/api-management-region-availability",
  },
  {
    service: "apiManagement",
    feature: "PremiumV2",
    regions: ["germanywestcentral"],
    source: "https://learn.microsoft.com/azure/api-management/api-management-region-availability",
  },
  {
    service: "frontDoor",
    feature: "privateLinkOrigin",
    regions: ["germanywestcentral"],
    source: "https://learn.microsoft.com/azure/frontdoor/private-link",
    note: "Origins in germanynorth use the Private Link of the nearest listed region (germanywestcentral).",
  },
  {
    service: "postgresqlFlexible",
    feature: "ZoneRedundant",
    regions: ["germanywestcentral"],
    source: "https://learn.microsoft.com/azure/postgresql/flexible-server/overview",
    note: "New zone-redundant HA deployments in germanywestcentral were temporarily blocked in late 2025: use SameZone if creation fails.",
    restricted: {
      germanywestcentral: {
        message:
          "Microsoft's regions table marks new zone-redundant HA deployments in germanywestcentral as temporarily blocked: creating the server can fail",
        check:
          "before deploying, run `az postgres flexible-server list-skus --location germanywestcentral` with the deploying subscription and check that zoneRedundantHaSupported is true (the capabilities API, Microsoft.DBforPostgreSQL/locations/germanywestcentral/capabilities); otherwise set data.postgresql.haMode to SameZone",
      },
    },
  },
  {
    service: "postgresqlFlexible",
    feature: "SameZone",
    regions: ["germanywestcentral", "germanynorth"],
    source: "https://learn.microsoft.com/azure/postgresql/flexible-server/overview",
  },
  {
    service: "postgresqlFlexible",
    feature: "geoRedundantBackup",
    regions: ["germanywestcentral", "germanynorth"],
    source: "https://learn.microsoft.com/azure/postgresql/flexible-server/overview",
  },
  {
    service: "managedRedis",
    feature: "zoneRedundancy",
    regions: ["germanywestcentral"],
    source: "https://learn.microsoft.com/azure/redis/reliability-managed-redis",
  },
  {
    service: "azureFirewall",
    feature: "availabilityZones",
    regions: ["germanywestcentral"],
    source: "https://learn.microsoft.com/azure/reliability/regions-list",
  },
  {
    service: "vpnGateway",
    feature: "zoneRedundancy",
    regions: ["germanywestcentral"],
    source: "https://learn.microsoft.com/azure/vpn-gateway/about-zone-redundant-vnet-gateways",
    note: "The AZ SKUs (VpnGw1AZ-VpnGw5AZ) spread a gateway over zones only where the region has them.",
  },
];

export function isRegionName(value: string): value is RegionName {
  return (REGION_NAMES as readonly string[]).includes(value);
}

/** The catalogue row for a service feature, or undefined when the catalogue does not know it. */
export function serviceCapability(service: string, feature: string): ServiceCapability | undefined {
  return SERVICE_CAPABILITIES.find((row) => row.service === service && row.feature === feature);
}

export function supports(service: string, feature: string, region: RegionName): boolean {
  return serviceCapability(service, feature)?.regions.includes(region) ?? false;
}

/** The catalogue's restriction on a feature in a region, when it lists one. */
export function capabilityRestriction(
  service: string,
  feature: string,
  region: string,
): { message: string; check: string; source: string } | undefined {
  const row = serviceCapability(service, feature);
  const restriction = row?.restricted?.[region as RegionName];
  return row && restriction ? { ...restriction, source: row.source } : undefined;
}
