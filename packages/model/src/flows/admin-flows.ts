/** Admin access (design 3.3.3): AVD session hosts or the tailnet connector -> the API servers and the data. */
import { nthAddress } from "../core/cidr.ts";
import type { EnvironmentModel } from "../core/model.ts";
import type { VnetModel } from "../core/resources.ts";
import { type AddFlow, hostOf, origin, subnetOf } from "./flow-helpers.ts";
import type { PortRange } from "./types.ts";

const port = (from: number, to = from): PortRange => ({ from, to });

export function addAdminFlows(model: EnvironmentModel, add: AddFlow): void {
  const vnetByKey = new Map(model.vnets.map((v) => [v.key, v]));
  const clusterVnets = model.clusters.map((c) => ({ cluster: c, vnet: vnetByKey.get(c.vnetKey) as VnetModel }));
  const _edgeVnets = model.vnets.filter((v) => v.kind === "edge");
  const _dataVnets = model.vnets.filter((v) => v.kind === "data");
  // --- Admin access: AVD -> API servers and data (3.3.3)
  const access = model.vnets.find((v) => v.kind === "access");
  const avdSubnet = access && subnetOf(access, "avd");
  if (access && avdSubnet) {
    const from = origin(access, avdSubnet);
    for (const { cluster, vnet } of clusterVnets) {
      const api = subnetOf(vnet, "aksApiServer");
      if (api)
        add(
          `admin:avd-${cluster.name}-api-server`,
          "required",
          "AVD session hosts",
          `${cluster.aksName} API server`,
          "TCP",
          port(443),
          "design 3.3.3",
          [{ from, to: { address: nthAddress(api.cidr, 4) } }],
        );
    }
    const pg = model.data.postgresql;
    if (pg)
      add(
        "admin:avd-postgresql",
        "required",
        "AVD session hosts",
        `PostgreSQL ${pg.primary.fqdn}`,
        "TCP",
        port(5432),
        "design 3.3.3",
        [{ from, to: { fqdn: pg.primary.fqdn, resolves: "private" } }],
      );
    add(
      "admin:avd-key-vault",
      "required",
      "AVD session hosts",
      `Key Vault ${model.keyVault.name}`,
      "TCP",
      port(443),
      "design 3.3.3",
      [{ from, to: { fqdn: hostOf(model.keyVault.uri), resolves: "private" } }],
    );
  }
  // Tailscale: the connector runs in the clusters and advertises the tailnet route; its traffic leaves the nodes.
  if (model.config.access.mode === "tailscale") {
    for (const { cluster, vnet } of clusterVnets) {
      const nodes = subnetOf(vnet, "aksNodes");
      const api = subnetOf(vnet, "aksApiServer");
      if (nodes && api)
        add(
          `admin:tailnet-${cluster.name}-api-server`,
          "required",
          `tailnet ${model.config.access.tailscaleRange} (connector in ${cluster.name})`,
          `${cluster.aksName} API server`,
          "TCP",
          port(443),
          "design 3.3.3; https://tailscale.com/kb/1185/kubernetes",
          [{ from: origin(vnet, nodes), to: { address: nthAddress(api.cidr, 4) } }],
        );
    }
  }
}
