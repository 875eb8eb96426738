/**
 * One add-on, one file: the catalogue's names are the files under src/gitops/addons/, in the renderer's order,
 * and every registry built from the list has exactly those names.
 */
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { describe, test } from "node:test";
import { ADDON_CHARTS, ADDON_NAMES, ADDON_SOURCES, ADDONS } from "../../src/gitops/addon-catalogue.ts";

const ADDONS_DIR = new URL("../../src/gitops/addons/", import.meta.url);
const RENDERERS_DIR = new URL("../../../gitops/src/addons/", import.meta.url);
const namesIn = (dir: URL) =>
  readdirSync(dir)
    .filter((f) => f.endsWith(".ts") && !["types.ts", "index.ts"].includes(f))
    .map((f) => f.slice(0, -3))
    .sort();

describe("the add-on catalogue", () => {
  test("lists the add-ons in the order the renderer and the firewall use", () => {
    assert.deepEqual(
      [...ADDON_NAMES],
      [
        "istio",
        "cert-manager",
        "keda",
        "external-secrets",
        "reloader",
        "reflector",
        "argo-rollouts",
        "tailscale",
        "actions-runner-controller",
        "openfeature",
        "postgresql-connection",
        "database-operators",
        "elasticsearch-ilm",
      ],
    );
  });

  test("has one model file and one renderer file per add-on, named after it", () => {
    assert.deepEqual(namesIn(ADDONS_DIR), [...ADDON_NAMES].sort());
    assert.deepEqual(namesIn(RENDERERS_DIR), [...ADDON_NAMES].sort());
  });

  test("every registry built from the list has exactly its names", () => {
    assert.deepEqual(Object.keys(ADDONS), [...ADDON_NAMES]);
    assert.deepEqual(Object.keys(ADDON_SOURCES), [...ADDON_NAMES]);
  });

  test("every dependency is an add-on of the list", () => {
    for (const [name, spec] of Object.entries(ADDONS)) {
      for (const dep of spec.dependsOn) assert.ok(ADDON_NAMES.includes(dep), `${name} depends on ${dep}`);
    }
  });

  test("the chart catalogue keeps the keys the renderer reads, and istio brings its three charts at one version", () => {
    assert.deepEqual(Object.keys(ADDON_CHARTS), [
      "istioBase",
      "istiod",
      "istioGateway",
      "certManager",
      "keda",
      "externalSecrets",
      "reloader",
      "reflector",
      "argoRollouts",
      "tailscaleOperator",
      "arcController",
      "arcRunnerScaleSet",
      "openFeatureOperator",
    ]);
    assert.deepEqual(
      [ADDON_CHARTS.istioBase.chart, ADDON_CHARTS.istiod.chart, ADDON_CHARTS.istioGateway.chart],
      ["base", "istiod", "gateway"],
    );
    assert.equal(new Set([ADDON_CHARTS.istioBase.version, ADDON_CHARTS.istiod.version]).size, 1);
  });

  test("what an add-on fetches is its own charts, or the data tier's operators for database-operators", () => {
    assert.deepEqual(
      ADDON_SOURCES.istio.charts.map((c) => c.repoURL),
      Array(3).fill("https://istio-release.storage.googleapis.com/charts"),
    );
    assert.deepEqual(
      ADDON_SOURCES["database-operators"].charts.map((c) => c.repoURL),
      [
        "https://cloudnative-pg.github.io/charts",
        "https://mongodb.github.io/helm-charts",
        "https://ot-container-kit.github.io/helm-charts",
        "https://helm.elastic.co",
      ],
    );
    assert.deepEqual(ADDON_SOURCES["postgresql-connection"], { charts: [], images: [] });
  });
});
