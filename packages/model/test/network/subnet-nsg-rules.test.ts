/**
 * Per-subnet NSG rules derived from the required flows (subnet-nsg-rules.ts, docs/adr/0132). Expected values
 * come from prod.yaml's address plan (10.60.0.0/16; AWS 10.100.0.0/16, GCP 10.110.0.0/16), Azure's first
 * usable address of AzureFirewallSubnet (.4), the catalogue's ports (PostgreSQL 5432 and PgBouncer 6432,
 * Managed Redis 10000 and OSS shards 8500-8599, Cosmos DB for MongoDB 10255, HTTPS 443) and Microsoft Learn's
 * Application Gateway v2 requirements (GatewayManager 65200-65535, AzureLoadBalancer).
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { EnvironmentModel } from "../../src/core/model.ts";
import { resolveConfig } from "../../src/core/resolve.ts";
import type { SecurityRuleModel, SubnetModel } from "../../src/core/resources.ts";
import { flowCatalogue } from "../../src/flows/catalogue.ts";
import { withSubnetNsgRules } from "../../src/network/subnet-nsg-rules.ts";
import { configOf, ENVIRONMENTS } from "../helpers.ts";

const models = Object.fromEntries(ENVIRONMENTS.map((e) => [e, resolveConfig(configOf(e), `environments/${e}.yaml`)])) as Record<
  (typeof ENVIRONMENTS)[number],
  EnvironmentModel
>;
const prod = models.prod;

function subnet(model: EnvironmentModel, vnetKey: string, kind: SubnetModel["kind"]): SubnetModel {
  const s = model.vnets.find((v) => v.key === vnetKey)?.subnets.find((x) => x.kind === kind);
  assert.ok(s, `${vnetKey}/${kind}`);
  return s;
}
const rules = (model: EnvironmentModel, vnetKey: string, kind: SubnetModel["kind"]) =>
  subnet(model, vnetKey, kind).networkSecurityGroup?.rules ?? [];
/** Allow rules on every port whose source is not Azure's probe tag, a pod range or a subnet of the same VNet. */
function anyPortOpenings(model: EnvironmentModel): string[] {
  const pods = model.clusters.map((c) => c.podCidr);
  const out: string[] = [];
  for (const vnet of model.vnets)
    for (const s of vnet.subnets)
      for (const r of s.networkSecurityGroup?.rules ?? []) {
        if (r.access !== "Allow" || !r.destinationPortRanges.includes("*")) continue;
        for (const src of r.sourceAddressPrefixes)
          if (src !== "AzureLoadBalancer" && !pods.includes(src) && !vnet.subnets.some((x) => x.cidr === src))
            out.push(`${s.networkSecurityGroup?.name} ${r.name} ${src}`);
      }
  return out;
}
const brief = (r: SecurityRuleModel) => [
  r.priority,
  r.name,
  r.access,
  r.protocol,
  r.sourceAddressPrefixes,
  r.destinationPortRanges,
];

