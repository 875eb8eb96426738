// biome-ignore-all lint/suspicious/noExplicitAny: the assertions walk rendered JSON, whose shape the schemas already checked.
/**
 * Must show: the data tier's two cluster-side pieces.
 * - Index lifecycle policies (docs/adr/0061): in every environment and cluster a ConfigMap whose JSON equals
 *   the model's policy bodies, and a PostSync Job (restricted, pinned image) whose script PUTs each policy and
 *   fails on any answer but 2xx; Elastic Cloud through the Key Vault secrets the data stack writes, ECK through
 *   its own Service and Secrets. The script itself runs here against a stand-in curl.
 * - PgBouncer (docs/adr/0060): no pooler in the clusters, only the built-in PgBouncer's connection settings;
 *   nothing renders a password userlist or a third-party token-refresher image.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { gitopsFindings, parseEnvironment } from "@plugilo/model";
import {
  CURL_IMAGE,
  HOOK,
  HOOK_DELETE_POLICY,
  ILM_CREDENTIALS,
  ILM_JOB,
  ILM_POLICIES,
  ilmScript,
  policyFiles,
} from "../src/addons/elasticsearch-ilm.ts";
import { toYaml } from "../src/deploy-folder.ts";
import { ENVIRONMENTS, find, json, objectsOf, REPO, type Rendered, renderAll } from "./helpers.ts";

let rendered: ReturnType<typeof renderAll>;
before(() => {
  rendered = renderAll();
});

const containerOf = (job: any) => job.spec.template.spec.containers[0];
const envOf = (job: any) => Object.fromEntries(containerOf(job).env.map((e: any) => [e.name, e.value ?? e.valueFrom]));

describe("index lifecycle policies", () => {
  for (const env of ENVIRONMENTS) {
    test(`${env}: every cluster gets the model's policies as JSON and a PostSync Job that PUTs each`, () => {
      const { model, clusters } = rendered[env] as Rendered;
      const ilm = model.data.elasticIlm;
      assert.ok(ilm, "the model declares where the policies are applied");
      assert.deepEqual(
        ilm.policies.map((p) => p.name),
        model.config.data.elastic.ilmPolicies.map((p) => p.name),
      );
      for (const c of clusters) {
        const cm = json<any>(find(c, "ConfigMap", ILM_POLICIES));
        assert.equal(cm.metadata.namespace, ilm.namespace);
        assert.deepEqual(Object.keys(cm.data), ilm.policies.map((p) => `${p.name}.json`).sort());
        for (const p of ilm.policies) {
          const body: any = JSON.parse(cm.data[`${p.name}.json`]);
          const phases = body.policy.phases;
          assert.deepEqual(body, p.policy);
          const config = model.config.data.elastic.ilmPolicies.find((x) => x.name === p.name);
          assert.equal(phases.hot.actions.rollover.max_age, config?.rolloverMaxAge);
          assert.equal(phases.warm.min_age, config?.warmAfter);
          assert.equal(phases.delete.min_age, config?.deleteAfter);
          assert.deepEqual(phases.delete.actions, { delete: {} });
        }

        const job = json<any>(find(c, "Job", ILM_JOB));
        assert.equal(job.metadata.namespace, ilm.namespace);
        assert.equal(job.metadata.annotations[HOOK], "PostSync");
        assert.equal(job.metadata.annotations[HOOK_DELETE_POLICY], "BeforeHookCreation");
        const script = containerOf(job).command[2];
        assert.equal(script, ilmScript(ilm));
        assert.deepEqual(
          script.split("\n").filter((l: string) => l.startsWith("apply ")),
          ilm.policies.map((p) => `apply ${p.name}`),
        );
        assert.match(script, /"\$ES_URL\/_ilm\/policy\/\$name"/);
        assert.match(script, /--request PUT/);
        assert.match(script, /2\?\?\) echo/);
        assert.match(script, /\*\) echo .*exit 1/);
        assert.deepEqual(
          job.spec.template.spec.volumes.find((v: any) => v.name === "policies").configMap,
          { name: ILM_POLICIES },
          "the Job reads the rendered policies",
        );
      }
    });
  }

  test("staging and prod: Elastic Cloud through the Key Vault secrets the data stack writes; no CA file", () => {
    for (const env of ["staging", "prod"] as const) {
      const { model, clusters } = rendered[env] as Rendered;
      const kv = model.data.elastic?.keyVaultSecrets;
      assert.ok(kv && model.data.elasticIlm?.target.kind === "elastic-cloud");
      assert.deepEqual(model.data.elasticIlm.target.keyVaultSecrets, kv);
      assert.deepEqual(
        model.data.elasticIlm.clusters,
        model.clusters.map((c) => c.name),
      );
      for (const c of clusters) {
        const es = json<any>(find(c, "ExternalSecret", ILM_CREDENTIALS));
        assert.deepEqual(Object.fromEntries(es.spec.data.map((d: any) => [d.secretKey, d.remoteRef.key])), {
          url: kv.url,
          username: kv.username,
          password: kv.password,
        });
        const job = json<any>(find(c, "Job", ILM_JOB));
        const e = envOf(job);
        for (const key of ["url", "username", "password"])
          assert.deepEqual(e[`ES_${key.toUpperCase()}`], { secretKeyRef: { name: ILM_CREDENTIALS, key } });
        assert.doesNotMatch(containerOf(job).command[2], /--cacert/, "Elastic's certificate is publicly trusted");
        assert.ok((c.waves.get("elasticsearch-ilm") ?? -1) > (c.waves.get("external-secrets-store") ?? -1));
      }
    }
  });

  test("dev: each cluster's ECK instance, by ECK's names for its Service and Secrets", () => {
    const { model, clusters } = rendered.dev as Rendered;
    const es = model.data.inCluster?.instances.find((i) => i.engine === "elasticsearch");
    assert.ok(es && model.data.elasticIlm?.target.kind === "eck");
    assert.equal(model.data.elasticIlm.namespace, es.namespace, "the Job must mount the instance's Secrets");
    for (const c of clusters) {
      assert.equal(objectsOf(c, "ExternalSecret").filter((o) => o.metadata?.name === ILM_CREDENTIALS).length, 0);
      const job = json<any>(find(c, "Job", ILM_JOB));
      const e = envOf(job);
      assert.equal(e.ES_URL, `https://${es.name}-es-http.${es.namespace}.svc:9200`);
      assert.equal(e.ES_USERNAME, "elastic");
      assert.deepEqual(e.ES_PASSWORD, { secretKeyRef: { name: `${es.name}-es-elastic-user`, key: "elastic" } });
      const ca = job.spec.template.spec.volumes.find((v: any) => v.name === "ca");
      assert.equal(ca.secret.secretName, `${es.name}-es-http-certs-public`);
      assert.match(containerOf(job).command[2], /--cacert "\/etc\/elasticsearch-ilm\/ca\/tls\.crt"/);
      assert.ok((c.waves.get("elasticsearch-ilm") ?? -1) > (c.waves.get("databases") ?? -1), "after the ECK instance");
    }
  });

  test("the Job runs restricted: non-root, read-only root, no capabilities, no token, no sidecar; image pinned", () => {
    for (const env of ENVIRONMENTS) {
      for (const c of (rendered[env] as Rendered).clusters) {
        const job = json<any>(find(c, "Job", ILM_JOB));
        const pod = job.spec.template.spec;
        const container = containerOf(job);
        assert.equal(container.image, CURL_IMAGE);
        assert.match(
          container.image,
          /^ghcr\.io\/curl\/curl-container\/curl-multi:\d+\.\d+\.\d+$/,
          "an official image pinned by tag",
        );
        assert.equal(pod.securityContext.runAsNonRoot, true);
        assert.ok(pod.securityContext.runAsUser > 0);
        assert.deepEqual(pod.securityContext.seccompProfile, { type: "RuntimeDefault" });
        assert.equal(pod.automountServiceAccountToken, false);
        assert.equal(pod.restartPolicy, "Never");
        assert.deepEqual(container.securityContext, {
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          runAsNonRoot: true,
          capabilities: { drop: ["ALL"] },
        });
        assert.equal(job.spec.template.metadata.labels["sidecar.istio.io/inject"], "false");
        assert.ok(job.spec.backoffLimit >= 1 && job.spec.activeDeadlineSeconds > 0);
      }
    }
  });

  test("dev: ILM without the database operators (the ECK instance) is a configuration error naming the flag", () => {
    const file = join(REPO, "environments", "dev.yaml");
    const config = parseEnvironment(readFileSync(file, "utf8"), file);
    config.gitops.addons["database-operators"] = { enabled: false };
    const findings = gitopsFindings(config, file).filter((f) => f.severity === "error");
    assert.ok(
      findings.some((f) => f.path === "gitops.addons.database-operators.enabled" && /elasticsearch-ilm needs it/.test(f.message)),
      JSON.stringify(findings),
    );
  });
});

describe("the ILM script, run against a stand-in curl", () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "plugilo-ilm-"));
    // A curl that records its arguments and answers with $FAKE_STATUS (or fails like curl without a connection).
    mkdirSync(join(dir, "bin"));
    writeFileSync(
      join(dir, "bin", "curl"),
      [
        "#!/bin/sh",
        'printf "%s\\n" "$*" >> "$CALLS"',
        'if [ "$FAKE_STATUS" = "none" ]; then echo "curl: (7) Failed to connect" >&2; exit 7; fi',
        'out=""; prev=""',
        'for a in "$@"; do [ "$prev" = "--output" ] && out="$a"; prev="$a"; done',
        'printf "{\\"answer\\":%s}" "$FAKE_STATUS" > "$out"',
        'printf "%s" "$FAKE_STATUS"',
      ].join("\n"),
    );
    chmodSync(join(dir, "bin", "curl"), 0o755);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const run = (env: (typeof ENVIRONMENTS)[number], status: string) => {
    const ilm = (rendered[env] as Rendered).model.data.elasticIlm;
    assert.ok(ilm);
    const work = mkdtempSync(join(dir, "work-"));
    const policies = join(work, "policies");
    mkdirSync(policies);
    for (const [file, body] of Object.entries(policyFiles(ilm))) writeFileSync(join(policies, file), body);
    const calls = join(work, "calls");
    const result = spawnSync("/bin/sh", ["-c", ilmScript(ilm)], {
      encoding: "utf8",
      env: {
        PATH: `${join(dir, "bin")}:/usr/bin:/bin`,
        POLICY_DIR: policies,
        WORK_DIR: work,
        ES_URL: "https://es.example.test",
        ES_USERNAME: "elastic",
        ES_PASSWORD: "s3cret-password",
        FAKE_STATUS: status,
        CALLS: calls,
      },
    });
    let lines: string[] = [];
    try {
      lines = readFileSync(calls, "utf8").trim().split("\n");
    } catch {}
    return { ilm, result, lines, header: readFileSync(join(work, "auth-header"), "utf8") };
  };

  test("200 for every policy: exit 0, one PUT per policy with its JSON file, credentials only in a header file", () => {
    for (const env of ["prod", "dev"] as const) {
      const { ilm, result, lines, header } = run(env, "200");
      assert.equal(result.status, 0, result.stderr);
      assert.equal(lines.length, ilm.policies.length);
      ilm.policies.forEach((p, i) => {
        const call = lines[i] as string;
        assert.match(call, /--request PUT/);
        assert.ok(call.endsWith(`https://es.example.test/_ilm/policy/${p.name}`), call);
        assert.match(call, new RegExp(`--data-binary @.*/policies/${p.name}\\.json`));
        assert.doesNotMatch(call, /s3cret-password/, "the password is not on the command line");
      });
      assert.equal(header, `Authorization: Basic ${Buffer.from("elastic:s3cret-password").toString("base64")}\n`);
      assert.match(result.stdout, /HTTP 200/);
    }
  });

  test("any answer but 2xx fails the Job at the first policy and prints Elasticsearch's answer", () => {
    for (const status of ["400", "401", "404", "302", "500"]) {
      const { result, lines } = run("prod", status);
      assert.equal(result.status, 1, `HTTP ${status}`);
      assert.equal(lines.length, 1, "stops at the first failure");
      assert.match(result.stderr, new RegExp(`HTTP ${status}`));
      assert.match(result.stderr, new RegExp(`"answer":${status}`));
    }
  });

  test("no connection after curl's retries fails the Job", () => {
    const { result } = run("dev", "none");
    assert.notEqual(result.status, 0);
    assert.match(result.stderr, /Failed to connect/);
  });
});

describe("PgBouncer: the built-in one on the server, its settings in the clusters", () => {
  test("staging and prod: a ConfigMap with the writer endpoint, port 6432 and verify-full, mirrored to the services", () => {
    for (const env of ["staging", "prod"] as const) {
      const { model, clusters } = rendered[env] as Rendered;
      const p = model.data.pgbouncer;
      assert.ok(p && p.kind === "built-in");
      assert.equal(p.port, 6432);
      assert.equal(p.host, model.data.postgresql?.virtualEndpoint?.writerHost);
      for (const c of clusters) {
        const cm: any = json<any>(find(c, "ConfigMap", p.clientConfig.name));
        assert.equal(cm.metadata.namespace, p.clientConfig.namespace);
        assert.deepEqual(cm.data, {
          PGHOST: p.host,
          PGPORT: "6432",
          PGSSLMODE: "verify-full",
          PGSSLROOTCERT: "system",
          PGBOUNCER_POOL_MODE: p.poolMode,
        });
        const a = cm.metadata.annotations;
        assert.equal(a["reflector.v1.k8s.emberstack.com/reflection-allowed"], "true");
        assert.equal(a["reflector.v1.k8s.emberstack.com/reflection-auto-enabled"], "true");
        const serviceNamespaces = c.services.map((s) => s.namespace).sort();
        assert.equal(a["reflector.v1.k8s.emberstack.com/reflection-auto-namespaces"], serviceNamespaces.join(","));
        assert.ok((c.waves.get("postgresql-pooler") ?? -1) > (c.waves.get("reflector") ?? -1));
      }
    }
  });

  test("no cluster runs a PgBouncer, a password userlist or a token-refresher image", () => {
    for (const env of ENVIRONMENTS) {
      for (const c of (rendered[env] as Rendered).clusters) {
        assert.ok(!c.releases.some((r) => /pgbouncer/i.test(r.release.chart.chart)), `${env}/${c.cluster}`);
        for (const f of c.files) {
          const text = toYaml(f);
          assert.doesNotMatch(text, /pgbouncer-userlist|pgbouncer-admin|mmalecki|azure-auth-pgbouncer|icoretech/, f.path);
        }
      }
    }
  });

  test("dev has no managed PostgreSQL, so no pooler settings", () => {
    for (const c of (rendered.dev as Rendered).clusters) {
      assert.equal(objectsOf(c, "ConfigMap").filter((o) => o.metadata?.name === "postgresql-pooler").length, 0);
    }
  });

  test("the data tier's model no longer names the third-party image anywhere", () => {
    const dir = join(REPO, "packages/model/src/data");
    for (const file of readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts"))) {
      assert.doesNotMatch(readFileSync(join(dir, file), "utf8"), /mmalecki|azure-auth-pgbouncer/, file);
    }
  });
});
