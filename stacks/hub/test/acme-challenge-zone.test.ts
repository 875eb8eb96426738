/**
 * DNS-01 without power over the domain: for a public zone built by hand, PublicDnsZones plans the domain's
 * zone, the child zone acme.<domain>, its delegation (NS `acme` in the domain, with the child's name servers)
 * and the CNAME `_acme-challenge` that cert-manager follows (the ClusterIssuer:
 * packages/gitops/test/addons/cert-manager.test.ts).
 * https://cert-manager.io/docs/configuration/acme/dns01/#delegated-domains-for-dns01
 * https://learn.microsoft.com/azure/dns/dns-delegate-domain-azure-dns
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { type ComponentPlan, planComponent } from "@plugilo/testing";
import { PublicDnsZones } from "../src/public-dns-zones.ts";

// What Azure DNS assigns to a new zone in the simulated Azure (packages/plan/src/simulated-azure.ts).
const AZURE_NAME_SERVERS = ["ns1-01.azure-dns.com.", "ns2-02.azure-dns.net.", "ns3-03.azure-dns.org.", "ns4-04.azure-dns.info."];

let plan: ComponentPlan;
before(async () => {
  plan = await planComponent(() => {
    const zones = new PublicDnsZones("public-dns", {
      zones: [
        { name: "example.org", id: "/subscriptions/s/resourceGroups/rg-dns/providers/Microsoft.Network/dnsZones/example.org" },
      ],
      resourceGroup: "rg-dns",
      protect: true,
      tags: { owner: "platform" },
    });
    return { nameServers: zones.nameServers };
  });
});
const records = () => plan.ofType("azure-native:dns:RecordSet");

describe("ACME challenge zone", () => {
  it("creates acme.<domain> beside the domain, both protected, in the DNS resource group", () => {
    const zones = plan.ofType("azure-native:dns:Zone").map((r) => [r.inputs.zoneName, r.inputs.resourceGroupName, r.protect]);
    assert.deepEqual(zones.sort(), [
      ["acme.example.org", "rg-dns", true],
      ["example.org", "rg-dns", true],
    ]);
    for (const z of plan.ofType("azure-native:dns:Zone")) {
      assert.deepEqual([z.inputs.location, z.inputs.zoneType], ["global", "Public"]);
      assert.deepEqual(z.inputs.tags, { owner: "platform" });
    }
  });

  it("delegates it from the domain with the child's name servers, and points _acme-challenge there", () => {
    const ns = records().find((r) => r.inputs.recordType === "NS");
    assert.deepEqual([ns?.inputs.zoneName, ns?.inputs.relativeRecordSetName, ns?.inputs.ttl], ["example.org", "acme", 3600]);
    assert.deepEqual(
      ns?.inputs.nsRecords,
      AZURE_NAME_SERVERS.map((nsdname) => ({ nsdname })),
    );
    const cname = records().find((r) => r.inputs.recordType === "CNAME");
    assert.deepEqual([cname?.inputs.zoneName, cname?.inputs.relativeRecordSetName], ["example.org", "_acme-challenge"]);
    assert.deepEqual(cname?.inputs.cnameRecord, { cname: "_acme-challenge.acme.example.org" });
    assert.equal(records().length, 2);
  });

  it("exports the domain's name servers for the registrar", () => {
    assert.deepEqual(plan.outputs.nameServers, { "example.org": AZURE_NAME_SERVERS });
  });

  it("leaves the zones unprotected unless asked", async () => {
    const unprotected = await planComponent(() => {
      new PublicDnsZones("public-dns", {
        zones: [{ name: "example.org", id: "/dnsZones/example.org" }],
        resourceGroup: "rg-dns",
        tags: {},
      });
    });
    assert.deepEqual(
      unprotected.ofType("azure-native:dns:Zone").map((z) => z.protect),
      [false, false],
    );
  });
});
