/**
 * The all-zero identity IDs: a warning that names the file and field, says the pods cannot get a token, and
 * gives the exact command that reads the real IDs (the data stack's `serviceIdentities` output; stack names
 * are the environments', folder stacks/data).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { loadModel } from "@plugilo/model";
import { IDENTITY_IDS } from "../../src/services/example-api.ts";
import { identityPlaceholderWarnings } from "../../src/services/identity-placeholders.ts";

test("prod with the placeholder IDs: one warning, with the command to read the real ones", () => {
  const findings = identityPlaceholderWarnings(loadModel("prod"));
  assert.equal(findings.length, 1);
  const [f] = findings;
  assert.equal(f?.severity, "warning");
  assert.equal(f?.file, "packages/gitops/src/services/example-api.ts");
  assert.equal(f?.path, "IDENTITY_IDS.prod");
  assert.match(f?.message ?? "", /cannot get a token for PostgreSQL and Redis/);
  assert.ok(f?.message.includes("`pulumi stack output serviceIdentities --stack prod --cwd stacks/data --json`"));
});

test("dev (in-cluster databases, no workload identity): no warning", () => {
  assert.deepEqual(identityPlaceholderWarnings(loadModel("dev")), []);
});

test("real IDs committed: no warning; only the object ID left at zero: a warning for it", () => {
  const model = loadModel("staging");
  const ids = IDENTITY_IDS as Record<string, { clientId: string; objectId: string }>;
  const saved = ids.staging;
  try {
    ids.staging = { clientId: "3f0e9a52-1c4b-4d7e-9a11-5b2c8d6e7f10", objectId: "8a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d" };
    assert.deepEqual(identityPlaceholderWarnings(model), []);
    ids.staging = { clientId: "3f0e9a52-1c4b-4d7e-9a11-5b2c8d6e7f10", objectId: "00000000-0000-0000-0000-000000000000" };
    const [f] = identityPlaceholderWarnings(model);
    assert.match(f?.message ?? "", /identity's object ID in staging/);
  } finally {
    ids.staging = saved as { clientId: string; objectId: string };
  }
});
