/** `plugilo cost` through the installed bin: the JSON contract, quantities from the model, unpriced, choices. */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { errorLines, plugilo } from "../run-plugilo.ts";

interface Line {
  stack: string;
  resource: string;
  type: string;
  meter: string;
  quantity: number;
  unitPrice: number;
  monthly: number;
  source: string;
}

let scratch = "";
let planFile = "";
// biome-ignore lint/suspicious/noExplicitAny: the parsed JSON of the command under test
let cost: any;

before(async () => {
  scratch = mkdtempSync(join(tmpdir(), "plugilo-cost-"));
  const plan = await plugilo("plan", "prod", "--json");
  assert.equal(plan.code, 0, plan.stderr);
  planFile = join(scratch, "plan-prod.json");
  writeFileSync(planFile, plan.stdout);
  const r = await plugilo("cost", "prod", "--json", "--plan", planFile);
  assert.equal(r.code, 0, r.stderr);
  cost = JSON.parse(r.stdout);
});
after(() => rmSync(scratch, { recursive: true, force: true }));

const line = (resource: string, meter: RegExp): Line => {
  const found = (cost.lines as Line[]).find((l) => l.resource === resource && meter.test(l.meter));
  assert.ok(found, `a line for ${resource} ${meter}`);
  return found;
};

