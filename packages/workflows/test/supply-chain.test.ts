/**
 * The supply-chain guarantees: the promotion guard (only the service's own pin, a GitHub-signed proof from the
 * service's own repository), security waivers (reason, owner, expiry), the generated CODEOWNERS and ruleset,
 * the permission set of every job, the CI identities' roles, and the pinned actions against the upstream
 * release list (../shared/upstream/actions.json). Expected values are written out from their sources.
 */
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: "${{ ... }}" here is GitHub Actions expression syntax, not a template.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { listEnvironments, loadModel } from "@plugilo/model";
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT } from "jose";
import { parse } from "yaml";
import { ACTIONS } from "../src/actions.ts";
import { ciIdentities } from "../src/preview-identities.ts";
import { serviceOf, serviceSources } from "../src/promote-image.ts";
import { checkPullRequest, proofOf, verifyProof } from "../src/promotion-guard.ts";
import { REPO_ROOT } from "../src/render.ts";
import { codeowners, mainRuleset } from "../src/repository-settings.ts";
import { parseWaivers, waiversScript } from "../src/security-waivers.ts";
import type { Workflow } from "../src/workflow-types.ts";

const environments = listEnvironments();
const models = environments.map((env) => loadModel(env));
const sources = [
  { service: "example-api", imageRepository: "plugilo/example-api", sourceRepository: "plugilo/example-api" },
  { service: "orders", imageRepository: "plugilo/orders", sourceRepository: "plugilo/orders-service" },
];
const d = (c: string) => `sha256:${c.repeat(64)}`;
const pins = (a: string, b: string) => `# pins\nexample-api: ${a} # 1.0.0\norders: ${b} # 0a1b2c3\n`;
const PINS = "packages/gitops/src/services/images";

describe("promotion guard: the shape of the pull request", () => {
  const promotion = (over: Partial<Parameters<typeof checkPullRequest>[0]> = {}) => ({
    headRef: "promote/orders/dev",
    changedFiles: [`${PINS}/dev.yaml`, "deploy/dev/services/app1/orders/rollout-orders.yaml"],
    pins: { dev: { before: pins(d("a"), d("b")), after: pins(d("a"), d("c")).replace("0a1b2c3", "9f8e7d6") } },
    ...over,
  });

  it("accepts a promotion that changes only its own pin and its environment's rendered folder", () => {
    const verdict = checkPullRequest(promotion(), sources, environments);
    assert.deepEqual(verdict, { kind: "promotion", source: sources[1], environment: "dev", digest: d("c"), tag: "9f8e7d6" });
  });

  it("rejects a promotion that changes another service's pin", () => {
    const p = promotion({ pins: { dev: { before: pins(d("a"), d("b")), after: pins(d("e"), d("c")) } } });
    assert.throws(
      () => checkPullRequest(p, sources, environments),
      /must change exactly its own pin; it changes: example-api, orders/,
    );
  });

  it("rejects a promotion that touches code, another environment, or nothing", () => {
    for (const extra of ["packages/gitops/src/services/orders.ts", "deploy/prod/app1/x.yaml", `${PINS}/prod.yaml`]) {
      const p = promotion({ changedFiles: [`${PINS}/dev.yaml`, extra] });
      assert.throws(() => checkPullRequest(p, sources, environments), /may change only/, extra);
    }
    assert.throws(
      () => checkPullRequest(promotion({ changedFiles: ["deploy/dev/x.yaml"] }), sources, environments),
      /must change/,
    );
  });

  it("rejects a branch for an unknown service or environment", () => {
    assert.throws(
      () => checkPullRequest(promotion({ headRef: "promote/billing/dev" }), sources, environments),
      /no service spec named billing/,
    );
    assert.throws(
      () => checkPullRequest(promotion({ headRef: "promote/orders/qa" }), sources, environments),
      /no environment qa/,
    );
  });

  it("lets other pull requests through only when they change no pin", () => {
    const other = { headRef: "feature/x", changedFiles: ["README.md"], pins: {} };
    assert.deepEqual(checkPullRequest(other, sources, environments), { kind: "other" });
    const sneaky = { headRef: "feature/x", changedFiles: [`${PINS}/dev.yaml`], pins: {} };
    assert.throws(() => checkPullRequest(sneaky, sources, environments), /only through promotion pull requests/);
  });
});

