/** Private endpoints, private DNS zones with their VNet links, and the A records each endpoint's zone group writes. */
import type { PlannedResource } from "@plugilo/policy";
import { type Inputs, key, list, type ResourcesOf, refOf, type SubnetByRef } from "./arm-refs.ts";
import type { PrivateEndpoint, PrivateZone } from "./types.ts";

export function readPrivateDns(
  resources: readonly PlannedResource[],
  of: ResourcesOf,
  subnetByRef: SubnetByRef,
): { privateEndpoints: PrivateEndpoint[]; zones: Map<string, PrivateZone> } {
  const privateEndpoints: PrivateEndpoint[] = [];
  for (const r of of("network:PrivateEndpoint")) {
    const i = r.inputs as Inputs;
    const conns = [...(i.privateLinkServiceConnections ?? []), ...(i.manualPrivateLinkServiceConnections ?? [])];
    const subnet = subnetByRef(i.subnet?.id);
    privateEndpoints.push({
      name: i.privateEndpointName ?? r.name,
      resourceGroup: String(i.resourceGroupName ?? "").toLowerCase(),
      location: i.location ?? "",
      ...(subnet ? { subnet } : {}),
      subnetRef: i.subnet?.id ?? "",
      target: conns[0]?.privateLinkServiceId ?? "",
      groupIds: conns.flatMap((c: Inputs) => list(c.groupIds)),
      zones: [],
    });
  }
  const zones = new Map<string, PrivateZone>();
  for (const r of of("privatedns:PrivateZone")) {
    const i = r.inputs as Inputs;
    const name = i.privateZoneName ?? r.name;
    const resourceGroup = String(i.resourceGroupName ?? "").toLowerCase();
    zones.set(key(resourceGroup, name), { name, resourceGroup, linkedVnets: new Set(), records: new Map() });
  }
  for (const r of of("privatedns:VirtualNetworkLink")) {
    const i = r.inputs as Inputs;
    const vnet = refOf(i.virtualNetwork?.id)?.name;
    if (vnet) zones.get(key(String(i.resourceGroupName ?? ""), i.privateZoneName))?.linkedVnets.add(vnet);
  }
  const record = (zoneKey: string, name: string) => {
    const z = zones.get(zoneKey);
    if (!z) return undefined;
    let rec = z.records.get(name);
    if (!rec) {
      rec = { endpoints: [], addresses: [] };
      z.records.set(name, rec);
    }
    return rec;
  };
  for (const r of of("privatedns:PrivateRecordSet")) {
    const i = r.inputs as Inputs;
    const rec = record(key(String(i.resourceGroupName ?? ""), i.privateZoneName), i.relativeRecordSetName);
    for (const a of i.aRecords ?? []) rec?.addresses.push(a.ipv4Address);
  }
  const regionsOf = (target: string): string[] => {
    const ref = refOf(target);
    if (!ref) return [];
    const res = resources.find((x) => (x.inputs as Inputs).resourceGroupName?.toLowerCase() === ref.rg && x.name === ref.name);
    if (!res) return [];
    const i = res.inputs as Inputs;
    if (res.type === "azure-native:cosmosdb:DatabaseAccount") return (i.locations ?? []).map((l: Inputs) => l.locationName);
    if (res.type === "azure-native:containerregistry:Registry")
      return [
        i.location,
        ...of("containerregistry:Replication")
          .filter((x) => (x.inputs as Inputs).registryName === ref.name)
          .map((x) => (x.inputs as Inputs).location),
      ];
    return [i.location];
  };
  for (const r of of("network:PrivateDnsZoneGroup")) {
    const i = r.inputs as Inputs;
    const pe = privateEndpoints.find(
      (p) => p.name === i.privateEndpointName && p.resourceGroup === String(i.resourceGroupName).toLowerCase(),
    );
    if (!pe) continue;
    for (const cfg of i.privateDnsZoneConfigs ?? []) {
      const ref = refOf(cfg.privateDnsZoneId);
      const zone = ref?.name;
      if (!ref || !zone) continue;
      pe.zones.push(zone);
      for (const name of zoneGroupRecords(pe, zone, regionsOf(pe.target))) record(key(ref.rg, zone), name)?.endpoints.push(pe);
    }
  }
  return { privateEndpoints, zones };
}

/**
 * The A records a DNS zone group writes for a private endpoint, per sub-resource. Source: the zone table of
 * https://learn.microsoft.com/azure/private-link/private-endpoint-dns (vault, registry with its regional data
 * endpoints, postgresqlServer, redisEnterprise `<name>.<region>`, MongoDB with its regional endpoints, blob, Gateway).
 */
function zoneGroupRecords(pe: PrivateEndpoint, zone: string, regions: string[]): string[] {
  const name = refOf(pe.target)?.name ?? "";
  const group = (pe.groupIds[0] ?? "").toLowerCase();
  if (group === "registry") return [name, ...regions.map((r) => `${name}.${r}.data`)];
  if (group === "mongodb") return [name, ...regions.map((r) => `${name}-${r}`)];
  if (group === "redisenterprise") return [`${name}.${pe.location}`];
  if (zone && name) return [name];
  return [];
}