describe("plugilo cost", () => {
  it("prints the JSON contract, with the snapshot's date and source", () => {
    assert.deepEqual(Object.keys(cost), ["environment", "currency", "priceSnapshot", "total", "lines", "unpriced", "choices"]);
    assert.equal(cost.environment, "prod");
    assert.equal(cost.currency, "USD");
    assert.deepEqual(cost.priceSnapshot, { date: "2026-12-01", source: "packages/cli/src/cost/price-snapshot.json" });
    for (const l of cost.lines) {
      assert.deepEqual(Object.keys(l), ["stack", "resource", "type", "meter", "quantity", "unitPrice", "monthly", "source"]);
      assert.ok(l.monthly >= 0 && l.source.length > 0, JSON.stringify(l));
    }
    const sum = (cost.lines as Line[]).reduce((s, l) => s + l.monthly, 0);
    assert.ok(Math.abs(cost.total.monthly - sum) < 0.01, `total ${cost.total.monthly} is the sum of the lines ${sum}`);
  });

  it("takes quantities from the model: hours, vCores with HA, units, instances", () => {
    // Azure Firewall Premium: $2.496 an hour (the snapshot's cited page), all month, one per hub.
    const fw = line("afw-plugilo-hub-prod-gwc", /Premium Deployment/);
    assert.deepEqual([fw.stack, fw.quantity, fw.unitPrice, fw.monthly], ["hub", 730, 2.496, 1822.08]);
    // prod.yaml: PostgreSQL Standard_D8ds_v5 with zone-redundant HA: 8 vCores x 730 h x 2 (primary + standby).
    assert.equal(line("psql-plugilo-data-prod-gwc", /vCore/).quantity, 11680);
    assert.equal(line("psql-plugilo-data-prod-gwc", /Storage/).quantity, 1024);
    // The replicas (same region and germanynorth) bill compute once each.
    assert.equal(line("psql-plugilo-data-prod-gn", /vCore/).quantity, 5840);
    // apiManagement.capacity: 2 units of Standard v2.
    assert.equal(line("apim-plugilo-edge-prod-gwc", /Standard v2 Unit/).quantity, 2);
    // applicationGateway.minCapacity 2: 10 reserved capacity units per instance, all month.
    assert.equal(line("agw-plugilo-edge-prod-gn", /Capacity Units/).quantity, 14600);
    // systemPool: 3 x Standard_D4ds_v5 per cluster.
    assert.equal(line("aks-plugilo-app2-prod-gn system pool", /D4ds v5/).quantity, 2190);
    // Private endpoints are counted from the plan, per stack.
    const pe = (cost.lines as Line[]).filter((l) => l.type === "azure-native:network:PrivateEndpoint");
    assert.ok(pe.length >= 2 && pe.every((l) => l.quantity % 730 === 0));
  });

  it("marks prices that were not verified", () => {
    assert.match(line("afw-plugilo-hub-prod-gwc", /Data Processed/).meter, /\[unverified price\]$/);
    assert.doesNotMatch(line("afw-plugilo-hub-prod-gwc", /Premium Deployment/).meter, /unverified/);
  });

  it("lists resources without a price as unpriced, never as a zero line", () => {
    const unpriced = (cost.unpriced as { resource: string; reason: string }[]).map((u) => u.resource);
    for (const name of [
      "amr-plugilo-data-prod-gwc",
      "amr-plugilo-data-prod-gn",
      "es-plugilo-data-prod",
      "tgw-plugilo-prod-azure",
    ]) {
      assert.ok(unpriced.includes(name), `${name} is unpriced`);
      assert.ok(!(cost.lines as Line[]).some((l) => l.resource === name), `${name} has no line`);
    }
    assert.ok(unpriced.includes("aks-plugilo-app1-prod-gwc workload nodes"));
  });

  it("prices the design's cost choices side by side, in the issue's order", () => {
    assert.deepEqual(
      cost.choices.map((c: { choice: string }) => c.choice),
      [
        "NAT gateway vs firewall public IPs for SNAT",
        "Tailscale vs a VPN gateway for non-production access",
        "spot vs on-demand for burst",
        "in-cluster databases vs managed in non-production",
        "API Management Standard v2 vs Premium",
      ],
    );
    for (const c of cost.choices) {
      assert.deepEqual(Object.keys(c), [
        "choice",
        "chosen",
        "alternative",
        "monthlyChosen",
        "monthlyAlternative",
        "saving",
        "source",
      ]);
      assert.ok(Math.abs(c.saving - (c.monthlyAlternative - c.monthlyChosen)) < 0.01);
    }
    // 2 units: Premium $3,000 vs Standard v2 $734 a unit.
    assert.equal(cost.choices[4].saving, 4532);
    // 64,512 SNAT ports per NAT IP, 2 IPs a hub = 129,024; the firewall gives 2,496 per IP and instance
    // (2 instances): 26 IPs a hub, 52 for both hubs.
    assert.match(cost.choices[0].alternative, /^52 firewall public IPs/);
  });

  it("prints a readable table with the assumptions", async () => {
    const r = await plugilo("cost", "dev", "--plan", join(scratch, "missing.json"));
    assert.equal(r.code, 2);
    const text = await plugilo("cost", "prod", "--plan", planFile);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /^Monthly estimate of prod: USD [\d,]+\.\d\d \(prices of 2026-12-01/);
    assert.match(text.stdout, /Unpriced \(not counted, not zero\): \d+/);
    assert.match(text.stdout, /Assumptions:\n {2}- 730 hours a month/);
  });

  it("the committed docs/cost tables are current", async () => {
    const r = await plugilo("cost", "prod", "--markdown", "--plan", planFile, "--out", "docs/cost/prod.md", "--check");
    assert.equal(r.code, 0, r.stderr);
  });

  it("bad input: unknown environment, unwritable --out, a plan of another environment", async () => {
    const unknown = await plugilo("cost", "qa", "--json");
    assert.equal(unknown.code, 2);
    assert.equal(errorLines(unknown).length, 1);
    const unwritable = await plugilo("cost", "prod", "--plan", planFile, "--out", "/etc/passwd/cost.md");
    assert.equal(unwritable.code, 2);
    assert.deepEqual(errorLines(unwritable), ["error: --out /etc/passwd/cost.md: /etc/passwd is not a folder"]);
    const other = await plugilo("cost", "dev", "--plan", planFile);
    assert.equal(other.code, 2);
    assert.match(errorLines(other)[0] ?? "", /is the plan of "prod", not "dev"/);
  });
});
