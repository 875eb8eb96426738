/** Inbound (design 3.3.2): clients -> Front Door -> Application Gateway or API Management over Private Link -> firewall -> Istio ingress, and what the edge reads from Key Vault. */
import type { EnvironmentModel } from "../core/model.ts";
import type { VnetModel } from "../core/resources.ts";
import { type AddFlow, APIM_OUTBOUND, FD_PRIVATE_LINK, hostOf, origin, subnetOf } from "./flow-helpers.ts";
import type { FlowLeg, FlowTarget, PortRange } from "./types.ts";

const port = (from: number, to = from): PortRange => ({ from, to });

export function addInboundFlows(model: EnvironmentModel, add: AddFlow): void {
  const vnetByKey = new Map(model.vnets.map((v) => [v.key, v]));
  const clusterVnets = model.clusters.map((c) => ({ cluster: c, vnet: vnetByKey.get(c.vnetKey) as VnetModel }));
  const edgeVnets = model.vnets.filter((v) => v.kind === "edge");
  const _dataVnets = model.vnets.filter((v) => v.kind === "data");
  // --- Inbound: Front Door -> Application Gateway (Private Link) -> firewall -> Istio ILB (3.3.2)
  for (const agw of model.edge.applicationGateways) {
    const origins = model.edge.frontDoor.originGroups.flatMap((g) =>
      g.origins.filter((o) => o.privateLink.resourceId === agw.id).map((o) => ({ group: g.name, origin: o.name })),
    );
    const agwVnet = edgeVnets.find((v) => v.region === agw.region);
    const agwSubnet = agwVnet && subnetOf(agwVnet, "appgw");
    for (const o of origins) {
      for (const backend of agw.backendAddresses) {
        const legs: FlowLeg[] = [
          { from: { frontDoor: { originGroup: o.group, origin: o.origin } }, to: { address: agw.privateFrontendIp } },
        ];
        if (agwVnet && agwSubnet) legs.push({ from: origin(agwVnet, agwSubnet), to: { address: backend.ipAddress } });
        add(
          `inbound:frontdoor-${o.origin}-${backend.cluster}`,
          "required",
          `Front Door (origin ${o.group}/${o.origin})`,
          `Istio ingress of ${backend.cluster} (${backend.ipAddress}) through ${agw.name}`,
          "TCP",
          port(443),
          `design 3.3.2; ${FD_PRIVATE_LINK}`,
          legs,
        );
      }
    }
  }
  // Clients -> Front Door: the one public entry.
  add(
    "inbound:internet-to-frontdoor",
    "required",
    "Internet",
    `Front Door endpoint ${model.edge.frontDoor.endpointName}`,
    "TCP",
    port(443),
    "design 3.3.2",
    [
      {
        from: { external: "Internet", cidr: "0.0.0.0/0" },
        to: { publicEndpoint: { type: "azure-native:cdn:AFDEndpoint", name: model.edge.frontDoor.endpointName } },
      },
    ],
  );
  // Front Door -> API Management (private endpoint of the gateway), then API Management -> firewall -> ILB.
  const apim = model.edge.apiManagement;
  for (const g of model.edge.frontDoor.originGroups) {
    for (const o of g.origins.filter((x) => x.privateLink.resourceId === apim.id)) {
      add(
        `inbound:frontdoor-${o.name}`,
        "required",
        `Front Door (origin ${g.name}/${o.name})`,
        `API Management ${apim.name}`,
        "TCP",
        port(443),
        `design 3.3.2; ${FD_PRIVATE_LINK}`,
        [
          {
            from: { frontDoor: { originGroup: g.name, origin: o.name } },
            to: { fqdn: apim.gatewayHostName, resolves: "public" },
          },
        ],
      );
    }
  }
  const apimVnet = model.vnets.find((v) => v.subnets.some((s) => s.id === apim.outboundSubnetId));
  const apimSubnet = apimVnet?.subnets.find((s) => s.id === apim.outboundSubnetId);
  if (apimVnet && apimSubnet) {
    for (const { cluster } of clusterVnets) {
      add(
        `inbound:apim-${cluster.name}`,
        "required",
        `API Management ${apim.name}`,
        `Istio ingress of ${cluster.name} (${cluster.ingressIp})`,
        "TCP",
        port(443),
        "design 3.3.2",
        [{ from: origin(apimVnet, apimSubnet), to: { address: cluster.ingressIp } }],
      );
    }
    // Platform dependencies of outbound VNet integration.
    const apimDeps: [string, FlowTarget, string][] = [
      ["key-vault", { fqdn: hostOf(model.keyVault.uri), resolves: "private" }, `environment Key Vault ${model.keyVault.name}`],
      ["azure-key-vault", { serviceTag: `AzureKeyVault.${apim.region}` }, "Azure Key Vault (service tag AzureKeyVault)"],
      ["storage", { serviceTag: `Storage.${apim.region}` }, "Azure Storage (service tag Storage)"],
      [
        "entra-id",
        { fqdn: "login.microsoftonline.com", resolves: "public", serviceTags: ["AzureActiveDirectory"] },
        "Microsoft Entra ID",
      ],
      ["azure-monitor", { serviceTag: "AzureMonitor" }, "Azure Monitor (service tag AzureMonitor)"],
    ];
    for (const [key, to, label] of apimDeps) {
      add(`platform:apim-${key}`, "required", `API Management ${apim.name}`, label, "TCP", port(443), APIM_OUTBOUND, [
        { from: origin(apimVnet, apimSubnet), to },
      ]);
    }
  }
  // Application Gateway -> Key Vault (its TLS certificate).
  for (const agw of model.edge.applicationGateways) {
    const v = edgeVnets.find((x) => x.region === agw.region);
    const s = v && subnetOf(v, "appgw");
    if (!v || !s) continue;
    add(
      `platform:${agw.name}-key-vault`,
      "required",
      `Application Gateway ${agw.name}`,
      `environment Key Vault ${model.keyVault.name}`,
      "TCP",
      port(443),
      "https://learn.microsoft.com/azure/application-gateway/key-vault-certs",
      [{ from: origin(v, s), to: { fqdn: hostOf(model.keyVault.uri), resolves: "private" } }],
    );
  }
}
