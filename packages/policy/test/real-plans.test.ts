/**
 * The guardrail rules against the real plans of dev, staging and prod (each planned once, in before()):
 * no error finding of any of them, and the plan applies each. Their fixtures: rules/<rule>.test.ts.
 * With the same plans: every Key Vault secret an ExternalSecret in deploy/<env> reads is written by a stack of
 * that environment, or is one of the credentials issued outside Azure that a person stores by hand.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { type EnvironmentModel, loadModel } from "@plugilo/model";
import { type PlanResult, planEnvironment } from "@plugilo/plan";
import {
  evaluate,
  noPremiumInDev,
  noPublicNetworkAccess,
  type PolicyRule,
  protectStatefulInProduction,
  tlsMinimumVersion,
} from "@plugilo/policy";
import { parseAllDocuments } from "yaml";

const ENVIRONMENTS = ["dev", "staging", "prod"] as const;
const planned = new Map<string, { model: EnvironmentModel; plan: PlanResult }>();
before(async () => {
  for (const env of ENVIRONMENTS) {
    const model = loadModel(env);
    planned.set(env, { model, plan: await planEnvironment(model) });
  }
});

/** No error finding of `rule` in any real plan. */
function cleanOnRealPlans(rule: PolicyRule) {
  it("finds no error in the real plans of dev, staging and prod", () => {
    for (const env of ENVIRONMENTS) {
      const { model, plan } = planned.get(env) as { model: EnvironmentModel; plan: PlanResult };
      const errors = evaluate(plan.resources, model, [rule]).filter((f) => f.severity === "error");
      assert.deepEqual(errors, [], env);
      assert.deepEqual(
        plan.findings.filter((f) => f.rule === rule.name && f.severity === "error"),
        [],
        `${env}: the plan applies ${rule.name}`,
      );
    }
  });
}

describe("no-public-network-access", () => {
  cleanOnRealPlans(noPublicNetworkAccess);
});

describe("tls-minimum-version", () => {
  cleanOnRealPlans(tlsMinimumVersion);
});

describe("protect-stateful-in-production", () => {
  cleanOnRealPlans(protectStatefulInProduction);
});

describe("no-premium-in-dev", () => {
  cleanOnRealPlans(noPremiumInDev);
  it("warns about nothing in the real dev plan", () => {
    const { model, plan } = planned.get("dev") as { model: EnvironmentModel; plan: PlanResult };
    assert.deepEqual(evaluate(plan.resources, model, [noPremiumInDev]), []);
  });
});

/**
 * Credentials another system issues, stored in the vault by a person (packages/gitops/README.md, "Requirements
 * outside this package"): the runners' GitHub App, Argo CD's Entra ID app registration, the Tailscale OAuth client.
 */
const ISSUED_OUTSIDE = new Set([
  "github-arc-app-id",
  "github-arc-app-installation-id",
  "github-arc-app-private-key",
  "argocd-sso-client-secret",
  "tailscale-oauth-client-id",
  "tailscale-oauth-client-secret",
]);
const KEY_VAULT_STORES = new Set(["azure-key-vault", "azure-key-vault-services"]);

/** Key Vault secret names the ExternalSecrets under deploy/<env> read. */
function secretsReadIn(env: string): Set<string> {
  const keys = new Set<string>();
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(".yaml"))
        for (const doc of parseAllDocuments(readFileSync(p, "utf8"))) {
          const o = doc.toJS() as {
            kind?: string;
            spec?: { secretStoreRef?: { name?: string }; data?: { remoteRef?: { key?: string } }[] };
          } | null;
          if (o?.kind !== "ExternalSecret" || !KEY_VAULT_STORES.has(o.spec?.secretStoreRef?.name ?? "")) continue;
          for (const d of o.spec?.data ?? []) if (d.remoteRef?.key) keys.add(d.remoteRef.key);
        }
    }
  };
  walk(join(import.meta.dirname, "..", "..", "..", "deploy", env));
  return keys;
}

describe("Key Vault secrets read in the clusters", () => {
  it("are each written by a stack of the environment, or issued outside Azure and stored by hand", () => {
    for (const env of ENVIRONMENTS) {
      const { model, plan } = planned.get(env) as { model: EnvironmentModel; plan: PlanResult };
      const written = new Set(
        plan.resources
          .filter((r) => r.type === "azure-native:keyvault:Secret" && r.inputs.vaultName === model.keyVault.name)
          .map((r) => String(r.inputs.secretName)),
      );
      const read = secretsReadIn(env);
      assert.ok(read.size > 0, `${env}: the walk finds the ExternalSecrets`);
      const unwritten = [...read].filter((k) => !written.has(k) && !ISSUED_OUTSIDE.has(k)).sort();
      assert.deepEqual(unwritten, [], `${env}: read in deploy/${env}, written by no stack`);
    }
  });

  it("include dev's in-cluster Redis and MongoDB passwords, written by the shared stack", () => {
    const { plan } = planned.get("dev") as { model: EnvironmentModel; plan: PlanResult };
    const read = secretsReadIn("dev");
    for (const name of ["dev-redis-password", "dev-mongodb-admin-password"]) {
      assert.ok(read.has(name), `${name} is read in deploy/dev`);
      const writer = plan.resources.find((r) => r.type === "azure-native:keyvault:Secret" && r.inputs.secretName === name);
      assert.equal(writer?.stack, "shared", name);
    }
  });
});
