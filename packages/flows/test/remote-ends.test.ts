/**
 * The AWS and Google Cloud ends of the VPN, proved on the prod plan and on mutations of it. Azure's VPN
 * gateway re-advertises each cloud's routes to the other (vpn-gateway-bgp-overview), so AWS <-> GCP through
 * Azure is refused only by the remote ends: the transit gateway's static blackhole route for the GCP range
 * (a static route wins over a propagated one of the same prefix, the most specific route wins first:
 * docs.aws.amazon.com/vpc/latest/tgw/how-transit-gateways-work.html) and GCP's VPC firewall deny rules for
 * the AWS range (lowest priority number wins, deny wins at equal priority: cloud.google.com/vpc/docs/firewalls).
 * prod: AWS 10.100.0.0/16, GCP 10.110.0.0/16, transit gateway tgw-plugilo-prod-azure, GCP network plugilo-prod.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { evaluateFlows, type FlowResult } from "@plugilo/flows";
import { type EnvironmentModel, flowCatalogue, loadModel } from "@plugilo/model";
import { planEnvironment } from "@plugilo/plan";
import type { PlannedResource } from "@plugilo/policy";

let model: EnvironmentModel;
let plan: PlannedResource[];
const clone = (): PlannedResource[] => structuredClone(plan);
function run(resources: PlannedResource[], id: string): FlowResult {
  const flow = flowCatalogue(model).find((f) => f.id === id);
  assert.ok(flow, `flow ${id} in the catalogue`);
  return evaluateFlows(model, resources, [flow])[0] as FlowResult;
}
const BLACKHOLE = "tgw-plugilo-prod-azure-blackhole-10-110-0-0-16";
const without = (rs: PlannedResource[], ...names: string[]) => {
  for (const name of names)
    assert.ok(
      rs.some((r) => r.name === name),
      `${name} in the plan`,
    );
  return rs.filter((r) => !names.includes(r.name));
};
// biome-ignore lint/suspicious/noExplicitAny: mutating plan inputs, untyped JSON
const inputsOf = (rs: PlannedResource[], name: string) => rs.find((r) => r.name === name)?.inputs as Record<string, any>;
const TGW_HOP = "AWS transit gateway tgw-plugilo-prod-azure";
const BLACKHOLED = (what: string) =>
  `${what} -> 10.110.0.0/16 blackhole (static route ${BLACKHOLE}, preferred to a propagated route): dropped`;

before(async () => {
  model = loadModel("prod");
  plan = (await planEnvironment(model)).resources;
});

describe("AWS -> GCP through Azure", () => {
  it("is dropped by the transit gateway's blackhole route for the GCP range, before it leaves AWS", () => {
    const r = run(plan, "forbidden:aws-to-gcp-through-azure");
    assert.equal(r.verdict, "denied");
    assert.deepEqual(r.hops, [{ at: TGW_HOP, decision: BLACKHOLED("10.110.0.10") }]);
    assert.equal(r.reason, `${TGW_HOP}: ${BLACKHOLED("10.110.0.10")}`);
  });

  it("without the blackhole route, GCP's ingress deny rule refuses it after Azure's gateway transits it", () => {
    const r = run(without(clone(), BLACKHOLE), "forbidden:aws-to-gcp-through-azure");
    assert.equal(r.verdict, "denied");
    assert.ok(
      r.hops.some(
        (h) =>
          h.at === TGW_HOP &&
          h.decision === "10.110.0.10 -> 10.110.0.0/16 propagated from vpng-plugilo-hub-prod-gwc over the VPN",
      ),
    );
    assert.ok(
      r.hops.some(
        (h) => h.decision === "transit between BGP peers: lgw-plugilo-aws-prod-gwc-c1t1 -> lgw-plugilo-gcp-prod-gwc-if0",
      ),
    );
    assert.equal(
      r.reason,
      "GCP firewall of plugilo-prod (ingress): TCP 443 from 10.100.0.0/16 denied by plugilo-prod-deny-from-aws (priority 100)",
    );
  });

  it("without the blackhole route and the ingress deny rule, Azure is the transit again (the defect)", () => {
    const r = run(without(clone(), BLACKHOLE, "plugilo-prod-deny-from-aws"), "forbidden:aws-to-gcp-through-azure");
    assert.equal(r.verdict, "allowed");
    assert.equal(r.reason, "reached 10.110.0.10 without a firewall");
    assert.deepEqual(r.hops.at(-1), {
      at: "return path",
      decision: "replies reach 10.100.0.0/16 through [no firewall]: symmetric",
    });
  });

  it("the most specific route wins: a blackhole for 10.0.0.0/8 loses to the propagated 10.110.0.0/16", () => {
    const rs = clone();
    inputsOf(rs, BLACKHOLE).destinationCidrBlock = "10.0.0.0/8";
    const r = run(rs, "forbidden:aws-to-gcp-through-azure");
    assert.equal(r.hops[0]?.decision, "10.110.0.10 -> 10.110.0.0/16 propagated from vpng-plugilo-hub-prod-gwc over the VPN");
    assert.match(r.reason, /^GCP firewall of plugilo-prod \(ingress\): .* denied by plugilo-prod-deny-from-aws/);
  });

  it("GCP rule order: an allow at the same priority loses to the deny, an allow at priority 99 wins", () => {
    const allow = (priority: number): PlannedResource[] => {
      const rs = without(clone(), BLACKHOLE);
      const deny = rs.find((r) => r.name === "plugilo-prod-deny-from-aws") as PlannedResource;
      const { denies: _, ...rest } = deny.inputs;
      rs.push({
        ...deny,
        name: "allow-aws",
        urn: `${deny.urn}-allow`,
        inputs: { ...rest, name: "allow-aws", priority, allows: [{ protocol: "tcp", ports: ["443"] }] },
      });
      return rs;
    };
    const same = run(allow(100), "forbidden:aws-to-gcp-through-azure");
    assert.equal(same.verdict, "denied");
    assert.match(same.reason, /denied by plugilo-prod-deny-from-aws \(priority 100\)$/);
    const higher = run(allow(99), "forbidden:aws-to-gcp-through-azure");
    assert.equal(higher.verdict, "allowed");
    assert.ok(
      higher.hops.some(
        (h) =>
          h.at === "GCP firewall of plugilo-prod (ingress)" &&
          h.decision === "TCP 443 from 10.100.0.0/16 allowed by allow-aws (priority 99)",
      ),
    );
  });
});

describe("GCP -> AWS through Azure", () => {
  it("is denied by GCP's egress deny rule before it leaves GCP", () => {
    const r = run(plan, "forbidden:gcp-to-aws-through-azure");
    assert.equal(r.verdict, "denied");
    assert.deepEqual(r.hops, [
      {
        at: "GCP firewall of plugilo-prod (egress)",
        decision: "TCP 443 to 10.100.0.10 denied by plugilo-prod-deny-to-aws (priority 100)",
      },
    ]);
  });

  it("without the egress deny rule, AWS's replies to the GCP range hit the blackhole route", () => {
    const r = run(without(clone(), "plugilo-prod-deny-to-aws"), "forbidden:gcp-to-aws-through-azure");
    assert.equal(r.verdict, "denied");
    assert.deepEqual(r.hops.at(-1), { at: `return: ${TGW_HOP}`, decision: BLACKHOLED("reply to 10.110.0.0/16") });
    assert.equal(r.reason, `return path: ${TGW_HOP}: ${BLACKHOLED("reply to 10.110.0.0/16")}`);
  });

  it("without the egress deny rule and the blackhole route, Azure is the transit again (the defect)", () => {
    const r = run(without(clone(), "plugilo-prod-deny-to-aws", BLACKHOLE), "forbidden:gcp-to-aws-through-azure");
    assert.equal(r.verdict, "allowed");
    assert.equal(r.reason, "reached 10.100.0.10 without a firewall");
  });
});

describe("the Azure <-> AWS/GCP flows still work through the firewall", () => {
  it("app1 -> GCP passes GCP's rules (no deny for Azure's ranges) and app1 -> AWS gets its replies back", () => {
    const gcp = run(plan, "multicloud:app1-to-gcp-https");
    assert.equal(gcp.verdict, "allowed");
    assert.equal(gcp.reason, "reached 10.110.0.10 through afw-plugilo-hub-prod-gwc");
    assert.ok(
      gcp.hops.some(
        (h) =>
          h.at === "GCP firewall of plugilo-prod (ingress)" &&
          h.decision.endsWith("no rule of this plan matches (the network's own rules decide)"),
      ),
    );
    const aws = run(plan, "multicloud:app1-to-aws-https");
    assert.equal(aws.verdict, "allowed");
    assert.ok(
      aws.hops.some(
        (h) => h.at === `return: ${TGW_HOP}` && /propagated from vpng-plugilo-hub-prod-gwc over the VPN$/.test(h.decision),
      ),
    );
  });
});
