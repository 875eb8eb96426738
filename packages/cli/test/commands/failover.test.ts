/** `plugilo failover` without --execute: the ordered runbook from the model, nothing changed, exit codes. */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { plugilo, root } from "../run-plugilo.ts";

describe("plugilo failover (dry run)", () => {
  it("prod postgresql: precondition, promotion, HA, post-check on the germanynorth replica; RTO; nothing changed", async () => {
    const r = await plugilo("failover", "prod", "postgresql");
    assert.equal(r.code, 0, r.stderr);
    const numbered = r.stdout.split("\n").filter((l) => /^ {4}\d\. /.test(l));
    assert.deepEqual(
      numbered.map((l) => l.trim().slice(0, 61)),
      [
        "1. psql-plugilo-data-prod-gn is a read replica whose replicat",
        "2. promote psql-plugilo-data-prod-gn to primary server (switc",
        "3. high availability SameZone on the new primary psql-plugilo",
        "4. psql-plugilo-data-prod-gn is the primary and the virtual e",
      ],
    );
    assert.match(r.stdout, /--promote-mode switchover --promote-option planned/);
    assert.match(r.stdout, /psql-plugilo-data-prod-ve\.writer\.postgres\.database\.azure\.com/);
    assert.match(r.stdout, /Expected RTO: < 15 min/);
    assert.match(r.stdout, /Dry run: nothing was changed/);
  });

  it("is quoted verbatim in the day-2 guide (docs/deploy/10-day-2.md), so the guide cannot go stale", async () => {
    const r = await plugilo("failover", "prod", "postgresql");
    const guide = readFileSync(join(root, "docs/deploy/10-day-2.md"), "utf8");
    assert.ok(
      guide.includes(`\`\`\`\n${r.stdout}\`\`\``),
      "run npm run plugilo -- failover prod postgresql and paste its output",
    );
  });

  it("all: front-door, postgresql, cosmos, redis in that order; --forced picks the outage operations", async () => {
    const r = await plugilo("failover", "prod", "all", "--forced");
    assert.equal(r.code, 0, r.stderr);
    const headers = r.stdout.split("\n").filter((l) => /^[a-z-]+: prod, /.test(l));
    assert.deepEqual(
      headers.map((h) => h.split(":")[0]),
      ["front-door", "postgresql", "cosmos", "redis"],
    );
    assert.match(r.stdout, /--promote-option forced/);
    assert.match(r.stdout, /offlineRegion\?api-version=2026-03-15" --body '\{"region":"Germany West Central"\}'/);
    assert.match(r.stdout, /force-unlink --cluster-name amr-plugilo-data-prod-gn/);
    assert.match(r.stdout, /--origin-name agw-gwc --enabled-state Disabled/);
    // API Management lives in one region: its origin stays, with the reason.
    assert.match(r.stdout, /origin group api has no origin outside germanywestcentral \(apim\)/);
  });

  it("--to the primary region fails back: the germanywestcentral side becomes the target", async () => {
    const r = await plugilo("failover", "prod", "cosmos", "--to", "germanywestcentral");
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /--failover-policies germanywestcentral=0 germanynorth=1/);
  });

  it("exits 2 for a service that does not apply, an unknown service or region", async () => {
    const staging = await plugilo("failover", "staging", "redis");
    assert.equal(staging.code, 2);
    assert.match(staging.stderr, /Redis has no second region \(mode persistence\)/);
    assert.equal((await plugilo("failover", "prod", "elastic")).code, 2);
    const region = await plugilo("failover", "prod", "postgresql", "--to", "westeurope");
    assert.equal(region.code, 2);
    assert.match(region.stderr, /--to westeurope: prod runs in germanywestcentral and germanynorth only/);
  });
});
