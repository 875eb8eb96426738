/** The hub, spoke routing and VPN parts of the model (hub.ts, spoke-network.ts, vpn.ts) and their settings. */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { containsAddress, overlaps } from "../src/core/cidr.ts";
import { parseEnvironment } from "../src/core/load.ts";
import { resolveConfig } from "../src/core/resolve.ts";
import { configOf, edit, environmentText, findingAt, findingsOf } from "./helpers.ts";

const FILE = "environments/prod.yaml";
const prod = resolveConfig(configOf("prod"), FILE);

describe("hub settings", () => {
  test("an environment file without a hub section gets the safe defaults", () => {
    const text = environmentText("dev").replace(/\nhub:\n( {2}.*\n|\s*#.*\n)*/, "\n");
    const config = parseEnvironment(text, "dev.yaml");
    assert.equal(config.hub.idpsMode, "Deny");
    assert.equal(config.hub.natPublicIps, 1);
    assert.equal(config.hub.tlsInspection.enabled, false);
    assert.deepEqual(config.hub.outboundFqdns, []);
    assert.ok(config.hub.packageSources.includes("registry.npmjs.org"));
    assert.deepEqual(config.multicloud.azure, { asn: 65515, gatewaySku: "VpnGw1AZ" });
  });

  test("the environments set IDPS to Alert in dev and Deny in staging and prod", () => {
    assert.equal(configOf("dev").hub.idpsMode, "Alert");
    assert.equal(configOf("staging").hub.idpsMode, "Deny");
    assert.equal(configOf("prod").hub.idpsMode, "Deny");
  });

  test("rejects a bad IDPS mode, more than 16 NAT IPs, a bad host name and a region outside the EU, naming each field", () => {
    let text = environmentText("prod");
    text = edit(text, "idpsMode: Deny", "idpsMode: Block");
    text = edit(text, "natPublicIps: 2", "natPublicIps: 17");
    text = edit(text, "    - api.github.com", "    - https://api.github.com");
    text = edit(text, "region: eu-central-1", "region: us-east-1");
    text = edit(text, "region: europe-west3", "region: us-central1");
    const findings = findingsOf(() => parseEnvironment(text, FILE));
    assert.match(findingAt(findings, "hub.idpsMode").message, /"Alert" or "Deny"/);
    assert.match(findingAt(findings, "hub.natPublicIps").message, /at most 16/);
    assert.match(findingAt(findings, "hub.outboundFqdns[0]").message, /lowercase host name/);
    assert.match(findingAt(findings, "multicloud.aws.region").message, /EU.*GDPR/);
    assert.match(findingAt(findings, "multicloud.gcp.region").message, /Europe.*GDPR/);
  });

  test("TLS inspection needs the Key Vault and the CA certificate's secret", () => {
    const text = edit(environmentText("prod"), "tlsInspection: { enabled: false }", "tlsInspection: { enabled: true }");
    const findings = findingsOf(() => parseEnvironment(text, FILE));
    assert.match(findingAt(findings, "hub.tlsInspection.keyVaultId").message, /required when tlsInspection.enabled/);
    findingAt(findings, "hub.tlsInspection.caCertificateSecretId");
    const vault =
      "/subscriptions/00000000-0000-0000-0003-000000000006/resourceGroups/rg-plugilo-data-prod-gwc/providers/Microsoft.KeyVault/vaults/kv-plugilo-data-prod";
    const enabled = edit(
      environmentText("prod"),
      "tlsInspection: { enabled: false }",
      `tlsInspection: { enabled: true, keyVaultId: ${vault}, caCertificateSecretId: https://kv-plugilo-data-prod.vault.azure.net/secrets/tls-ca }`,
    );
    const model = resolveConfig(parseEnvironment(enabled, FILE), FILE);
    assert.deepEqual(model.firewallPolicy.tlsInspection, {
      enabled: true,
      keyVaultId: vault,
      caCertificateSecretId: "https://kv-plugilo-data-prod.vault.azure.net/secrets/tls-ca",
      identityName: "id-plugilo-hub-prod-gwc-afwp",
    });
  });

  test("BGP ASNs: three different ones, none reserved by Azure, each acceptable to its cloud", () => {
    const reserved = configOf("prod");
    reserved.multicloud.aws.asn = 65515;
    const findings = findingsOf(() => resolveConfig(reserved, FILE));
    assert.match(findingAt(findings, "multicloud.aws.asn").message, /reserved by Azure/);
    assert.ok(findings.some((f) => f.path === "multicloud.aws.asn" && /must differ from multicloud.azure.asn/.test(f.message)));
    const same = configOf("prod");
    same.multicloud.gcp.asn = same.multicloud.aws.asn;
    assert.match(
      findingAt(
        findingsOf(() => resolveConfig(same, FILE)),
        "multicloud.gcp.asn",
      ).message,
      /must differ from multicloud.aws.asn/,
    );
    const gcp = configOf("prod");
    gcp.multicloud.gcp.asn = 13335;
    assert.match(
      findingAt(
        findingsOf(() => resolveConfig(gcp, FILE)),
        "multicloud.gcp.asn",
      ).message,
      /Cloud Router/,
    );
  });
});

describe("hubs", () => {
  test("one hub per region, its firewall zoned only where the region has zones", () => {
    assert.deepEqual(
      prod.hubs.map((h) => [h.region, h.firewallZones, h.hasVpnGateway]),
      [
        ["germanywestcentral", ["1", "2", "3"], true],
        ["germanynorth", [], false],
      ],
    );
    for (const h of prod.hubs) {
      assert.equal(h.natPublicIpNames.length, 2);
      assert.equal(h.snatPorts, 2 * 64_512);
    }
  });

  test("the secondary firewall SNATs traffic to AWS and GCP; the primary keeps the source", () => {
    const [primary, secondary] = prod.hubs;
    const vpn = [...prod.config.multicloud.aws.ranges, ...prod.config.multicloud.gcp.ranges];
    for (const range of vpn) {
      assert.ok(primary?.snatPrivateRanges.includes(range));
      assert.ok(!secondary?.snatPrivateRanges.includes(range));
    }
    // The rest of the environment keeps its source, except the region's data private endpoint subnet: traffic
    // to private endpoints must be SNATed (data.ts cidrsWithout).
    const dataPe = prod.vnets
      .find((v) => v.kind === "data" && v.region === secondary?.region)
      ?.subnets.find((s) => s.kind === "dataPrivateEndpoints");
    assert.ok(dataPe && !secondary?.snatPrivateRanges.some((r) => overlaps(r, dataPe.cidr)));
    assert.ok(secondary?.snatPrivateRanges.some((r) => containsAddress(prod.config.addressSpace, r.split("/")[0] as string)));
  });
});

describe("spoke routing", () => {
  test("every spoke subnet has an NSG and a route table; hub subnets have no NSG", () => {
    for (const vnet of prod.vnets) {
      for (const s of vnet.subnets) {
        if (vnet.kind === "hub") assert.equal(s.networkSecurityGroup, undefined, s.name);
        else assert.ok(s.networkSecurityGroup && s.routeTable, `${vnet.key}/${s.kind}`);
      }
    }
  });

  test("no spoke route covers a hub, except the default route", () => {
    const hubs = prod.vnets.filter((v) => v.kind === "hub");
    for (const vnet of prod.vnets.filter((v) => v.kind !== "hub")) {
      for (const route of vnet.subnets.flatMap((s) => s.routeTable?.routes ?? [])) {
        if (route.addressPrefix === "0.0.0.0/0") continue;
        assert.ok(!hubs.some((h) => overlaps(h.cidr, route.addressPrefix)), `${vnet.key}: ${route.addressPrefix}`);
      }
    }
  });

  test("peerings: each spoke with its region's hub (two directions) plus the two hub-to-hub directions", () => {
    const spokes = prod.vnets.filter((v) => v.kind !== "hub");
    assert.equal(prod.peerings.length, 2 * spokes.length + 2);
    const names = prod.peerings.map((p) => p.name);
    assert.equal(new Set(names.map((n, i) => `${prod.peerings[i]?.vnetKey}/${n}`)).size, names.length);
  });
});

describe("VPN", () => {
  test("six tunnels (four to AWS, two to GCP), each /30 in Azure's APIPA range, none shared", () => {
    const tunnels = prod.vpn.tunnels;
    assert.deepEqual(
      tunnels.map((t) => [t.key, t.insideCidr]),
      [
        ["aws-c1t1", "169.254.21.0/30"],
        ["aws-c1t2", "169.254.22.0/30"],
        ["aws-c2t1", "169.254.21.4/30"],
        ["aws-c2t2", "169.254.22.4/30"],
        ["gcp-if0", "169.254.21.8/30"],
        ["gcp-if1", "169.254.22.8/30"],
      ],
    );
    for (const t of tunnels) {
      assert.ok(containsAddress(t.insideCidr, t.azureBgpIp) && containsAddress(t.insideCidr, t.remoteBgpIp));
      assert.ok(/^169\.254\.2[12]\./.test(t.azureBgpIp), t.azureBgpIp);
      assert.ok(prod.vpn.gateway.instances[t.azureInstance]?.customBgpIps.includes(t.azureBgpIp));
    }
  });

  test("the gateway is VpnGw2AZ Generation2 in prod and VpnGw1AZ Generation1 in dev", () => {
    assert.deepEqual([prod.vpn.gateway.sku, prod.vpn.gateway.generation], ["VpnGw2AZ", "Generation2"]);
    const dev = resolveConfig(configOf("dev"), "environments/dev.yaml");
    assert.deepEqual([dev.vpn.gateway.sku, dev.vpn.gateway.generation], ["VpnGw1AZ", "Generation1"]);
  });

  test("Google Cloud labels are sanitized; the EU regions are recorded", () => {
    assert.equal(prod.vpn.gcp.labels.owner, "platform-team_plugilo_example");
    assert.deepEqual([prod.vpn.aws.region, prod.vpn.gcp.region], ["eu-central-1", "europe-west3"]);
  });
});
