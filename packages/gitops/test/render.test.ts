/**
 * Must show: deploy/ is up to date in the committed tree, and the render is deterministic. Also: both
 * clusters of an environment get the same manifests except their own values.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, test } from "node:test";
import { loadModel } from "@plugilo/model";
import { checkDeploy, renderFiles, writeDeploy } from "../src/deploy-folder.ts";
import { renderEnvironment } from "../src/render.ts";
import { ENVIRONMENTS, REPO, type Rendered, renderAll } from "./helpers.ts";

let rendered: ReturnType<typeof renderAll>;
let files: Map<string, string>;
before(() => {
  rendered = renderAll();
  files = renderFiles(ENVIRONMENTS.flatMap((env) => (rendered[env] as Rendered).clusters));
});

test("deploy/ in the repository is what the code renders (run `npm run plugilo -- render` after a change)", () => {
  const drift = checkDeploy(REPO, ENVIRONMENTS, files);
  assert.deepEqual(drift, [], drift.map((d) => `${d.problem}: ${d.path}`).join("\n"));
});

test("rendering twice gives the same bytes", () => {
  const again = renderFiles(ENVIRONMENTS.flatMap((env) => renderEnvironment(loadModel(env))));
  assert.deepEqual([...again.keys()], [...files.keys()]);
  for (const [path, content] of files) assert.equal(again.get(path), content, path);
});

test("checkDeploy finds missing, stale and extra files; writeDeploy replaces the folder", () => {
  const dir = mkdtempSync(join(tmpdir(), "plugilo-deploy-"));
  try {
    const one = new Map([...files].filter(([p]) => p.startsWith("deploy/dev/")).slice(0, 3));
    assert.equal(checkDeploy(dir, ["dev"], one).filter((d) => d.problem === "missing").length, 3);
    writeDeploy(dir, ["dev"], one);
    assert.deepEqual(checkDeploy(dir, ["dev"], one), []);
    const [first] = [...one.keys()];
    writeFileSync(join(dir, first as string), "changed by hand\n");
    writeFileSync(join(dir, "deploy/dev/leftover.yaml"), "kind: Old\n");
    assert.deepEqual(
      checkDeploy(dir, ["dev"], one)
        .map((d) => `${d.problem} ${d.path}`)
        .sort(),
      ["extra deploy/dev/leftover.yaml", `stale ${first}`],
    );
    writeDeploy(dir, ["dev"], one);
    assert.deepEqual(checkDeploy(dir, ["dev"], one), [], "stale and extra files are gone");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("both clusters get the same manifests, except the cluster's own values", () => {
  for (const env of ENVIRONMENTS) {
    const { model, clusters } = rendered[env] as Rendered;
    const [a, b] = clusters;
    assert.ok(a && b);
    const own = (name: string) => {
      const c = model.clusters.find((x) => x.name === name);
      const vnet = model.vnets.find((v) => v.key === c?.vnetKey);
      const subnet = vnet?.subnets.find((s) => s.kind === "aksNodes");
      if (!c || !vnet || !subnet) throw new Error(name);
      // Longest first, so a name inside another is replaced after it.
      // Each cluster's services use their own region's Redis cache (active geo-replication).
      const caches = model.data.redis?.caches ?? [];
      const redis = (caches.find((r) => r.region === c.region) ?? caches[0])?.hostName;
      return [c.aks.nodeSubnetId, subnet.name, c.ingressIp, c.region, c.name, ...(redis ? [redis] : [])].sort(
        (x, y) => y.length - x.length,
      );
    };
    const normalize = (text: string, values: string[]) => values.reduce((t, v, i) => t.split(v).join(`<cluster-${i}>`), text);
    const byRel = (c: typeof a) =>
      new Map(
        [...files]
          .filter(([p]) => p.startsWith(`${c.path}/`) || p.startsWith(`deploy/${env}/services/${c.cluster}/`))
          .map(([p, t]) => [p.replace(`/${c.cluster}/`, "/<cluster>/"), normalize(t, own(c.cluster))]),
      );
    const fa = byRel(a);
    const fb = byRel(b);
    // The runners run in one cluster only; everything else exists in both.
    const runnersOnly = (p: string) =>
      p.includes("/actions-runner-controller/") ||
      p.includes("actions-runner-controller-charts") ||
      p.endsWith("/namespace-arc-system.yaml") ||
      // Each scale set's own namespace (arc-<set>); a build set's is the cluster stack's, the others GitOps renders.
      /\/namespace-arc-[a-z0-9-]+\.yaml$/.test(p);
    assert.deepEqual(
      [...fa.keys()].filter((p) => !runnersOnly(p)),
      [...fb.keys()].filter((p) => !runnersOnly(p)),
      env,
    );
    for (const [p, text] of fa) {
      if (
        runnersOnly(p) ||
        p.includes("/addons/istio/") ||
        p.includes("/node-pools/") ||
        p.includes("argocd/appproject-platform") ||
        // The platform store serves the runners' namespaces only where the runners run.
        p.endsWith("/clustersecretstore-azure-key-vault.yaml")
      )
        continue;
      // Zone spread differs only where one region has zones and the other not: compare the rest.
      if (text.includes("topology.kubernetes.io/zone")) continue;
      assert.equal(fb.get(p), text, `${env}: ${p}`);
    }
  }
});

test("`plugilo render --check` exits 0 on the committed tree", () => {
  const run = spawnSync(process.execPath, [join(REPO, "packages/cli/src/main.ts"), "render", "--check"], {
    cwd: REPO,
    encoding: "utf8",
  });
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /up to date/);
});
