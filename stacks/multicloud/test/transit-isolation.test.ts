/**
 * The remote ends refuse the AWS <-> GCP transit through Azure (ADR 0145), as the plan records it: a
 * blackhole route per GCP range in the transit gateway's default association route table, and GCP firewall
 * rules denying the AWS ranges in and out, at priority 100 (lower number wins, deny wins at equal priority:
 * https://cloud.google.com/vpc/docs/firewalls). Literal values from environments/<env>.yaml.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { loadModel } from "@plugilo/model";
import { type PlanResult, planEnvironment } from "@plugilo/plan";

const expected = {
  prod: { aws: "10.100.0.0/16", gcp: "10.110.0.0/16", tgw: "tgw-plugilo-prod-azure", network: "plugilo-prod" },
  dev: { aws: "10.102.0.0/16", gcp: "10.112.0.0/16", tgw: "tgw-plugilo-dev-azure", network: "plugilo-dev" },
};
const plans: Record<string, PlanResult> = {};

before(async () => {
  for (const env of Object.keys(expected)) plans[env] = await planEnvironment(loadModel(env), { only: ["hub", "multicloud"] });
});

for (const [env, want] of Object.entries(expected)) {
  describe(`AWS <-> GCP transit refused at the remote ends (${env})`, () => {
    it("blackholes the GCP range in the transit gateway's default route table", () => {
      const plan = plans[env] as PlanResult;
      const routes = plan.resources.filter((r) => r.type === "aws:ec2transitgateway/route:Route");
      assert.equal(routes.length, 1);
      const route = routes[0]?.inputs as Record<string, unknown>;
      assert.equal(routes[0]?.name, `${want.tgw}-blackhole-${want.gcp.replace(/[./]/g, "-")}`);
      assert.equal(route.destinationCidrBlock, want.gcp);
      assert.equal(route.blackhole, true);
      assert.equal(route.region, "eu-central-1");
      assert.equal(route.transitGatewayAttachmentId, undefined);
      assert.match(String(route.transitGatewayRouteTableId), /^tgw-rtb-/);
      const tgw = plan.resources.find((r) => r.type === "aws:ec2transitgateway/transitGateway:TransitGateway");
      assert.equal(tgw?.inputs.defaultRouteTableAssociation, "enable");
    });

    it("denies the AWS range in and out of the GCP network at priority 100", () => {
      const plan = plans[env] as PlanResult;
      const rules = plan.resources.filter((r) => r.type === "gcp:compute/firewall:Firewall");
      const byName = Object.fromEntries(rules.map((r) => [r.name, r.inputs as Record<string, unknown>]));
      assert.deepEqual(Object.keys(byName).sort(), [`${want.network}-deny-from-aws`, `${want.network}-deny-to-aws`]);
      const ingress = byName[`${want.network}-deny-from-aws`] as Record<string, unknown>;
      const egress = byName[`${want.network}-deny-to-aws`] as Record<string, unknown>;
      for (const rule of [ingress, egress]) {
        assert.equal(rule.network, `projects/${want.network}-network/global/networks/${want.network}`);
        assert.equal(rule.priority, 100);
        assert.deepEqual(rule.denies, [{ protocol: "all" }]);
        assert.equal(rule.allows, undefined);
        assert.equal(rule.targetTags, undefined);
      }
      assert.equal(ingress.direction, "INGRESS");
      assert.deepEqual(ingress.sourceRanges, [want.aws]);
      assert.equal(egress.direction, "EGRESS");
      assert.deepEqual(egress.destinationRanges, [want.aws]);
    });
  });
}
