import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { plugilo } from "../run-plugilo.ts";

const dir = mkdtempSync(join(tmpdir(), "plugilo-flows-"));

let planFile: string;
let plan: { environment: string; resources: { type: string; name: string; inputs: Record<string, unknown> }[] };

before(async () => {
  // The plan's exit code depends on its findings; its JSON is complete either way.
  const r = await plugilo("plan", "dev", "--json");
  plan = JSON.parse(r.stdout);
  planFile = join(dir, "plan-dev.json");
  writeFileSync(planFile, r.stdout);
});

describe("plugilo flows", () => {
  it("prints the JSON report of a saved plan; exit 1 exactly when a flow is violated", async () => {
    const r = await plugilo("flows", "dev", "--plan", planFile, "--json");
    const report = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(report), ["environment", "flows"]);
    assert.equal(report.environment, "dev");
    const violated = report.flows.filter(
      (f: { kind: string; verdict: string }) => (f.kind === "required") === (f.verdict === "denied"),
    );
    assert.equal(r.code, violated.length ? 1 : 0);
    const egress = report.flows.find((f: { id: string }) => f.id === "egress:app1:mcr.microsoft.com");
    assert.equal(egress.verdict, "allowed");
  });

  it("a plan without the AKS egress rules denies the AKS-required FQDNs at the firewall, exit 1", async () => {
    const mutated = { ...plan, resources: plan.resources.filter((r) => !r.name.endsWith("-rcg-aks-egress")) };
    const file = join(dir, "plan-dev-no-aks-egress.json");
    writeFileSync(file, JSON.stringify(mutated));
    const r = await plugilo("flows", "dev", "--plan", file, "--flow", "egress:app1:mcr.microsoft.com");
    assert.equal(r.code, 1);
    assert.match(
      r.stdout,
      /verdict: denied \(violation\): afw-plugilo-hub-dev-gwc: no rule of afwp-plugilo-hub-dev-gwc allows TCP 443 to mcr\.microsoft\.com: denied by default/,
    );
  });

  it("exits 2 with one line for an unreadable, invalid or foreign plan file and an unknown flow", async () => {
    const notJson = join(dir, "not-json.json");
    writeFileSync(notJson, "{");
    const noResources = join(dir, "no-resources.json");
    writeFileSync(noResources, JSON.stringify({ environment: "dev" }));
    const cases: [string[], RegExp][] = [
      [["--plan", join(dir, "missing.json")], /missing\.json: cannot read the plan file \(ENOENT\)/],
      [["--plan", notJson], /not-json\.json: not JSON/],
      [["--plan", noResources], /no-resources\.json: resources: must be an array/],
      [["--plan", planFile, "--flow", "no-such-flow"], /unknown flow no-such-flow/],
    ];
    for (const [args, message] of cases) {
      const r = await plugilo("flows", "dev", ...args);
      assert.equal(r.code, 2, args.join(" "));
      assert.match(r.stderr, message);
      assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
    }
    const foreign = await plugilo("flows", "prod", "--plan", planFile);
    assert.equal(foreign.code, 2);
    assert.match(foreign.stderr, /environment: the plan is of dev, not prod/);
  });
});