describe("promotion guard: the proof of origin (GitHub OIDC token)", async () => {
  const { publicKey, privateKey } = await generateKeyPair("RS256");
  const jwk = { ...(await exportJWK(publicKey)), kid: "k1", alg: "RS256" };
  const keys = createLocalJWKSet({ keys: [jwk] });
  const claims = {
    repository: "plugilo/orders-service",
    ref: "refs/heads/main",
    sha: "9f8e7d6",
    environment: "dev",
    job_workflow_ref: "plugilo/platform/.github/workflows/service.yml@refs/heads/main",
  };
  const token = (
    over: Record<string, string> = {},
    audience = "plugilo-promotion",
    issuer = "https://token.actions.githubusercontent.com",
  ) =>
    new SignJWT({ ...claims, ...over })
      .setProtectedHeader({ alg: "RS256", kid: "k1" })
      .setIssuer(issuer)
      .setAudience(audience)
      .setIssuedAt()
      .setExpirationTime("5m")
      .sign(privateKey);
  const expect = {
    source: sources[1] as (typeof sources)[number],
    environment: "dev",
    tag: "9f8e7d6",
    platformRepository: "plugilo/platform",
  };

  it("accepts a token GitHub issued to the platform's service workflow on main of the service's repository", async () => {
    await verifyProof(await token(), expect, keys);
  });

  it("rejects a token from another repository, another workflow, a branch, another environment or commit", async () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ repository: "plugilo/example-api" }, /repository is plugilo\/example-api/],
      [{ job_workflow_ref: "plugilo/orders-service/.github/workflows/own.yml@refs/heads/main" }, /job_workflow_ref/],
      [{ ref: "refs/heads/feature" }, /ref is refs\/heads\/feature/],
      [{ environment: "prod" }, /environment is prod/],
      [{ sha: "0000000" }, /sha is 0000000/],
    ];
    for (const [over, message] of cases) await assert.rejects(verifyProof(await token(over), expect, keys), message);
  });

  it("rejects another audience, another issuer and a key GitHub does not publish", async () => {
    await assert.rejects(verifyProof(await token({}, "api://AzureADTokenExchange"), expect, keys), /aud/);
    await assert.rejects(verifyProof(await token({}, "plugilo-promotion", "https://evil.example"), expect, keys), /iss/);
    const other = await generateKeyPair("RS256");
    const forged = await new SignJWT(claims)
      .setProtectedHeader({ alg: "RS256", kid: "k1" })
      .setIssuer("https://token.actions.githubusercontent.com")
      .setAudience("plugilo-promotion")
      .setExpirationTime("5m")
      .sign(other.privateKey);
    await assert.rejects(verifyProof(forged, expect, keys), /signature/);
  });

  it("reads the proof from the pull request's body, and fails without one", () => {
    assert.equal(proofOf("text\n<!-- promotion-proof: a.b.c -->\n"), "a.b.c");
    assert.throws(() => proofOf("no proof here"), /carries no promotion proof/);
  });
});

describe("service sources", () => {
  it("map the example service to its own repository, and no other repository to anything", () => {
    assert.deepEqual(serviceOf("plugilo/example-api", serviceSources()), {
      service: "example-api",
      imageRepository: "plugilo/example-api",
      sourceRepository: "plugilo/example-api",
    });
    assert.throws(() => serviceOf("plugilo/orders-service", serviceSources()), /is the sourceRepository of no service spec/);
  });
});

