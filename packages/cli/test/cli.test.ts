import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { BAD_CASES, badConfig } from "../../model/test/bad-configs.ts";
import { plugilo } from "./run-plugilo.ts";

describe("plugilo CLI", () => {
  it("documents every command in --help", async () => {
    const r = await plugilo("--help");
    assert.equal(r.code, 0);
    for (const command of ["validate", "plan", "ipam"]) assert.match(r.stdout, new RegExp(`^  ${command} `, "m"));
  });

  it("exits 2 on an unknown command or a missing argument", async () => {
    assert.equal((await plugilo("deploy-everything")).code, 2);
    assert.equal((await plugilo("plan")).code, 2);
  });

  it("validates every environment in environments/", async () => {
    const r = await plugilo("validate");
    assert.equal(r.code, 0, r.stderr);
    for (const env of ["dev", "staging", "prod"]) assert.match(r.stdout, new RegExp(`environments/${env}.yaml: valid`));
  });

  it("plans an environment offline and prints the JSON contract, exit 0", async () => {
    const r = await plugilo("plan", "dev", "--json");
    assert.equal(r.code, 0, r.stderr);
    const plan = JSON.parse(r.stdout);
    assert.equal(plan.environment, "dev");
    assert.ok(plan.resources.length > 0);
    assert.deepEqual(
      plan.findings.filter((f: { severity: string }) => f.severity === "error"),
      [],
    );
    assert.match(r.stderr, /\[1\/\d+\] foundation: \d+ resources/);
  });

  it("prints the address plan with the firewall and ingress addresses", async () => {
    const r = await plugilo("ipam", "prod");
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /AzureFirewallSubnet\s+10\.60\.0\.0\/26/);
    assert.match(r.stdout, /firewall afw-plugilo-hub-prod-gwc: 10\.60\.0\.4/);
  });

  // The model's corpus of bad configurations, each patched onto its valid base and written to a file.
  const cases = BAD_CASES;
  it(`rejects each of the ${cases.length} bad configurations with exit 2, naming file and field`, async () => {
    assert.ok(cases.length >= 15);
    // One process validates every file (a process per file costs ~0.4 s each); validate reports every file's
    // errors and exits 2 when any file has one, so each file must contribute its own error line.
    const all = await plugilo("validate", ...cases.map((c) => badConfig(c.file)));
    assert.equal(all.code, 2);
    const lines = all.stderr.split("\n");
    for (const c of cases) {
      const name = c.file.split("/").pop() as string;
      const line = lines.find((l) => l.includes(`/${name}`) && (c.path === "" || l.includes(` ${c.path}:`)));
      assert.ok(line, `${c.file}: no error line naming the file and ${c.path || "the document"}`);
      assert.ok(line.includes(c.contains), `${c.file}: "${c.contains}" not in ${line}`);
    }
  });

  it("exits 2 for a bad configuration on its own (a sample across the corpus)", async () => {
    const sample = cases.filter((_, i) => i % Math.ceil(cases.length / 5) === 0);
    const results = await Promise.all(sample.map((c) => plugilo("validate", badConfig(c.file))));
    sample.forEach((c, i) => {
      assert.equal(results[i]?.code, 2, `${c.file}: exit ${results[i]?.code}`);
    });
  });

  it("plans nothing when the configuration is invalid", async () => {
    const r = await plugilo("plan", badConfig("region-outside-germany.yaml"), "--json");
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stdout, "");
    assert.match(r.stderr, /nothing was planned or deployed/);
  });
});
