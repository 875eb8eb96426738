import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { type EnvironmentModel, loadModel, overlaps, sharedServiceEndpointSubnets, within } from "@plugilo/model";
import { type PlanResult, planEnvironment } from "@plugilo/plan";

interface Rule {
  name: string;
  sourceAddresses: string[];
  destinationAddresses: string[];
  destinationPorts: string[];
}

let model: EnvironmentModel;
let plan: PlanResult;

before(async () => {
  model = loadModel("prod");
  plan = await planEnvironment(model, { only: ["hub"] });
});

describe("east-west to Key Vault and the registry", () => {
  it("lets every cluster's nodes and the edge reach the shared private endpoints of both regions on 443, in both firewalls", () => {
    const endpoints = sharedServiceEndpointSubnets(model.config, model.vnets);
    assert.deepEqual(
      endpoints.map((e) => [e.region, e.cluster]),
      [
        ["germanywestcentral", "app1"],
        ["germanynorth", "app2"],
      ],
    );
    const groups = plan.resources.filter((r) => r.inputs.ruleCollectionGroupName === "rcg-shared-services");
    assert.equal(groups.length, model.hubs.length);
    for (const group of groups) {
      const rules = (group.inputs.ruleCollections as { rules: Rule[] }[]).flatMap((c) => c.rules);
      const sources = rules.flatMap((r) => r.sourceAddresses);
      for (const vnet of model.vnets) {
        for (const s of vnet.subnets.filter((x) => ["aksNodes", "appgw", "apim"].includes(x.kind))) {
          assert.ok(sources.includes(s.cidr), `${vnet.name}/${s.name} cannot reach the shared endpoints`);
        }
      }
      for (const r of rules) {
        assert.deepEqual(
          r.destinationAddresses,
          endpoints.map((e) => e.cidr),
        );
        assert.deepEqual(r.destinationPorts, ["443"]);
      }
    }
  });

  it("SNATs traffic to the shared endpoints in their region (private endpoint return traffic ignores UDRs)", () => {
    for (const endpoints of sharedServiceEndpointSubnets(model.config, model.vnets)) {
      const hub = model.hubs.find((h) => h.region === endpoints.region);
      assert.ok(hub);
      assert.ok(!hub.snatPrivateRanges.some((r) => overlaps(r, endpoints.cidr)), "the endpoint subnet is kept unSNATed");
      // Everything else of the environment space stays unSNATed.
      const cluster = model.vnets.find((v) => v.kind === "cluster" && v.region === endpoints.region);
      const nodes = cluster?.subnets.find((s) => s.kind === "aksNodes");
      assert.ok(nodes && hub.snatPrivateRanges.some((r) => within(nodes.cidr, r)));
    }
  });
});
