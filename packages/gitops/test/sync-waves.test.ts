/** Must show: sync waves that respect dependencies. */
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { SYNC_WAVE, syncWaves } from "../src/sync-waves.ts";
import { ENVIRONMENTS, type Rendered, renderAll } from "./helpers.ts";

let rendered: ReturnType<typeof renderAll>;
before(() => {
  rendered = renderAll();
});

describe("syncWaves", () => {
  test("a wave is one more than the highest wave waited for", () => {
    const waves = syncWaves([
      { name: "c", after: ["a", "b"] },
      { name: "a", after: [] },
      { name: "b", after: ["a"] },
    ]);
    assert.deepEqual(Object.fromEntries(waves), { a: 0, b: 1, c: 2 });
  });
  test("a cycle and a missing dependency are errors", () => {
    assert.throws(
      () =>
        syncWaves([
          { name: "a", after: ["b"] },
          { name: "b", after: ["a"] },
        ]),
      /cycle/,
    );
    assert.throws(() => syncWaves([{ name: "a", after: ["x"] }]), /not rendered/);
  });
});

describe("every dependency is in an earlier wave, and every object of a cluster folder has a wave", () => {
  for (const env of ENVIRONMENTS) {
    test(env, () => {
      for (const c of (rendered[env] as Rendered).clusters) {
        for (const [name, after] of c.after) {
          for (const dep of after)
            assert.ok((c.waves.get(dep) as number) < (c.waves.get(name) as number), `${c.cluster}: ${dep} before ${name}`);
        }
        for (const f of c.files.filter((x) => x.path.startsWith(`${c.path}/`))) {
          assert.match(f.object.metadata?.annotations?.[SYNC_WAVE] ?? "", /^-?\d+$/, f.path);
        }
      }
    });
  }
});

test("the platform's order: Istio, secrets, certificates, then the services", () => {
  for (const env of ENVIRONMENTS) {
    for (const c of (rendered[env] as Rendered).clusters) {
      const w = (n: string) => c.waves.get(n) as number;
      assert.ok(w("istio-base") < w("istiod") && w("istiod") < w("istio-ingress"), "base, istiod, gateway");
      assert.ok(w("istiod") < w("istio-mesh"), "PeerAuthentication after its CRD");
      assert.ok(w("external-secrets") < w("external-secrets-store"), "the store after the operator");
      assert.ok(w("cert-manager") < w("cert-manager-issuer") && w("cert-manager-issuer") < w("istio-gateway"));
      assert.ok(w("cert-manager") < w("open-feature-operator"), "the operator's webhook certificate");
      const platform = [...c.waves].filter(([n]) => !n.startsWith("service-")).map(([, v]) => v);
      for (const [n, v] of c.waves)
        if (n.startsWith("service-")) assert.ok(v > Math.min(...platform) && v >= w("istio-gateway"), n);
      // Argo CD's own objects come first.
      for (const f of c.files.filter((x) => ["AppProject", "Namespace"].includes(x.object.kind))) {
        assert.equal(f.object.metadata?.annotations?.[SYNC_WAVE], "-1", f.path);
      }
    }
  }
});