describe("security waivers", () => {
  const today = new Date("2026-12-01T00:00:00Z");
  const entry = (over: Record<string, string>) => {
    const w = {
      tool: "checkov",
      id: "CKV_K8S_43",
      reason: "digest pinning happens in the registry",
      owner: "@plugilo/platform",
      expires: "2027-03-31",
      ...over,
    };
    return `waivers:\n  - ${Object.entries(w)
      .map(([k, v]) => `${k}: "${v}"`)
      .join("\n    ")}\n`;
  };

  it("accept a complete waiver", () => {
    assert.deepEqual(parseWaivers(entry({}), "w.yaml", today), [
      {
        tool: "checkov",
        id: "CKV_K8S_43",
        reason: "digest pinning happens in the registry",
        owner: "@plugilo/platform",
        expires: "2027-03-31",
      },
    ]);
    assert.equal(parseWaivers(entry({ tool: "trivy", id: "CVE-2026-12345" }), "w.yaml", today)[0]?.id, "CVE-2026-12345");
  });

  it("reject a waiver without a reason, without an owner, without an expiry, expired, or with a wrong ID", () => {
    assert.throws(() => parseWaivers(entry({ reason: "" }), "w.yaml", today), /w\.yaml: waivers\[0\]\.reason/);
    assert.throws(() => parseWaivers(entry({ owner: "nobody" }), "w.yaml", today), /waivers\[0\]\.owner/);
    assert.throws(() => parseWaivers(entry({ expires: "soon" }), "w.yaml", today), /waivers\[0\]\.expires/);
    assert.throws(() => parseWaivers(entry({ expires: "2026-11-30" }), "w.yaml", today), /expired on 2026-11-30/);
    assert.throws(() => parseWaivers(entry({ id: "CVE-2026-1" }), "w.yaml", today), /not a checkov finding ID/);
    assert.throws(() => parseWaivers(entry({ tool: "snyk" }), "w.yaml", today), /must be checkov or trivy/);
  });

  it("the repository's own list is valid, and the service workflow's jq check applies the same rules", () => {
    parseWaivers(readFileSync(join(REPO_ROOT, ".github/security-waivers.yaml"), "utf8"), "w", new Date());
    const script = waiversScript();
    for (const rule of ["reason", "owner", "expires", "fromdateiso8601", "CKV2?_", "CVE-"])
      assert.ok(script.includes(rule), rule);
  });
});

describe("repository settings (generated)", () => {
  it("CODEOWNERS: dev's pins and folder have no owner; staging and prod need their approvers; the rest the platform team", () => {
    const lines = codeowners(models, "plugilo")
      .split("\n")
      .filter((l) => l && !l.startsWith("#"))
      .map((l) => l.trim().split(/\s+/));
    const owner = (path: string) => lines.find((l) => l[0] === path)?.slice(1);
    assert.deepEqual(lines[0], ["*", "@plugilo/platform"]);
    assert.deepEqual(owner(`/${PINS}/dev.yaml`), []);
    assert.deepEqual(owner("/deploy/dev/"), []);
    assert.deepEqual(owner(`/${PINS}/staging.yaml`), ["@plugilo/staging-approvers"]);
    assert.deepEqual(owner("/deploy/prod/"), ["@plugilo/prod-approvers"]);
    assert.deepEqual(owner("/.github/"), ["@plugilo/platform"]);
  });

  it("the main ruleset: pull requests only, code-owner review, the required checks, nobody bypasses", () => {
    const r = mainRuleset(models) as {
      bypass_actors: unknown[];
      rules: { type: string; parameters?: Record<string, unknown> }[];
    };
    assert.deepEqual(r.bypass_actors, []);
    const rule = (type: string) => r.rules.find((x) => x.type === type);
    assert.ok(rule("deletion") && rule("non_fast_forward"));
    assert.equal(rule("pull_request")?.parameters?.require_code_owner_review, true);
    assert.equal(rule("pull_request")?.parameters?.required_approving_review_count, 0);
    const required = (rule("required_status_checks")?.parameters?.required_status_checks ?? []) as { context: string }[];
    const checks = required.map((c) => c.context);
    assert.deepEqual(checks, [
      "Tests, type check, lint, validate, drift",
      "Offline plan (dev)",
      "Offline plan (staging)",
      "Offline plan (prod)",
      "Checkov: rendered manifests and workflows",
      "Promotion guard",
    ]);
  });

  it("every required check is the name of a job of the infrastructure workflow", () => {
    const infra = parse(readFileSync(join(REPO_ROOT, ".github/workflows/infrastructure.yml"), "utf8")) as Workflow;
    const names = Object.values(infra.jobs).flatMap((j) =>
      j.name.includes("${{ matrix.environment }}")
        ? environments.map((e) => j.name.replace("${{ matrix.environment }}", e))
        : [j.name],
    );
    const r = mainRuleset(models) as {
      rules: { type: string; parameters?: { required_status_checks?: { context: string }[] } }[];
    };
    for (const { context } of r.rules.find((x) => x.type === "required_status_checks")?.parameters?.required_status_checks ?? [])
      assert.ok(names.includes(context), context);
  });
});

