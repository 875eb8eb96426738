/**
 * The evaluator, proved on the prod plan and on mutations of it: each kind of hop passes on the plan and
 * fails at the right hop, for the right reason, once one resource is changed. Expected values come from the
 * Azure semantics cited in src/ (route selection, NSG priority, firewall rule order, DNS zones).
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { evaluateFlows, type FlowResult, flowsToJson } from "@plugilo/flows";
import { type EnvironmentModel, flowCatalogue, loadModel } from "@plugilo/model";
import { planEnvironment } from "@plugilo/plan";
import type { PlannedResource } from "@plugilo/policy";

let model: EnvironmentModel;
let plan: PlannedResource[];
const clone = (): PlannedResource[] => structuredClone(plan);
const find = (rs: PlannedResource[], type: string, name: string) => {
  const r = rs.find((x) => x.type === `azure-native:${type}` && x.name === name);
  assert.ok(r, `${type} ${name} in the plan`);
  // biome-ignore lint/suspicious/noExplicitAny: mutating plan inputs, untyped JSON
  return r as PlannedResource & { inputs: Record<string, any> };
};
function run(resources: PlannedResource[], id: string): FlowResult {
  const flow = flowCatalogue(model).find((f) => f.id === id);
  assert.ok(flow, `flow ${id} in the catalogue`);
  return evaluateFlows(model, resources, [flow])[0] as FlowResult;
}

before(async () => {
  model = loadModel("prod");
  plan = (await planEnvironment(model)).resources;
});

describe("firewall policy", () => {
  it("allows app1 -> PostgreSQL by the data-access network rule and denies it without that rule", () => {
    const ok = run(plan, "data:app1:postgresql-psql-plugilo-data-prod-gwc-6432");
    assert.equal(ok.verdict, "allowed");
    assert.ok(ok.hops.some((h) => h.at === "afw-plugilo-hub-prod-gwc" && h.decision.includes("clusters-to-postgresql")));
    const rs = clone();
    const rcg = find(rs, "network:FirewallPolicyRuleCollectionGroup", "afwp-plugilo-hub-prod-gwc-rcg-data-access");
    rcg.inputs.ruleCollections[0].rules = rcg.inputs.ruleCollections[0].rules.filter(
      (r: { name: string }) => r.name !== "clusters-to-postgresql",
    );
    const bad = run(rs, "data:app1:postgresql-psql-plugilo-data-prod-gwc-6432");
    assert.equal(bad.verdict, "denied");
    assert.match(
      bad.reason,
      /^afw-plugilo-hub-prod-gwc: no rule of afwp-plugilo-hub-prod-gwc allows TCP 6432 .*denied by default$/,
    );
  });
  it("a Deny collection at a higher priority (lower number) wins over the Allow", () => {
    const rs = clone();
    const rcg = find(rs, "network:FirewallPolicyRuleCollectionGroup", "afwp-plugilo-hub-prod-gwc-rcg-data-access");
    rcg.inputs.ruleCollections.push({
      name: "block-psql",
      priority: 240,
      action: { type: "Deny" },
      ruleCollectionType: "FirewallPolicyFilterRuleCollection",
      rules: [
        {
          name: "no-psql",
          ruleType: "NetworkRule",
          sourceAddresses: ["10.60.16.0/22"],
          destinationAddresses: ["10.60.4.0/26"],
          destinationPorts: ["6432"],
          ipProtocols: ["TCP"],
        },
      ],
    });
    const bad = run(rs, "data:app1:postgresql-psql-plugilo-data-prod-gwc-6432");
    assert.equal(
      bad.reason,
      "afw-plugilo-hub-prod-gwc: denied by network rule afwp-plugilo-hub-prod-gwc/rcg-data-access(250)/block-psql(240)/no-psql",
    );
  });
  it("Redis: 10000 and the OSS cluster shard ports 8500-8599 are open; without the shard range only 10000 works", () => {
    assert.equal(run(plan, "data:app1:redis").verdict, "allowed");
    assert.equal(run(plan, "data:app1:redis-shards").verdict, "allowed");
    const rs = clone();
    const rcg = find(rs, "network:FirewallPolicyRuleCollectionGroup", "afwp-plugilo-hub-prod-gwc-rcg-data-access");
    const rule = rcg.inputs.ruleCollections[0].rules.find((r: { name: string }) => r.name === "clusters-to-managed-redis");
    rule.destinationPorts = rule.destinationPorts.filter((p: string) => p !== "8500-8599");
    assert.equal(run(rs, "data:app1:redis").verdict, "allowed");
    const shards = run(rs, "data:app1:redis-shards");
    assert.equal(shards.verdict, "denied");
    assert.match(shards.reason, /^afw-plugilo-hub-prod-gwc: no rule .* allows TCP 8500-8599 /);
  });
  it("API Management -> service tag AzureKeyVault is allowed by its dependency rules, denied without them", () => {
    assert.equal(run(plan, "platform:apim-azure-key-vault").verdict, "allowed");
    const rs = clone().filter((r) => r.name !== "afwp-plugilo-hub-prod-gwc-rcg-apim-dependencies");
    const r = run(rs, "platform:apim-azure-key-vault");
    assert.equal(r.verdict, "denied");
    assert.match(r.reason, /^afw-plugilo-hub-prod-gwc: .*service tag AzureKeyVault\.germanywestcentral/);
  });
  it("egress by FQDN tag AzureKubernetesService leaves through the NAT gateway", () => {
    const r = run(plan, "egress:app1:mcr.microsoft.com");
    assert.equal(r.verdict, "allowed");
    assert.ok(r.hops.some((h) => h.decision.includes("FQDN tag AzureKubernetesService")));
    assert.ok(r.hops.some((h) => h.decision === "leaves through NAT gateway ng-plugilo-hub-prod-gwc"));
  });
  it("SNAT: the firewall SNATs to itself towards the private endpoint subnet, outside its private ranges", () => {
    const r = run(plan, "data:app2:postgresql-psql-plugilo-data-prod-gwc-6432");
    assert.equal(r.verdict, "allowed");
    assert.ok(
      r.hops.some(
        (h) => h.at === "afw-plugilo-hub-prod-gwc" && h.decision.includes("SNAT to afw-plugilo-hub-prod-gwc (10.60.0.4)"),
      ),
    );
  });
});

describe("routes", () => {
  it("removing the spoke's 0.0.0.0/0 UDR: the destination leaves the VirtualNetwork tag, DenyAllOutBound decides", () => {
    const rs = clone();
    find(rs, "network:RouteTable", "rt-plugilo-app1-prod-gwc-aks-nodes").inputs.routes = [];
    const r = run(rs, "data:app1:postgresql-psql-plugilo-data-prod-gwc-6432");
    assert.equal(r.verdict, "denied");
    assert.equal(r.reason, "NSG nsg-plugilo-app1-prod-gwc-aks-nodes (outbound): denied by DenyAllOutBound (priority 65500)");
    // Without the NSG too, the reserved 10.0.0.0/8 system route (next hop None) drops the packet.
    find(rs, "network:VirtualNetwork", "vnet-plugilo-app1-prod-gwc").inputs.subnets[0].networkSecurityGroup = undefined;
    assert.equal(
      run(rs, "data:app1:redis").reason,
      "routes of vnet-plugilo-app1-prod-gwc/snet-plugilo-aks-nodes-prod-gwc: next hop None for 10.0.0.0/8: dropped",
    );
  });
  it("a next hop that is no firewall drops the packet", () => {
    const rs = clone();
    find(rs, "network:RouteTable", "rt-plugilo-app1-prod-gwc-aks-nodes").inputs.routes[0].nextHopIpAddress = "10.60.0.5";
    assert.match(run(rs, "data:app1:redis").reason, /next hop 10\.60\.0\.5 is not an Azure Firewall of this plan: dropped$/);
  });
  it("removing a peering (one direction) disconnects it", () => {
    const rs = clone().filter(
      (r) =>
        r.name !== "vnet-plugilo-hub-prod-gwc-peer-hub-gwc-to-data-gwc" &&
        !(r.type.endsWith("VirtualNetworkPeering") && r.inputs.virtualNetworkPeeringName === "peer-hub-gwc-to-data-gwc"),
    );
    const r = run(rs, "data:app1:redis");
    assert.equal(r.verdict, "denied");
    assert.match(
      r.reason,
      /^routes of vnet-plugilo-hub-prod-gwc\/AzureFirewallSubnet: .*next hop Internet|^routes of vnet-plugilo-hub-prod-gwc\/AzureFirewallSubnet: private address .* routed to the Internet: dropped$/,
    );
  });
  it("a spoke-to-spoke peering is a path around the firewall", () => {
    assert.equal(run(plan, "forbidden:bypass-cluster-app1-to-data-gwc").verdict, "denied");
    const rs = clone();
    const peer = (from: string, to: string, rg: string) =>
      ({
        stack: "test",
        urn: `urn:${from}-${to}`,
        type: "azure-native:network:VirtualNetworkPeering",
        name: `${from}-${to}`,
        parent: undefined,
        protect: false,
        inputs: {
          allowForwardedTraffic: false,
          allowGatewayTransit: false,
          allowVirtualNetworkAccess: true,
          useRemoteGateways: false,
          resourceGroupName: rg,
          virtualNetworkName: from,
          virtualNetworkPeeringName: `${from}-${to}`,
          remoteVirtualNetwork: { id: `/subscriptions/x/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/${to}` },
        },
      }) as unknown as PlannedResource;
    rs.push(
      peer("vnet-plugilo-app1-prod-gwc", "vnet-plugilo-data-prod-gwc", "rg-plugilo-app1-prod-gwc"),
      peer("vnet-plugilo-data-prod-gwc", "vnet-plugilo-app1-prod-gwc", "rg-plugilo-data-prod-gwc"),
    );
    // The peering routes around the firewall; the data subnet's NSG takes 443 from the firewall only and stops it.
    const stopped = run(rs, "forbidden:bypass-cluster-app1-to-data-gwc");
    assert.equal(stopped.verdict, "denied");
    assert.equal(
      stopped.reason,
      "NSG nsg-plugilo-data-prod-gwc-pep (inbound): denied by DenyAllInbound (priority 4096) for TCP 443 from 10.60.16.0/22",
    );
    assert.ok(
      stopped.hops.some((h) => h.decision.includes("next hop VNetPeering (system: peering with vnet-plugilo-data-prod-gwc)")),
    );
    // With the subnet open to the nodes as well, the path around the firewall is complete.
    find(rs, "network:NetworkSecurityGroup", "nsg-plugilo-data-prod-gwc-pep").inputs.securityRules.push({
      name: "AllowNodes",
      priority: 300,
      direction: "Inbound",
      access: "Allow",
      protocol: "Tcp",
      sourceAddressPrefix: "10.60.16.0/22",
      sourcePortRange: "*",
      destinationAddressPrefix: "*",
      destinationPortRange: "443",
    });
    const r = run(rs, "forbidden:bypass-cluster-app1-to-data-gwc");
    assert.equal(r.verdict, "allowed");
    assert.ok(r.hops.some((h) => h.decision.includes("next hop VNetPeering (system: peering with vnet-plugilo-data-prod-gwc)")));
  });
  it("the VPN rules name their destinations and ports: AWS reaches the ingress on 443; SSH to the nodes meets firewall and NSG", () => {
    assert.equal(run(plan, "multicloud:aws-to-app1-ingress").verdict, "allowed");
    assert.equal(run(plan, "forbidden:aws-to-app1-nodes").verdict, "denied");
    // The former rule, the environment <-> the peer on every port, lets SSH to the nodes through.
    const rs = clone();
    const rcg = find(rs, "network:FirewallPolicyRuleCollectionGroup", "afwp-plugilo-hub-prod-gwc-rcg-multicloud");
    rcg.inputs.ruleCollections[0].rules.push({
      name: "aws-any",
      ruleType: "NetworkRule",
      ipProtocols: ["Any"],
      sourceAddresses: ["10.100.0.0/16"],
      destinationAddresses: ["10.60.0.0/16"],
      destinationPorts: ["*"],
    });
    // The firewall now lets SSH through; the nodes' NSG takes only 443 from AWS and stops it (both layers).
    const r = run(rs, "forbidden:aws-to-app1-nodes");
    assert.ok(r.hops.some((h) => h.at === "afw-plugilo-hub-prod-gwc" && h.decision.includes("aws-any")));
    assert.equal(
      r.reason,
      "NSG nsg-plugilo-app1-prod-gwc-aks-nodes (inbound): denied by DenyAllInbound (priority 4096) for TCP 22 from 10.100.0.0/16",
    );
  });
  it("BGP: a gn spoke reaches AWS through its firewall, the SNAT making the reply come back through the gateway", () => {
    const r = run(plan, "multicloud:app2-to-aws-https");
    assert.equal(r.verdict, "allowed");
    assert.ok(r.hops.some((h) => h.decision.includes("next hop VirtualNetworkGateway (bgp: vpng-plugilo-hub-prod-gwc")));
  });
  it("the gateway transits between its BGP peers: without the remote ends' controls AWS reaches GCP around the firewall", () => {
    // The transit gateway's blackhole route and GCP's deny rules refuse it (remote-ends.test.ts); without them:
    const rs = clone().filter(
      (r) => r.type !== "aws:ec2transitgateway/route:Route" && r.type !== "gcp:compute/firewall:Firewall",
    );
    const r = run(rs, "forbidden:aws-to-gcp-through-azure");
    assert.equal(r.verdict, "allowed");
    assert.ok(r.hops.some((h) => h.decision.startsWith("transit between BGP peers")));
  });
});

describe("NSGs", () => {
  it("a deny rule at a higher priority than the flow's allow blocks it at the destination subnet", () => {
    assert.equal(run(plan, "inbound:frontdoor-agw-gwc-app1").verdict, "allowed");
    const rs = clone();
    find(rs, "network:NetworkSecurityGroup", "nsg-plugilo-app1-prod-gwc-aks-nodes").inputs.securityRules.push({
      name: "DenyEdge",
      priority: 300,
      direction: "Inbound",
      access: "Deny",
      protocol: "Tcp",
      sourceAddressPrefix: "10.60.2.0/24",
      sourcePortRange: "*",
      destinationAddressPrefix: "*",
      destinationPortRange: "443",
    });
    const r = run(rs, "inbound:frontdoor-agw-gwc-app1");
    assert.equal(r.verdict, "denied");
    assert.equal(
      r.reason,
      "NSG nsg-plugilo-app1-prod-gwc-aks-nodes (inbound): denied by DenyEdge (priority 300) for TCP 443 from 10.60.2.0/24",
    );
  });
  it("the nodes take Front Door's path only by the rule derived from it: without it DenyAllInbound stops it", () => {
    const ok = run(plan, "inbound:frontdoor-agw-gwc-app1");
    assert.ok(
      ok.hops.some(
        (h) =>
          h.at === "NSG nsg-plugilo-app1-prod-gwc-aks-nodes (inbound)" &&
          h.decision === "allowed by AllowFlowsTcp1 (priority 1000)",
      ),
    );
    const rs = clone();
    const nsg = find(rs, "network:NetworkSecurityGroup", "nsg-plugilo-app1-prod-gwc-aks-nodes");
    nsg.inputs.securityRules = nsg.inputs.securityRules.filter((r: { priority: number }) => r.priority !== 1000);
    assert.equal(
      run(rs, "inbound:frontdoor-agw-gwc-app1").reason,
      "NSG nsg-plugilo-app1-prod-gwc-aks-nodes (inbound): denied by DenyAllInbound (priority 4096) for TCP 443 from 10.60.2.0/24",
    );
  });
  it("PostgreSQL reaches its endpoint subnet from the firewall's address, the only source that subnet takes", () => {
    const r = run(plan, "data:app1:postgresql-psql-plugilo-data-prod-gwc-5432");
    assert.equal(r.verdict, "allowed");
    assert.ok(
      r.hops.some(
        (h) => h.at === "afw-plugilo-hub-prod-gwc" && h.decision.includes("SNAT to afw-plugilo-hub-prod-gwc (10.60.0.4)"),
      ),
    );
    assert.ok(
      r.hops.some(
        (h) =>
          h.at === "NSG nsg-plugilo-data-prod-gwc-pep (inbound)" && h.decision === "allowed by AllowFlowsTcp1 (priority 1000)",
      ),
    );
  });
  it("the segmentation flows stop at the destination NSG; every port open to the platform ranges lets them through", () => {
    const ids = [
      "forbidden:segment:cluster-app1-nodes-to-pep-ssh",
      "forbidden:segment:cluster-app1-nodes-to-api-server-ssh",
      "forbidden:segment:cluster-app1-pep-to-nodes-kubelet",
      "forbidden:segment:edge-gwc-apim-to-appgw",
      "forbidden:segment:edge-gwc-appgw-to-pep",
      "forbidden:segment:data-gwc-psql-subnet-to-pep",
    ];
    assert.equal(
      run(plan, "forbidden:segment:cluster-app1-nodes-to-pep-ssh").reason,
      "NSG nsg-plugilo-app1-prod-gwc-pep (inbound): denied by DenyAllInbound (priority 4096) for TCP 22 from 10.60.16.0/22",
    );
    for (const id of ids) assert.equal(run(plan, id).verdict, "denied", id);
    // The rule the NSGs had before: the environment, AWS, GCP and the tailnet on every port.
    const rs = clone();
    for (const nsg of rs.filter((r) => r.type === "azure-native:network:NetworkSecurityGroup"))
      (nsg.inputs.securityRules as unknown[]).push({
        name: "AllowPlatformInbound",
        priority: 4000,
        direction: "Inbound",
        access: "Allow",
        protocol: "*",
        sourceAddressPrefixes: ["10.60.0.0/16", "10.100.0.0/16", "10.110.0.0/16", "100.64.0.0/10"],
        sourcePortRange: "*",
        destinationAddressPrefix: "*",
        destinationPortRange: "*",
      });
    for (const id of ids) {
      const r = run(rs, id);
      assert.equal(r.verdict, "allowed", id);
      assert.ok(
        r.hops.some((h) => h.decision === "allowed by AllowPlatformInbound (priority 4000)"),
        id,
      );
    }
  });
  it("the Internet meets DenyAllInbound on the Application Gateway subnet", () => {
    const r = run(plan, "forbidden:internet-to-agw-plugilo-edge-prod-gwc");
    assert.equal(
      r.reason,
      "NSG nsg-plugilo-edge-prod-gwc-agw (inbound): denied by DenyAllInbound (priority 4096) for Internet TCP 443",
    );
  });
});

describe("private endpoints and DNS", () => {
  it("resolves Key Vault through the firewall's DNS proxy to the private endpoint; without the hub link it resolves publicly", () => {
    const ok = run(plan, "platform:app1-key-vault");
    assert.equal(ok.verdict, "allowed");
    assert.ok(ok.hops.some((h) => h.decision.includes("custom DNS 10.60.0.4 = afw-plugilo-hub-prod-gwc DNS proxy")));
    const rs = clone().filter(
      (r) => r.name !== "privatelink.vaultcore.azure.net-germanywestcentral-pdnslink-plugilo-hub-prod-gwc",
    );
    const bad = run(rs, "platform:app1-key-vault");
    assert.equal(bad.verdict, "denied");
    assert.match(bad.reason, /resolves to a public address where a private endpoint is expected$/);
    assert.ok(
      bad.hops.some((h) =>
        h.decision.startsWith("zone privatelink.vaultcore.azure.net is not linked to vnet-plugilo-hub-prod-gwc"),
      ),
    );
  });
  it("without the zone group the linked zone answers NXDOMAIN", () => {
    const rs = clone().filter((r) => r.name !== "pep-plugilo-kv-prod-gwc-dns");
    assert.match(run(rs, "platform:app1-key-vault").reason, /has no record kv-plugilo-prod: NXDOMAIN$/);
  });
  it("a cluster resolves its registry in its own region's zone; through the other region's zone it is a failure", () => {
    const ok = run(plan, "platform:app2-registry-data");
    assert.equal(ok.verdict, "allowed");
    assert.ok(
      ok.hops.some((h) =>
        h.decision.startsWith(
          "crplugiloprod.germanynorth.data.privatelink.azurecr.io -> private endpoint pep-plugilo-cr-prod-gn (germanynorth",
        ),
      ),
    );
    // One shared zone, linked to both hubs, as before per-region zones: germanynorth resolves to germanywestcentral.
    const rs = clone().filter(
      (r) => !r.name.startsWith("privatelink.azurecr.io-germanynorth") && r.name !== "pep-plugilo-cr-prod-gn-dns",
    );
    const link = find(
      rs,
      "privatedns:VirtualNetworkLink",
      "privatelink.azurecr.io-germanywestcentral-pdnslink-plugilo-hub-prod-gwc",
    );
    const toGn = structuredClone(link);
    toGn.name = "privatelink.azurecr.io-germanywestcentral-pdnslink-plugilo-hub-prod-gn";
    toGn.inputs.virtualNetwork.id = link.inputs.virtualNetwork.id.replaceAll("hub-prod-gwc", "hub-prod-gn");
    rs.push(toGn);
    assert.equal(
      run(rs, "platform:app2-registry-data").reason,
      "DNS crplugiloprod.germanynorth.data.azurecr.io: resolves to private endpoint pep-plugilo-cr-prod-gwc in germanywestcentral, not in germanynorth (the source's region)",
    );
  });
  it("two endpoints writing the same record is a failure", () => {
    assert.equal(run(plan, "data:app1:cosmos").verdict, "allowed");
    const rs = clone();
    const group = find(rs, "network:PrivateDnsZoneGroup", "pep-plugilo-data-prod-gn-cosmon-dns");
    for (const c of group.inputs.privateDnsZoneConfigs)
      c.privateDnsZoneId = c.privateDnsZoneId.replace("rg-plugilo-hub-prod-gn", "rg-plugilo-hub-prod-gwc");
    assert.match(
      run(rs, "data:app1:cosmos").reason,
      /is written by 2 private endpoints \(pep-plugilo-data-prod-gwc-cosmon, pep-plugilo-data-prod-gn-cosmon\): the last one deployed wins$/,
    );
  });
  it("two zones of one name linked to the resolver's VNet is a failure (Azure allows one per VNet)", () => {
    const rs = clone();
    const link = find(
      rs,
      "privatedns:VirtualNetworkLink",
      "privatelink.vaultcore.azure.net-germanynorth-pdnslink-plugilo-hub-prod-gn",
    );
    const toGwc = structuredClone(link);
    toGwc.name = "privatelink.vaultcore.azure.net-germanynorth-pdnslink-plugilo-hub-prod-gwc";
    toGwc.inputs.virtualNetwork.id = link.inputs.virtualNetwork.id.replaceAll("hub-prod-gn", "hub-prod-gwc");
    rs.push(toGwc);
    assert.equal(
      run(rs, "platform:app1-key-vault").reason,
      "DNS kv-plugilo-prod.vault.azure.net: 2 zones named privatelink.vaultcore.azure.net (rg-plugilo-hub-prod-gwc, rg-plugilo-hub-prod-gn) are linked to vnet-plugilo-hub-prod-gwc: Azure allows one zone of a name per VNet",
    );
  });
  it("NSGs do not apply to private endpoints with network policies disabled", () => {
    const rs = clone();
    const vnet = find(rs, "network:VirtualNetwork", "vnet-plugilo-data-prod-gwc");
    const pep = vnet.inputs.subnets.find((s: { name: string }) => s.name === "snet-plugilo-pep-prod-gwc");
    const nsg = find(rs, "network:NetworkSecurityGroup", "nsg-plugilo-data-prod-gwc-pep");
    nsg.inputs.securityRules.unshift({
      name: "DenyAll",
      priority: 100,
      direction: "Inbound",
      access: "Deny",
      protocol: "*",
      sourceAddressPrefix: "*",
      destinationAddressPrefix: "*",
      destinationPortRange: "*",
    });
    assert.match(
      run(rs, "data:app1:redis").reason,
      /^NSG nsg-plugilo-data-prod-gwc-pep \(inbound\): denied by DenyAll \(priority 100\)/,
    );
    pep.privateEndpointNetworkPolicies = "Disabled";
    assert.equal(run(rs, "data:app1:redis").verdict, "allowed");
  });
});

describe("return path", () => {
  it("a direct peering that replies take around the firewall makes the flow asymmetric", () => {
    const rs = clone();
    for (const [from, to, rg] of [
      ["vnet-plugilo-app1-prod-gwc", "vnet-plugilo-edge-prod-gwc", "rg-plugilo-app1-prod-gwc"],
      ["vnet-plugilo-edge-prod-gwc", "vnet-plugilo-app1-prod-gwc", "rg-plugilo-edge-prod-gwc"],
    ] as const)
      rs.push({
        stack: "test",
        urn: `urn:${from}`,
        type: "azure-native:network:VirtualNetworkPeering",
        name: `${from}-to-${to}`,
        parent: undefined,
        protect: false,
        inputs: {
          allowForwardedTraffic: true,
          allowVirtualNetworkAccess: true,
          resourceGroupName: rg,
          virtualNetworkName: from,
          virtualNetworkPeeringName: `${from}-to-${to}`,
          remoteVirtualNetwork: { id: `/subscriptions/x/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/${to}` },
        },
      } as unknown as PlannedResource);
    const r = run(rs, "inbound:frontdoor-agw-gwc-app1");
    assert.equal(r.verdict, "denied");
    assert.equal(
      r.reason,
      "return path: asymmetric: replies to 10.60.2.0/24 cross [no firewall], the request crossed [afw-plugilo-hub-prod-gwc] after its last SNAT",
    );
  });
});

describe("Front Door over Private Link", () => {
  it("the origin host (Host header and SNI) must be a listener's host name on the private frontend", () => {
    assert.equal(run(plan, "inbound:frontdoor-agw-gwc-app1").verdict, "allowed");
    const rs = clone();
    const origin = find(rs, "cdn:AFDOrigin", "afd-plugilo-edge-prod-web-agw-gwc");
    origin.inputs.hostName = "10.60.2.254";
    origin.inputs.originHostHeader = "10.60.2.254";
    assert.equal(
      run(rs, "inbound:frontdoor-agw-gwc-app1").reason,
      "agw-plugilo-edge-prod-gwc: origin host 10.60.2.254 matches no listener on frontend private (www.plugilo.example)",
    );
  });
});

describe("public endpoints", () => {
  it("the Internet reaches Front Door, not Key Vault; opening the vault's public access is a violation", () => {
    assert.equal(run(plan, "inbound:internet-to-frontdoor").verdict, "allowed");
    const rs = clone();
    find(rs, "cdn:AFDEndpoint", "fde-plugilo-edge-prod").inputs.enabledState = "Disabled";
    assert.equal(run(rs, "inbound:internet-to-frontdoor").reason, "fde-plugilo-edge-prod: enabledState Disabled");
    assert.equal(
      run(plan, "forbidden:internet-to-key-vault").reason,
      "kv-plugilo-prod: publicNetworkAccess Disabled: the public endpoint refuses connections",
    );
    const vault = find(rs, "keyvault:Vault", "kv-plugilo-prod").inputs.properties;
    vault.publicNetworkAccess = "Enabled";
    assert.equal(run(rs, "forbidden:internet-to-key-vault").reason, "kv-plugilo-prod: service firewall default action Deny");
    vault.networkAcls.defaultAction = "Allow";
    assert.equal(run(rs, "forbidden:internet-to-key-vault").verdict, "allowed");
  });
});

describe("JSON", () => {
  it("has exactly the contract's fields", () => {
    const json = JSON.parse(flowsToJson("prod", [run(plan, "data:app1:redis")]));
    assert.deepEqual(Object.keys(json), ["environment", "flows"]);
    assert.deepEqual(Object.keys(json.flows[0]), [
      "id",
      "kind",
      "source",
      "destination",
      "protocol",
      "port",
      "verdict",
      "hops",
      "reason",
    ]);
    assert.deepEqual(Object.keys(json.flows[0].hops[0]), ["at", "decision"]);
    assert.equal(json.flows[0].port, 10000);
  });
});
