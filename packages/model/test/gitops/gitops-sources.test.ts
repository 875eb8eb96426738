/** The GitOps egress catalogue and its resolution: named hosts only, derived from the add-on flags. */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { loadModel, resolveConfig } from "../../src/core/resolve.ts";
import { ADDON_CHARTS, ADDON_NAMES, ADDON_SOURCES, ADDONS } from "../../src/gitops/addon-catalogue.ts";
import { DATA_OPERATORS } from "../../src/gitops/addons/database-operators.ts";
import { resolveGitopsSources } from "../../src/gitops/gitops-sources.ts";
import { ARGO_CD_IMAGES, chartRepositoryHosts, gitRepositoryHosts, IMAGE_REGISTRIES } from "../../src/gitops/registries.ts";
import { configOf, ENVIRONMENTS } from "../helpers.ts";

// A host name, never a wildcard or a URL: the firewall opens exactly these.
const HOST = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,}$/;

describe("catalogue", () => {
  test("every host is a plain host name (no wildcard, scheme or path)", () => {
    const hosts = [
      ...Object.values(IMAGE_REGISTRIES).flatMap((r) => r.hosts),
      ...Object.values(ADDON_CHARTS).flatMap(chartRepositoryHosts),
      ...DATA_OPERATORS.flatMap((o) => chartRepositoryHosts({ repoURL: o.helm.repository })),
    ];
    for (const host of hosts) assert.match(host, HOST);
  });

  test("every add-on with Helm releases names its charts, and every source cites where it was read", () => {
    for (const name of ADDON_NAMES) {
      const spec = ADDON_SOURCES[name];
      if (ADDONS[name].releases.length > 0) {
        assert.ok(spec.charts.length > 0, `${name} has releases but no chart`);
        assert.ok(spec.images.length > 0, `${name} runs pods but pulls from no registry`);
      }
      for (const pull of [...spec.images, ...ARGO_CD_IMAGES]) assert.ok(pull.source.length > 0, `${name}: ${pull.images}`);
    }
  });

  test("an OCI chart repository is opened like its registry; chart-releaser repositories add GitHub's release hosts", () => {
    assert.deepEqual(chartRepositoryHosts(ADDON_CHARTS.reflector), [...IMAGE_REGISTRIES["ghcr.io"].hosts]);
    const rollouts = chartRepositoryHosts(ADDON_CHARTS.argoRollouts);
    for (const host of ["argoproj.github.io", "github.com", "release-assets.githubusercontent.com"]) {
      assert.ok(rollouts.includes(host), host);
    }
    assert.deepEqual(chartRepositoryHosts(ADDON_CHARTS.keda), ["kedacore.github.io"]);
  });

  test("the GitOps repository's host comes from argocd.repoUrl", () => {
    assert.deepEqual(gitRepositoryHosts("https://github.com/plugilo/platform.git"), ["github.com", "api.github.com"]);
    assert.deepEqual(gitRepositoryHosts("https://dev.azure.com/plugilo/platform/_git/platform"), ["dev.azure.com"]);
  });
});

describe("resolution from the add-on flags", () => {
  for (const env of ENVIRONMENTS) {
    test(`${env}: every cluster's node subnet is a source, in its own region`, () => {
      const model = loadModel(env);
      const sources = model.firewallPolicy.gitopsSources.sourceSubnets;
      assert.equal(sources.length, model.clusters.length);
      for (const cluster of model.clusters) {
        const nodes = model.vnets.find((v) => v.cluster === cluster.name)?.subnets.find((s) => s.kind === "aksNodes");
        assert.deepEqual(
          sources.find((s) => s.cluster === cluster.name),
          { cluster: cluster.name, region: cluster.region, cidr: nodes?.cidr },
        );
      }
    });
  }

  test("an add-on that is off on every cluster adds none of its own hosts; on in one cluster, it adds them", () => {
    const dev = configOf("dev");
    const on = resolveGitopsSources(dev, loadModel("dev").vnets);
    assert.ok(on.fqdns.includes("pkgs.tailscale.com"));
    assert.ok(on.groups.some((g) => g.name === "tailscale"));

    dev.gitops.addons.tailscale = { enabled: false };
    const off = resolveConfig(dev, "dev.yaml").firewallPolicy.gitopsSources;
    assert.ok(!off.fqdns.includes("pkgs.tailscale.com"));
    assert.ok(!off.groups.some((g) => g.name === "tailscale"));
    // Docker Hub stays: Istio and Reflector pull from it too.
    assert.ok(off.fqdns.includes("registry-1.docker.io"));

    (dev.clusters[1] as (typeof dev.clusters)[number]).addons = { tailscale: { enabled: true } };
    const one = resolveConfig(dev, "dev.yaml").firewallPolicy.gitopsSources;
    assert.ok(one.fqdns.includes("pkgs.tailscale.com"));
  });

  test("prod (managed data, AVD) opens neither the database operators' nor Tailscale's hosts", () => {
    const prod = loadModel("prod").firewallPolicy.gitopsSources;
    for (const host of [
      "pkgs.tailscale.com",
      "helm.elastic.co",
      "docker.elastic.co",
      "cloudnative-pg.github.io",
      "mongodb.github.io",
      "ot-container-kit.github.io",
    ]) {
      assert.ok(!prod.fqdns.includes(host), host);
    }
    assert.ok(!prod.groups.some((g) => g.name === "database-operators" || g.name === "tailscale"));
  });

  test("dev's in-cluster databases open the operators' chart repositories and registries, ECK's included", () => {
    const dev = loadModel("dev").firewallPolicy.gitopsSources;
    const operators = dev.groups.find((g) => g.name === "database-operators");
    assert.ok(operators);
    for (const o of DATA_OPERATORS) assert.ok(operators.chartHosts.includes(new URL(o.helm.repository).hostname), o.operator);
    for (const registry of ["docker.elastic.co", "quay.io", "ghcr.io"] as const) {
      for (const host of IMAGE_REGISTRIES[registry].hosts) assert.ok(operators.imageHosts.includes(host), host);
    }
  });
});
