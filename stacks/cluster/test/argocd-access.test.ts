/**
 * Argo CD access: Entra ID OIDC with the local admin off (argo-cd chart 9.1.0's configs.cm / configs.rbac keys),
 * and the root Application's AppProject, whose cluster-scoped kinds must cover everything the cluster folder
 * renders (read from deploy/) and nothing more.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { loadModel } from "@plugilo/model";
import { parse } from "yaml";
import { argoCdValues } from "../src/argocd-bootstrap.ts";
import { withSso } from "../src/argocd-sso.ts";
import { rootAppProjectSpec } from "../src/root-app-project.ts";

const prod = loadModel("prod");
const app1 = prod.clusters[0];
if (!app1) throw new Error("prod has no cluster");

describe("Argo CD sign-in", () => {
  const cm = (withSso(argoCdValues(true), app1.argocd.sso).configs as { cm: Record<string, unknown> }).cm;
  const rbac = (withSso(argoCdValues(true), app1.argocd.sso).configs as { rbac: Record<string, unknown> }).rbac;

  it("turns the local admin off and signs in through Entra ID's v2.0 issuer", () => {
    assert.equal(cm["admin.enabled"], false);
    assert.equal(cm["users.anonymous.enabled"], false);
    const oidc = parse(String(cm["oidc.config"])) as Record<string, unknown>;
    assert.equal(oidc.issuer, "https://login.microsoftonline.com/00000000-0000-0000-0000-00000000c0de/v2.0");
    assert.equal(oidc.clientSecret, "$argocd-sso:clientSecret");
    assert.deepEqual(oidc.requestedIDTokenClaims, { groups: { essential: true } });
    assert.equal(cm.url, "https://argocd.app1.prod.internal");
    // The health customization stays.
    assert.ok(String(cm["resource.customizations.health.argoproj.io_Application"]).includes("hs.status"));
  });

  it("gives no role by default and admin only to the Entra ID group", () => {
    assert.equal(rbac["policy.default"], "");
    assert.equal(rbac["policy.csv"], "g, 00000000-0000-0000-0000-0000000a0cd1, role:admin\n");
    assert.equal(rbac.scopes, "[groups]");
  });
});

describe("the root Application's AppProject", () => {
  const spec = rootAppProjectSpec(app1) as {
    sourceRepos: string[];
    clusterResourceWhitelist: { group: string; kind: string }[];
  };

  it("reads only the platform repository", () => {
    assert.deepEqual(spec.sourceRepos, ["https://github.com/plugilo/platform.git"]);
  });

  it("allows exactly the cluster-scoped kinds the cluster folders render", () => {
    const clusterScoped = new Set([
      "Namespace",
      "NodePool",
      "AKSNodeClass",
      "ClusterSecretStore",
      "ClusterIssuer",
      "Connector",
      "ClusterRole",
      "ClusterRoleBinding",
    ]);
    const seen = new Set<string>();
    const walk = (dir: string) => {
      for (const f of readdirSync(dir)) {
        const p = join(dir, f);
        if (statSync(p).isDirectory()) walk(p);
        else if (f.endsWith(".yaml")) {
          const o = parse(readFileSync(p, "utf8")) as { apiVersion: string; kind: string; metadata: { namespace?: string } };
          if (clusterScoped.has(o.kind)) seen.add(`${o.apiVersion.includes("/") ? o.apiVersion.split("/")[0] : ""}/${o.kind}`);
        }
      }
    };
    for (const env of ["dev", "staging", "prod"])
      for (const c of ["app1", "app2"]) walk(join(import.meta.dirname, "../../../deploy", env, c));
    assert.deepEqual(spec.clusterResourceWhitelist.map((k) => `${k.group}/${k.kind}`).sort(), [
      "/Namespace",
      "cert-manager.io/ClusterIssuer",
      "external-secrets.io/ClusterSecretStore",
      "karpenter.azure.com/AKSNodeClass",
      "karpenter.sh/NodePool",
      "rbac.authorization.k8s.io/ClusterRoleBinding",
      "tailscale.com/Connector",
    ]);
    for (const k of seen)
      assert.ok(
        spec.clusterResourceWhitelist.some((w) => `${w.group}/${w.kind}` === k),
        k,
      );
  });

  it("lets the root Application apply namespaced Role and RoleBinding (the build sets' driver RBAC)", () => {
    // Argo CD: no namespaceResourceWhitelist = every namespaced kind allowed, unless namespaceResourceBlacklist names it.
    const full = spec as { namespaceResourceWhitelist?: unknown; namespaceResourceBlacklist?: { group: string; kind: string }[] };
    assert.equal(full.namespaceResourceWhitelist, undefined);
    assert.deepEqual(full.namespaceResourceBlacklist ?? [], []);
    const driverRbac = ["role", "rolebinding"].map((k) =>
      join(
        import.meta.dirname,
        "../../../deploy/dev/app1/addons/actions-runner-controller",
        `${k}-buildx-kubernetes-driver.yaml`,
      ),
    );
    for (const p of driverRbac)
      assert.equal(
        (parse(readFileSync(p, "utf8")) as { metadata: { namespace: string } }).metadata.namespace,
        "arc-build-example-api",
      );
  });
});
