/** `plugilo report` through the installed bin, opened in headless Chromium (Debian's, by playwright-core). */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { pathToFileURL } from "node:url";
import { openChromium } from "../headless-chromium.ts";
import { errorLines, plugilo } from "../run-plugilo.ts";

let scratch = "";
let planFile = "";
let reportFile = "";

before(async () => {
  scratch = mkdtempSync(join(tmpdir(), "plugilo-report-"));
  const plan = await plugilo("plan", "prod", "--json");
  assert.equal(plan.code, 0, plan.stderr);
  planFile = join(scratch, "plan-prod.json");
  writeFileSync(planFile, plan.stdout);
  reportFile = join(scratch, "prod.html");
  const r = await plugilo("report", "prod", "--plan", planFile, "--out", reportFile);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /prod\.html: report of prod \(\d+ resources, 0 errors\)/);
});
after(() => rmSync(scratch, { recursive: true, force: true }));

describe("plugilo report", () => {
  it("is one self-contained page: no script, no external resource", () => {
    const html = readFileSync(reportFile, "utf8");
    assert.match(html, /^<!doctype html>/);
    assert.doesNotMatch(html, /<script|<link |<img |@import|url\(/i);
    assert.doesNotMatch(html, /(src|href)="(https?:)?\/\//);
  });

  it("opens in headless Chromium with its sections, the diagram, flows and cost", async () => {
    const cost = JSON.parse((await plugilo("cost", "prod", "--json", "--plan", planFile)).stdout);
    const browser = await openChromium();
    try {
      const page = await browser.context.newPage();
      const requests: string[] = [];
      page.on("request", (req) => {
        if (!req.url().startsWith("file:")) requests.push(req.url());
      });
      await page.goto(pathToFileURL(reportFile).href);
      assert.deepEqual(await page.locator("section h2").allTextContents(), [
        "Plan summary per stack",
        "Findings",
        "Flows",
        `Cost: USD ${cost.total.monthly.toLocaleString("en-US", { minimumFractionDigits: 2 })} a month`,
        "Cost choices",
        "Diagram",
      ]);
      for (const id of ["plan", "findings", "flows", "cost", "choices", "diagram"]) {
        assert.equal(await page.locator(`nav a[href="#${id}"]`).count(), 1);
        assert.equal(await page.locator(`section#${id}`).count(), 1);
      }
      // Plan summary: one row per stack, in deployment order, with the plan's resource counts.
      const stacks = await page.locator("#plan tbody tr td:first-child").allTextContents();
      assert.deepEqual(stacks, ["foundation", "hub", "shared", "edge", "app1", "app2", "data", "access", "multicloud"]);
      // The diagram is inline SVG laid out by Graphviz, and it renders (it has a size).
      const svg = page.locator("#diagram svg").first();
      assert.ok(((await svg.boundingBox())?.width ?? 0) > 300);
      assert.ok((await page.locator("#diagram svg text", { hasText: "afw-plugilo-hub-prod-gwc" }).count()) >= 1);
      // The flows evaluated on the plan: the inbound chain Front Door -> AppGW -> firewall -> the cluster's nodes.
      const web = page.locator("#flows tbody tr", { hasText: "inbound:frontdoor-agw-gwc-app1" });
      assert.equal(await web.locator("td").nth(5).textContent(), "allowed");
      assert.match(
        (await web.locator("td").last().textContent()) ?? "",
        /^Front Door origin web\/agw-gwc → agw-plugilo-edge-prod-gwc → .* → afw-plugilo-hub-prod-gwc → .*vnet-plugilo-app1-prod-gwc\/snet-plugilo-aks-nodes-prod-gwc → /,
      );
      assert.match((await page.locator("#flows p.note").textContent()) ?? "", /From plugilo flows/);
      // The five cost choices.
      assert.equal(await page.locator("#choices tbody tr").count(), 5);
      assert.ok(
        (await page.locator("#cost tbody tr", { hasText: "amr-plugilo-data-prod-gwc" }).count()) === 1,
        "Redis is listed as unpriced",
      );
      assert.deepEqual(requests, [], "the page loads nothing from the network");
      const shot = join(scratch, "report.png");
      await page.screenshot({ path: shot, timeout: 60_000 });
      assert.ok(statSync(shot).size > 10_000);
    } finally {
      await browser.close();
    }
  });

  it("bad input: unknown environment, unwritable --out, no --out", async () => {
    const unknown = await plugilo("report", "qa", "--out", join(scratch, "qa.html"));
    assert.equal(unknown.code, 2);
    assert.equal(errorLines(unknown).length, 1);
    const unwritable = await plugilo("report", "prod", "--plan", planFile, "--out", "/etc/passwd/prod.html");
    assert.equal(unwritable.code, 2);
    assert.deepEqual(errorLines(unwritable), ["error: --out /etc/passwd/prod.html: /etc/passwd is not a folder"]);
    const missing = await plugilo("report", "prod");
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /required option '--out <file\.html>' not specified/);
  });
});
