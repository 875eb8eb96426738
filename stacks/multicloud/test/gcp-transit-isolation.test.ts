/**
 * GcpTransitIsolation planned alone, with a VPN built by hand: two VPC firewall rules on the HA VPN's network
 * deny all protocols from and to the AWS ranges, at priority 100 unless told otherwise (lower number wins,
 * deny wins at equal priority: https://cloud.google.com/vpc/docs/firewalls), logged with full metadata.
 * The AWS side, and the values of dev and prod, are in transit-isolation.test.ts.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { planComponent } from "@plugilo/testing";
import { GcpTransitIsolation } from "../src/gcp-transit-isolation.ts";

const vpn = {
  gateway: { name: "vpng-acme-test" },
  aws: { ranges: ["10.100.0.0/16", "10.101.0.0/16"] },
  gcp: { project: "acme-test-network", network: "acme-test" },
};
const rules = async (priority?: number) => {
  const plan = await planComponent(() => {
    new GcpTransitIsolation("gcp-transit-isolation", { vpn, ...(priority === undefined ? {} : { priority }) });
  });
  return Object.fromEntries(plan.ofType("gcp:compute/firewall:Firewall").map((r) => [r.name, r.inputs]));
};

describe("GcpTransitIsolation", () => {
  it("denies the AWS ranges in and out of the VPN's network at priority 100", async () => {
    const byName = await rules();
    const common = {
      project: "acme-test-network",
      network: "projects/acme-test-network/global/networks/acme-test",
      priority: 100,
      description: "Azure (vpng-acme-test) is no transit between AWS and GCP: deny the AWS ranges",
      denies: [{ protocol: "all" }],
      logConfig: { metadata: "INCLUDE_ALL_METADATA" },
    };
    assert.deepEqual(byName, {
      "acme-test-deny-from-aws": {
        ...common,
        name: "acme-test-deny-from-aws",
        direction: "INGRESS",
        sourceRanges: ["10.100.0.0/16", "10.101.0.0/16"],
      },
      "acme-test-deny-to-aws": {
        ...common,
        name: "acme-test-deny-to-aws",
        direction: "EGRESS",
        destinationRanges: ["10.100.0.0/16", "10.101.0.0/16"],
      },
    });
  });

  it("takes another priority when given one", async () => {
    const byName = await rules(50);
    assert.deepEqual(
      Object.values(byName).map((r) => r.priority),
      [50, 50],
    );
  });
});
