/**
 * DNS-01 without power over the domain: prod's hub plans the child zone acme.plugilo.example, its delegation
 * (NS `acme` in plugilo.example, with the child's name servers) and the CNAME `_acme-challenge` that cert-manager
 * follows (the ClusterIssuer: packages/gitops/test/addons/cert-manager.test.ts).
 * https://cert-manager.io/docs/configuration/acme/dns01/#delegated-domains-for-dns01
 * https://learn.microsoft.com/azure/dns/dns-delegate-domain-azure-dns
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { loadModel } from "@plugilo/model";
import { type PlanResult, planEnvironment } from "@plugilo/plan";

let plan: PlanResult;
before(async () => {
  plan = await planEnvironment(loadModel("prod"), { only: ["hub"] });
});

describe("ACME challenge zone (prod)", () => {
  it("creates acme.plugilo.example beside the domain, protected, in the hub's DNS resource group", () => {
    const zones = plan.resources
      .filter((r) => r.type === "azure-native:dns:Zone")
      .map((r) => [r.inputs.zoneName, r.inputs.resourceGroupName, r.protect]);
    assert.deepEqual(zones.sort(), [
      ["acme.plugilo.example", "rg-plugilo-hub-prod-gwc", true],
      ["plugilo.example", "rg-plugilo-hub-prod-gwc", true],
    ]);
  });

  it("delegates it from the domain and points _acme-challenge there", () => {
    const records = plan.resources.filter((r) => r.type === "azure-native:dns:RecordSet" && r.stack === "hub");
    const ns = records.find((r) => r.inputs.recordType === "NS");
    assert.equal(ns?.inputs.relativeRecordSetName, "acme");
    assert.equal(ns?.inputs.zoneName, "plugilo.example");
    const cname = records.find((r) => r.inputs.recordType === "CNAME");
    assert.equal(cname?.inputs.relativeRecordSetName, "_acme-challenge");
    assert.equal(cname?.inputs.zoneName, "plugilo.example");
    assert.deepEqual(cname?.inputs.cnameRecord, { cname: "_acme-challenge.acme.plugilo.example" });
  });
});
