/** What must be denied: Azure as transit between AWS and GCP, spoke to spoke around the firewall, the Internet to anything but Front Door, other environments to this one. */
import { nthAddress } from "../core/cidr.ts";
import type { EnvironmentModel } from "../core/model.ts";
import type { VnetModel } from "../core/resources.ts";
import { type AddFlow, HUB_SPOKE, origin, subnetOf } from "./flow-helpers.ts";
import { addSegmentationFlows } from "./segmentation-flows.ts";
import type { OtherEnvironment, PortRange } from "./types.ts";

const port = (from: number, to = from): PortRange => ({ from, to });

export function addForbiddenFlows(model: EnvironmentModel, add: AddFlow, others: readonly OtherEnvironment[]): void {
  const vnetByKey = new Map(model.vnets.map((v) => [v.key, v]));
  const _clusterVnets = model.clusters.map((c) => ({ cluster: c, vnet: vnetByKey.get(c.vnetKey) as VnetModel }));
  const _edgeVnets = model.vnets.filter((v) => v.kind === "edge");
  const dataVnets = model.vnets.filter((v) => v.kind === "data");
  const apim = model.edge.apiManagement;
  const registry = model.containerRegistry;
  const spokes = model.vnets.filter((v) => v.kind !== "hub");
  const aws = model.vpn.aws.ranges[0];
  const gcp = model.vpn.gcp.ranges[0];
  if (aws && gcp && model.hubs.some((h) => h.hasVpnGateway)) {
    add(
      "forbidden:aws-to-gcp-through-azure",
      "forbidden",
      `AWS ${aws}`,
      `GCP ${gcp}`,
      "TCP",
      port(443),
      "design 3.4 (Azure is no transit between the other clouds)",
      [{ from: { external: "aws", cidr: aws }, to: { address: nthAddress(gcp, 10) } }],
    );
    add(
      "forbidden:gcp-to-aws-through-azure",
      "forbidden",
      `GCP ${gcp}`,
      `AWS ${aws}`,
      "TCP",
      port(443),
      "design 3.4 (Azure is no transit between the other clouds)",
      [{ from: { external: "gcp", cidr: gcp }, to: { address: nthAddress(aws, 10) } }],
    );
  }

  // --- Forbidden: subnets of one VNet, and the data endpoints, on ports no flow needs
  addSegmentationFlows(model, add);

  // --- Forbidden: spoke to spoke around the firewall
  const pick = (v: VnetModel) => v.subnets.find((s) => !["appgwPrivateLink"].includes(s.kind)) ?? v.subnets[0];
  for (const a of spokes) {
    for (const b of spokes) {
      if (a === b) continue;
      const sa = pick(a);
      const sb = pick(b);
      if (!sa || !sb) continue;
      add(
        `forbidden:bypass-${a.key}-to-${b.key}`,
        "forbidden",
        `${a.name}/${sa.name}`,
        `${b.name}/${sb.name}`,
        "TCP",
        port(443),
        `design 3.3 (east-west through the firewall); ${HUB_SPOKE}`,
        [{ from: origin(a, sa), to: { address: nthAddress(sb.cidr, 4) } }],
        true,
      );
    }
  }

  // --- Forbidden: the Internet to anything but Front Door
  for (const agw of model.edge.applicationGateways)
    add(
      `forbidden:internet-to-${agw.name}`,
      "forbidden",
      "Internet",
      `public frontend of ${agw.name}`,
      "TCP",
      port(443),
      "design 3.3.2 (only Front Door is public)",
      [{ from: { external: "Internet", cidr: "0.0.0.0/0" }, to: { publicIp: agw.publicIpName } }],
    );
  for (const hub of model.hubs)
    add(
      `forbidden:internet-to-${hub.firewallName}`,
      "forbidden",
      "Internet",
      `public IP of ${hub.firewallName}`,
      "TCP",
      port(443),
      "design 3.3.2 (only Front Door is public)",
      [{ from: { external: "Internet", cidr: "0.0.0.0/0" }, to: { publicIp: hub.firewallPublicIpName } }],
    );
  const publicEndpoints: [string, string, string, number][] = [
    ["apim", "azure-native:apimanagement:ApiManagementService", apim.name, 443],
    ["key-vault", "azure-native:keyvault:Vault", model.keyVault.name, 443],
    ["registry", "azure-native:containerregistry:Registry", registry.name, 443],
  ];
  if (model.data.postgresql)
    publicEndpoints.push(["postgresql", "azure-native:dbforpostgresql:Server", model.data.postgresql.primary.name, 5432]);
  for (const c of model.data.redis?.caches ?? [])
    publicEndpoints.push([`redis-${c.region}`, "azure-native:redisenterprise:RedisEnterprise", c.name, 10000]);
  if (model.data.cosmos) publicEndpoints.push(["cosmos", "azure-native:cosmosdb:DatabaseAccount", model.data.cosmos.name, 10255]);
  if (model.data.mode === "managed")
    publicEndpoints.push(["storage", "azure-native:storage:StorageAccount", model.data.storage.name, 443]);
  for (const [key, type, name, p] of publicEndpoints)
    add(
      `forbidden:internet-to-${key}`,
      "forbidden",
      "Internet",
      `public endpoint of ${name}`,
      "TCP",
      port(p),
      "design 3.3.2 (only Front Door is public)",
      [{ from: { external: "Internet", cidr: "0.0.0.0/0" }, to: { publicEndpoint: { type, name } } }],
    );

  // --- Forbidden: non-prod to prod (and any other environment to this one)
  for (const other of others) {
    for (const v of other.vnets) {
      for (const target of dataVnets) {
        const s = subnetOf(target, "dataPrivateEndpoints");
        if (!s) continue;
        add(
          `forbidden:${other.name}-${v.name}-to-${target.key}`,
          "forbidden",
          `${other.name} ${v.name} (${v.cidr})`,
          `${target.name}/${s.name}`,
          "TCP",
          port(5432),
          "design 3.2 (environments isolated)",
          [{ from: { external: "other-environment", cidr: v.cidr }, to: { address: nthAddress(s.cidr, 4) } }],
        );
      }
    }
  }
}