describe("permissions of every job", () => {
  const read = (file: string) => parse(readFileSync(join(REPO_ROOT, ".github/workflows", file), "utf8")) as Workflow;
  const permissions = (w: Workflow) =>
    Object.fromEntries(Object.entries(w.jobs).map(([id, j]) => [id, j.permissions ?? w.permissions]));

  it("service workflow: only the promotions get an OIDC token; nothing may write contents", () => {
    assert.deepEqual(permissions(read("service.yml")), {
      source: {},
      waivers: { contents: "read" },
      "iac-scan": { contents: "read", "security-events": "write", actions: "read" },
      "code-quality": { contents: "read" },
      build: { contents: "read" },
      changes: { contents: "read" },
      migrations: { contents: "read" },
      e2e: { contents: "read" },
      k6: { contents: "read" },
      // The AI review comments on the pull request with the job's GITHUB_TOKEN: no OIDC token.
      "ai-review": { contents: "read", "pull-requests": "write", issues: "write" },
      "promote-dev": { contents: "read", "id-token": "write" },
      "promote-staging": { contents: "read", "id-token": "write" },
      "promote-prod": { contents: "read", "id-token": "write" },
    });
  });

  it("promote-dev uses its OIDC token (the promotion proof) and copies no image", () => {
    const dev = read("service.yml").jobs["promote-dev"];
    assert.ok(dev?.steps.some((s) => s.run?.includes("ACTIONS_ID_TOKEN_REQUEST_URL&audience=plugilo-promotion")));
    assert.ok(
      !dev?.steps.some((s) => s.uses?.startsWith("azure/login@")),
      "dev builds into its own registry: no copy, no Azure login",
    );
  });

  it("infrastructure workflow: OIDC only where a cloud is called; the guard reads pull requests", () => {
    const p = permissions(read("infrastructure.yml"));
    assert.deepEqual(p.checks, { contents: "read" });
    assert.deepEqual(p["promotion-guard"], { contents: "read", "pull-requests": "read" });
    for (const env of environments) {
      assert.deepEqual(p[`preview-${env}`], { "id-token": "write", contents: "read" });
      assert.deepEqual(p[`deploy-${env}`], { "id-token": "write", contents: "read" });
    }
  });
});

