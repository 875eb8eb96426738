/** `plugilo diagram` through the installed bin: what the picture holds, the flows it draws, bad input. */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { errorLines, plugilo } from "../run-plugilo.ts";

let scratch = "";
let planFile = "";
let dot = "";

/** The DOT edges `from -> to` whose attributes match `attrs`. */
function edges(text: string, attrs: RegExp): [string, string][] {
  return [...text.matchAll(/^\s*"([^"]+)" -> "([^"]+)" \[(.*)\];$/gm)]
    .filter((m) => attrs.test(m[3] as string))
    .map((m) => [m[1] as string, m[2] as string]);
}

before(async () => {
  scratch = mkdtempSync(join(tmpdir(), "plugilo-diagram-"));
  const plan = await plugilo("plan", "prod", "--json");
  assert.equal(plan.code, 0, plan.stderr);
  planFile = join(scratch, "plan-prod.json");
  writeFileSync(planFile, plan.stdout);
  const r = await plugilo("diagram", "prod", "--format", "dot", "--plan", planFile);
  assert.equal(r.code, 0, r.stderr);
  dot = r.stdout;
});
after(() => rmSync(scratch, { recursive: true, force: true }));

describe("plugilo diagram", () => {
  it("draws both regions, the hubs with firewall, NAT gateway and VPN gateway, by their names and addresses", () => {
    assert.match(dot, /label="Germany West Central \(germanywestcentral, primary\)"/);
    assert.match(dot, /label="Germany North \(germanynorth, secondary\)"/);
    // environments/prod.yaml: addressSpace 10.60.0.0/16, the hub of the primary region first (ipam prod).
    assert.match(dot, /afw-plugilo-hub-prod-gwc\\nAzure Firewall Premium, IDPS Deny\\nprivate 10\.60\.0\.4/);
    assert.match(dot, /afw-plugilo-hub-prod-gn\\nAzure Firewall Premium, IDPS Deny\\nprivate 10\.60\.64\.4/);
    assert.match(dot, /ng-plugilo-hub-prod-gwc\\nNAT Gateway StandardV2, 2 public IP\(s\)\\n129024 SNAT ports/);
    assert.match(dot, /vpng-plugilo-hub-prod-gwc\\nVPN gateway VpnGw2AZ, active-active\\nASN 65515/);
    assert.match(dot, /AzureFirewallSubnet {2}10\.60\.0\.0\/26\\l/);
  });

  it("draws the spokes with their subnets and ranges, and one line per peering", () => {
    assert.match(dot, /label="vnet-plugilo-app1-prod-gwc {2}10\.60\.16\.0\/21"/);
    assert.match(dot, /snet-plugilo-aks-nodes-prod-gwc {2}10\.60\.16\.0\/22\\l/);
    assert.match(dot, /snet-plugilo-agw-prod-gn {2}10\.60\.66\.0\/24\\l/);
    // Four spokes in the primary region, three in the secondary, and the hub-to-hub peering.
    assert.equal(edges(dot, /label="peering"/).length, 8);
    assert.ok(edges(dot, /label="peering"/).some(([a, b]) => [a, b].sort().join() === "subnets_hub_gn,subnets_hub_gwc"));
  });

  it("draws Front Door, the Application Gateways, API Management, the Istio ILBs and clusters, the data services behind private endpoints, AWS and GCP", () => {
    for (const name of [
      "afd-plugilo-edge-prod",
      "agw-plugilo-edge-prod-gwc",
      "agw-plugilo-edge-prod-gn",
      "apim-plugilo-edge-prod-gwc",
      "aks-plugilo-app1-prod-gwc",
      "aks-plugilo-app2-prod-gn",
      "Istio ingress ILB\\n10.60.19.254",
      "Istio ingress ILB\\n10.60.83.254",
      "pep-plugilo-data-prod-gwc-psql",
      "tgw-plugilo-prod-azure",
      "vpn-plugilo-prod-azure",
    ]) {
      assert.ok(dot.includes(name), `${name} is drawn`);
    }
    assert.match(dot, /10\.100\.0\.0\/16/);
    assert.match(dot, /10\.110\.0\.0\/16/);
    assert.deepEqual(
      edges(dot, /label="Private Link"/)
        .map(([a, b]) => `${a}>${b}`)
        .sort(),
      ["frontdoor>agw_germanynorth", "frontdoor>agw_germanywestcentral", "frontdoor>apim"],
    );
    assert.equal(edges(dot, /label="IPsec \+ BGP, \d tunnels"/).length, 2);
  });

  it("without a flows result, draws the design's inbound path Front Door -> AppGW -> firewall -> Istio ILB", () => {
    const path = edges(dot, /tooltip="[^"]*inbound-web-germanywestcentral/);
    assert.deepEqual(path, [
      ["internet", "frontdoor"],
      ["frontdoor", "agw_germanywestcentral"],
      ["agw_germanywestcentral", "fw_germanywestcentral"],
      ["fw_germanywestcentral", "ilb_app1"],
    ]);
    // Egress: the cluster's nodes -> the regional firewall -> its NAT gateway -> the Internet.
    assert.deepEqual(edges(dot, /tooltip="[^"]*egress-internet-app2/), [
      ["aks_app2", "fw_germanynorth"],
      ["fw_germanynorth", "nat_germanynorth"],
      ["nat_germanynorth", "internet"],
    ]);
  });

  it("draws a given flows result instead, a denied flow in red", async () => {
    const flows = join(scratch, "flows.json");
    writeFileSync(
      flows,
      JSON.stringify({
        environment: "prod",
        flows: [
          {
            id: "app1-to-unknown-host",
            kind: "egress",
            source: "10.60.16.10",
            destination: "evil.example.com",
            protocol: "TCP",
            port: 443,
            verdict: "deny",
            hops: [{ at: "afw-plugilo-hub-prod-gwc (10.60.0.4)", decision: "no application rule matches" }],
            reason: "not an allowed FQDN",
          },
        ],
      }),
    );
    const r = await plugilo("diagram", "prod", "--format", "dot", "--plan", planFile, "--flows", flows);
    assert.equal(r.code, 0, r.stderr);
    const denied = edges(r.stdout, /color="#c62828"[^\]]*tooltip="app1-to-unknown-host"/);
    assert.equal(denied.length, 2);
    assert.deepEqual(denied[0], ["subnets_cluster_app1", "fw_germanywestcentral"]);
    assert.match(r.stdout, /"evil\.example\.com"/);
    assert.doesNotMatch(r.stdout, /inbound-web-/, "the design's paths give way to the flows result");
  });

  it("marks a resource the plan lacks (dashed red), so the picture follows the plan", async () => {
    const plan = JSON.parse(readFileSync(planFile, "utf8"));
    plan.resources = plan.resources.filter((r: { type: string }) => r.type !== "azure-native:network:AzureFirewall");
    const partial = join(scratch, "plan-without-firewalls.json");
    writeFileSync(partial, JSON.stringify(plan));
    const r = await plugilo("diagram", "prod", "--format", "dot", "--plan", partial);
    assert.equal(r.code, 0, r.stderr);
    const missing = [...r.stdout.matchAll(/^\s*"([^"]+)" \[[^\n]*tooltip="not in the plan"/gm)].map((m) => m[1]);
    assert.deepEqual(missing.sort(), ["fw_germanynorth", "fw_germanywestcentral"]);
    assert.equal(edges(dot, /not in the plan/).length, 0);
  });

  it("lays out SVG with Graphviz and writes --out; --check compares", async () => {
    const out = join(scratch, "prod.svg");
    const r = await plugilo("diagram", "prod", "--plan", planFile, "--out", out);
    assert.equal(r.code, 0, r.stderr);
    const svg = readFileSync(out, "utf8");
    assert.match(svg, /<!-- Generated by graphviz version \d+\.\d+/);
    assert.match(svg, /<svg width="\d+pt" height="\d+pt"/);
    // Graphviz writes "-" as &#45; in SVG text.
    assert.match(svg, /<text[^>]*>afw&#45;plugilo&#45;hub&#45;prod&#45;gwc<\/text>/);
    assert.equal((await plugilo("diagram", "prod", "--plan", planFile, "--out", out, "--check")).code, 0);
    writeFileSync(out, svg.replace("afw&#45;plugilo", "afw&#45;stale"));
    const stale = await plugilo("diagram", "prod", "--plan", planFile, "--out", out, "--check");
    assert.equal(stale.code, 1);
    assert.match(stale.stderr, /prod\.svg is stale: run npm run plugilo -- diagram prod --out /);
  });

  it("the committed docs/diagrams are current", async () => {
    const r = await plugilo("diagram", "prod", "--plan", planFile, "--out", "docs/diagrams/prod.svg", "--check");
    assert.equal(r.code, 0, r.stderr);
  });

  it("prints Mermaid", async () => {
    const r = await plugilo("diagram", "prod", "--format", "mermaid", "--plan", planFile);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^flowchart LR\n/);
    assert.match(r.stdout, /subgraph g_region_germanywestcentral\["Germany West Central/);
    assert.match(r.stdout, /fw_germanywestcentral\["afw-plugilo-hub-prod-gwc<br\/>/);
  });

  it("bad input: unknown environment, unwritable --out, unknown format, a flows file of another environment", async () => {
    const unknown = await plugilo("diagram", "qa");
    assert.equal(unknown.code, 2);
    assert.deepEqual(errorLines(unknown).length, 1);
    assert.match(unknown.stderr, /no such environment file \(known: dev, staging, prod\)/);

    const unwritable = await plugilo("diagram", "prod", "--plan", planFile, "--out", "/etc/passwd/prod.svg");
    assert.equal(unwritable.code, 2);
    assert.deepEqual(errorLines(unwritable), ["error: --out /etc/passwd/prod.svg: /etc/passwd is not a folder"]);

    const format = await plugilo("diagram", "prod", "--format", "png");
    assert.equal(format.code, 2);
    assert.match(format.stderr, /Allowed choices are svg, dot, mermaid/);

    const other = join(scratch, "flows-dev.json");
    writeFileSync(other, JSON.stringify({ environment: "dev", flows: [] }));
    const wrong = await plugilo("diagram", "prod", "--plan", planFile, "--flows", other);
    assert.equal(wrong.code, 2);
    assert.match(errorLines(wrong)[0] ?? "", /--flows .*flows-dev\.json: is for environment "dev", not "prod"/);
  });
});
