/** multicloud-eu-regions: a passing and a violating fixture for each case. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { loadModel } from "@plugilo/model";
import { evaluate, multicloudEuRegions } from "@plugilo/policy";
import { plannedResource } from "./helpers.ts";

const model = loadModel("prod");
const resource = (type: string, inputs: Record<string, unknown>) => plannedResource("prod", type, inputs);

describe("multicloud-eu-regions", () => {
  it("accepts AWS and Google Cloud resources and providers in EU regions", () => {
    for (const r of [
      resource("aws:ec2/vpnConnection:VpnConnection", { region: "eu-central-1" }),
      resource("pulumi:providers:aws", { region: "eu-west-1" }),
      resource("gcp:compute/router:Router", { region: "europe-west3" }),
      resource("pulumi:providers:gcp", { region: "europe-north1", project: "p" }),
      // A global Google Cloud resource names no region and inherits none.
      resource("gcp:compute/externalVpnGateway:ExternalVpnGateway", {}),
    ]) {
      assert.deepEqual(multicloudEuRegions.check(r, model), [], r.type);
    }
  });

  it("rejects a region outside the EU", () => {
    const aws = multicloudEuRegions.check(resource("aws:ec2/customerGateway:CustomerGateway", { region: "us-east-1" }), model);
    assert.match(aws[0] ?? "", /"us-east-1" is outside the EU: use an EU region such as eu-central-1/);
    const gcp = multicloudEuRegions.check(resource("gcp:compute/haVpnGateway:HaVpnGateway", { region: "us-central1" }), model);
    assert.match(gcp[0] ?? "", /"us-central1" is outside the EU/);
  });

  it("rejects a provider that leaves the region to the shell", () => {
    assert.match(multicloudEuRegions.check(resource("pulumi:providers:aws", {}), model)[0] ?? "", /has no region/);
  });

  it("ignores Azure (allowed-locations guards it) and other providers", () => {
    assert.deepEqual(
      multicloudEuRegions.check(resource("azure-native:network:VirtualNetwork", { location: "westeurope" }), model),
      [],
    );
    assert.deepEqual(multicloudEuRegions.check(resource("pulumi:providers:azure-native", {}), model), []);
  });

  it("is applied by evaluate", () => {
    const findings = evaluate([resource("aws:ec2/vpnConnection:VpnConnection", { region: "ap-south-1" })], model);
    assert.deepEqual(
      findings.map((f) => [f.rule, f.severity]),
      [["multicloud-eu-regions", "error"]],
    );
  });
});
