/** The VPN rules name destinations and ports: no "any port" rule between Azure and AWS or Google Cloud. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { loadModel } from "@plugilo/model";
import { ruleCollectionGroups } from "../src/firewall-rules.ts";

const model = loadModel("prod");
const hub = model.hubs[0];
if (!hub) throw new Error("no hub");
const rules = () => {
  const group = ruleCollectionGroups(model, hub).find((g) => g.name === "rcg-multicloud");
  return (group?.ruleCollections[0]?.rules ?? []) as {
    name: string;
    destinationPorts: string[];
    destinationAddresses: string[];
    sourceAddresses: string[];
    ipProtocols: string[];
  }[];
};

describe("multicloud firewall rules (prod)", () => {
  it("let AWS and GCP reach only the clusters' ingress on 443, and the clusters reach them only on 443", () => {
    const ingress = model.clusters.map((c) => `${c.ingressIp}/32`);
    const byName = Object.fromEntries(rules().map((r) => [r.name, r]));
    assert.deepEqual(Object.keys(byName), ["aws-to-ingress", "to-aws-https", "gcp-to-ingress", "to-gcp-https"]);
    for (const cloud of ["aws", "gcp"] as const) {
      const inbound = byName[`${cloud}-to-ingress`];
      assert.deepEqual(inbound?.sourceAddresses, model.config.multicloud[cloud].ranges);
      assert.deepEqual(inbound?.destinationAddresses, ingress);
      assert.deepEqual(inbound?.destinationPorts, ["443"]);
      assert.deepEqual(inbound?.ipProtocols, ["TCP"]);
      const outbound = byName[`to-${cloud}-https`];
      assert.deepEqual(outbound?.destinationAddresses, model.config.multicloud[cloud].ranges);
      assert.deepEqual(outbound?.destinationPorts, ["443"]);
      assert.ok(!outbound?.sourceAddresses.includes(model.config.addressSpace), "the nodes, not the whole environment");
    }
  });

  it("has no rule on every port or every protocol", () => {
    for (const r of rules()) {
      assert.ok(!r.destinationPorts.includes("*"), r.name);
      assert.ok(!r.ipProtocols.includes("Any"), r.name);
    }
  });
});