describe("per-subnet NSG rules from the flows", () => {
  test("the cluster nodes take 443 from the gateways, API Management and the peers; the rest is cluster-internal", () => {
    assert.deepEqual(rules(prod, "cluster-app1", "aksNodes").map(brief), [
      [110, "AllowAzureLoadBalancerInbound", "Allow", "*", ["AzureLoadBalancer"], ["*"]],
      [200, "AllowPodCidrInbound", "Allow", "*", ["10.244.0.0/16"], ["*"]],
      [210, "AllowNodesInbound", "Allow", "*", ["10.60.16.0/22"], ["*"]],
      [220, "AllowApiServerInbound", "Allow", "Tcp", ["10.60.20.0/28"], ["*"]],
      // AWS and GCP (multicloud inbound 443), the Application Gateway subnet, API Management's subnet.
      [1000, "AllowFlowsTcp1", "Allow", "Tcp", ["10.100.0.0/16", "10.110.0.0/16", "10.60.2.0/24", "10.60.3.32/27"], ["443"]],
      [4096, "DenyAllInbound", "Deny", "*", ["*"], ["*"]],
    ]);
  });

  test("a data endpoint subnet takes the data ports from its region's firewall only (it SNATs to them)", () => {
    const ports = ["443", "5432", "6432", "8500-8599", "10000", "10255"];
    assert.deepEqual(rules(prod, "data-gwc", "dataPrivateEndpoints").map(brief), [
      [1000, "AllowFlowsTcp1", "Allow", "Tcp", ["10.60.0.4"], ports],
      [4096, "DenyAllInbound", "Deny", "*", ["*"], ["*"]],
    ]);
    // germanynorth's hub is 10.60.64.0/23: its firewall is 10.60.64.4.
    assert.deepEqual(rules(prod, "data-gn", "dataPrivateEndpoints")[0]?.sourceAddressPrefixes, ["10.60.64.4"]);
  });

  test("the Application Gateway subnet: Azure's v2 ports, probes, and 443 from its Private Link subnet", () => {
    assert.deepEqual(rules(prod, "edge-gwc", "appgw").map(brief), [
      [100, "AllowGatewayManagerInbound", "Allow", "Tcp", ["GatewayManager"], ["65200-65535"]],
      [110, "AllowAzureLoadBalancerInbound", "Allow", "*", ["AzureLoadBalancer"], ["*"]],
      [1000, "AllowFlowsTcp1", "Allow", "Tcp", ["10.60.3.0/28"], ["443"]],
      [4096, "DenyAllInbound", "Deny", "*", ["*"], ["*"]],
    ]);
  });

  test("the API server takes 443 from its nodes and the desktops; the desktops and API Management take nothing", () => {
    const api = rules(prod, "cluster-app1", "aksApiServer");
    // API Server VNet Integration's NSG table: the cluster subnet on TCP 443 and 4443, the load balancer on 9988.
    assert.deepEqual(api.filter((r) => r.priority < 1000).map(brief), [
      [110, "AllowAzureLoadBalancerInbound", "Allow", "*", ["AzureLoadBalancer"], ["*"]],
      [210, "AllowApiServerSubnetInbound", "Allow", "*", ["10.60.20.0/28"], ["*"]],
      [220, "AllowClusterNodesToApiServerInbound", "Allow", "Tcp", ["10.60.16.0/22"], ["443", "4443"]],
    ]);
    assert.deepEqual(api.filter((r) => r.priority >= 1000).map(brief), [
      [1000, "AllowFlowsTcp1", "Allow", "Tcp", ["10.60.16.0/22", "10.60.6.0/24"], ["443"]],
      [4096, "DenyAllInbound", "Deny", "*", ["*"], ["*"]],
    ]);
    for (const [key, kind] of [
      ["access-gwc", "avd"],
      ["edge-gwc", "apim"],
      ["edge-gwc", "edgePrivateEndpoints"],
      ["data-gwc", "postgresql"],
    ] as const)
      assert.deepEqual(
        rules(prod, key, kind).map(brief),
        [[4096, "DenyAllInbound", "Deny", "*", ["*"], ["*"]]],
        `${key}/${kind}`,
      );
  });

  test("no NSG of any environment allows every port from the platform ranges, AWS, GCP or the tailnet", () => {
    for (const env of ENVIRONMENTS) assert.deepEqual(anyPortOpenings(models[env]), [], env);
    // The check bites: the old rule (every routable range on every port, priority 4000) is caught.
    const reopened = structuredClone(prod);
    const routable = reopened.reservations.filter((r) => r.routable).map((r) => r.cidr);
    for (const v of reopened.vnets)
      for (const s of v.subnets)
        s.networkSecurityGroup?.rules.push({
          name: "AllowPlatformInbound",
          priority: 4000,
          direction: "Inbound",
          access: "Allow",
          protocol: "*",
          sourceAddressPrefixes: routable,
          destinationPortRanges: ["*"],
          description: "every port",
        });
    const found = anyPortOpenings(reopened);
    assert.ok(found.includes("nsg-plugilo-data-prod-gwc-pep AllowPlatformInbound 10.60.0.0/16"), found.join("\n"));
    assert.ok(found.includes("nsg-plugilo-app1-prod-gwc-aks-nodes AllowPlatformInbound 10.100.0.0/16"));
  });

  test("every allowed port comes from a required flow: dropping the flows leaves Azure's rules and the deny", () => {
    const bare = withSubnetNsgRules(prod, []);
    const nodes = bare.vnets.find((v) => v.key === "cluster-app1")?.subnets.find((s) => s.kind === "aksNodes");
    assert.deepEqual(
      nodes?.networkSecurityGroup?.rules.map((r) => r.name),
      ["AllowAzureLoadBalancerInbound", "AllowPodCidrInbound", "AllowNodesInbound", "AllowApiServerInbound", "DenyAllInbound"],
    );
    // Only the PostgreSQL flows: the data subnet opens 5432 and 6432 and nothing else.
    const pg = flowCatalogue(prod).filter((f) => f.id.startsWith("data:app1:postgresql-"));
    const data = withSubnetNsgRules(prod, pg).vnets.find((v) => v.key === "data-gwc");
    const pep = data?.subnets.find((s) => s.kind === "dataPrivateEndpoints")?.networkSecurityGroup?.rules ?? [];
    assert.deepEqual(pep.map(brief), [
      [1000, "AllowFlowsTcp1", "Allow", "Tcp", ["10.60.0.4"], ["5432", "6432"]],
      [4096, "DenyAllInbound", "Deny", "*", ["*"], ["*"]],
    ]);
  });

  test("dev (Tailscale, in-cluster data): the data endpoints take the storage flow only, from the firewall", () => {
    assert.deepEqual(rules(models.dev, "data-gwc", "dataPrivateEndpoints").map(brief), [
      [1000, "AllowFlowsTcp1", "Allow", "Tcp", ["10.40.0.4"], ["443"]],
      [4096, "DenyAllInbound", "Deny", "*", ["*"], ["*"]],
    ]);
  });

  test("rule descriptions stay within Azure's 140 characters", () => {
    for (const env of ENVIRONMENTS)
      for (const v of models[env].vnets)
        for (const s of v.subnets)
          for (const r of s.networkSecurityGroup?.rules ?? []) assert.ok(r.description.length <= 140, r.description);
  });
});
