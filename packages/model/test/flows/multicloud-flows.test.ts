/**
 * The VPN flows of the catalogue follow the environment's `multicloud.<cloud>.flows` (docs/adr/0128), the same
 * declaration the firewall's rules come from: prod declares the defaults, inbound TCP 443 to the ingress load
 * balancers and outbound "https" TCP 443 from the nodes; AVD desktops and node SSH are not declared.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { flowCatalogue, loadModel } from "@plugilo/model";

describe("multicloud flows (prod)", () => {
  const model = loadModel("prod");
  const flows = flowCatalogue(model).filter(
    (f) => /^(multicloud|forbidden):.*(aws|gcp)/.test(f.id) && !f.id.includes("through-azure"),
  );
  const byId = new Map(flows.map((f) => [f.id, f]));

  it("requires exactly the declared flows: the peer -> app1's ingress (the gateway's spoke), every cluster -> the peer", () => {
    assert.deepEqual(
      flows
        .filter((f) => f.kind === "required")
        .map((f) => f.id)
        .sort(),
      [
        "multicloud:app1-to-aws-https",
        "multicloud:app1-to-gcp-https",
        "multicloud:app2-to-aws-https",
        "multicloud:app2-to-gcp-https",
        "multicloud:aws-to-app1-ingress",
        "multicloud:gcp-to-app1-ingress",
      ],
    );
    const inbound = byId.get("multicloud:aws-to-app1-ingress");
    assert.deepEqual(inbound?.ports, { from: 443, to: 443 });
    assert.deepEqual(inbound?.legs[0]?.to, { address: model.clusters[0]?.ingressIp });
    assert.deepEqual(byId.get("multicloud:app1-to-gcp-https")?.legs[0]?.to, { address: "10.110.0.10" });
  });

  it("forbids what the declaration leaves out: peer -> nodes, peer -> desktops, desktops -> peer", () => {
    const forbidden = flows.filter((f) => f.kind === "forbidden").map((f) => [f.id, f.ports.from]);
    for (const expected of [
      ["forbidden:aws-to-app1-nodes", 22],
      ["forbidden:gcp-to-app2-nodes", 22],
      ["forbidden:aws-to-access-gwc-desktops", 3389],
      ["forbidden:access-gwc-desktops-to-gcp", 22],
    ])
      assert.ok(
        forbidden.some(([id, p]) => id === expected[0] && p === expected[1]),
        String(expected[0]),
      );
  });
});