describe("CI identities", () => {
  const ids = ciIdentities(models, "plugilo/platform");
  const roles = (env: string) => ids.find((i) => i.environment === env)?.roles.map((r) => r.role);

  it("previews read state (Storage Blob Data Reader 2a2b9908-...) and never write it", () => {
    for (const env of environments) {
      assert.ok(roles(`${env}-preview`)?.includes("Storage Blob Data Reader"));
      assert.ok(!roles(`${env}-preview`)?.includes("Storage Blob Data Contributor"), env);
      assert.ok(!roles(`${env}-preview`)?.includes("Owner"), env);
    }
    const table = readFileSync(join(REPO_ROOT, ".github/identities.md"), "utf8");
    assert.match(table, /Storage Blob Data Reader \(`2a2b9908-6ea1-4ae2-8e65-a410df84e7d1`\)/);
    assert.match(table, /Reader \(`acdd72a7-3385-48ef-bd42-f606fba81ae7`\)/);
    assert.match(table, /Key Vault Crypto User \(`12338af0-0e69-4776-bea7-57ae8d297424`\) on the dev secrets-provider key/);
    assert.match(table, /Storage Blob Data Contributor \(`ba92f5b4-2d11-453d-a403-e96b0029c9fe`\) on the prod state container/);
  });

  it("each federated credential trusts one environment of the platform repository", () => {
    assert.equal(ids.find((i) => i.environment === "prod-preview")?.subject, "repo:plugilo/platform:environment:prod-preview");
    assert.equal(new Set(ids.map((i) => i.subject)).size, ids.length);
  });
});

describe("pinned actions against the upstream release list", () => {
  const upstream = JSON.parse(
    readFileSync(join(process.env.PLUGILO_UPSTREAM ?? join(REPO_ROOT, "../shared/upstream"), "actions.json"), "utf8"),
  ) as Record<string, { tags: Record<string, string> }>;

  // Not in the upstream snapshot: the commit of each release tag and the newest v1 tag, read from the
  // repositories (git rev-parse <tag>^{commit} of a fresh clone, 2026-12-01).
  const OUTSIDE_SNAPSHOT: Record<string, { tag: string; sha: string }> = {
    "grafana/setup-k6-action": { tag: "v1.2.1", sha: "db07bd9765aac508ef18982e52ab937fe633a065" },
    "grafana/run-k6-action": { tag: "v1.4.0", sha: "de51a7390bdf0ac85a3bef493691bd71d4c7c158" },
    "anthropics/claude-code-action": { tag: "v1.0.200", sha: "24dcd50c0568f0fc9e9211213a4fd2d9eb15c4e0" },
  };

  it("every pinned SHA is the commit of its release tag", () => {
    for (const [name, a] of Object.entries(ACTIONS)) {
      const repo = a.repo.split("/").slice(0, 2).join("/").toLowerCase();
      const outside = OUTSIDE_SNAPSHOT[repo];
      if (outside) {
        assert.deepEqual({ tag: a.tag, sha: a.sha }, outside, name);
        continue;
      }
      const release = upstream[repo];
      assert.ok(release, `${name}: ${repo} is in actions.json`);
      assert.equal(release.tags[a.tag], a.sha, `${name}: ${a.repo}@${a.tag}`);
    }
  });

  it("the pins are the newest release of each action's major version", () => {
    const semver = (t: string) => t.slice(1).split(".").map(Number);
    for (const [name, a] of Object.entries(ACTIONS)) {
      if (OUTSIDE_SNAPSHOT[a.repo.split("/").slice(0, 2).join("/").toLowerCase()]) continue;
      const tags = Object.keys(upstream[a.repo.split("/").slice(0, 2).join("/").toLowerCase()]?.tags ?? {});
      const major = semver(a.tag)[0];
      const newest = tags
        .filter((t) => /^v\d+\.\d+(\.\d+)?$/.test(t) && semver(t)[0] === major)
        .sort((x, y) => {
          const [p, q] = [semver(x), semver(y)];
          return (p[1] ?? 0) - (q[1] ?? 0) || (p[2] ?? 0) - (q[2] ?? 0);
        })
        .at(-1);
      assert.equal(a.tag, newest, name);
    }
  });
});
