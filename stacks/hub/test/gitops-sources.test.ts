/**
 * GitOps egress in the planned firewall policies: for every environment, each cluster's node subnet may reach,
 * on 443 through its own region's firewall, every chart repository and image registry host of every add-on
 * enabled on any cluster, Argo CD's registries and the GitOps repository; a disabled add-on's hosts are absent.
 * The hub stack is planned once per environment.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import {
  ADDON_NAMES,
  ADDON_SOURCES,
  type AddonName,
  ARGO_CD_IMAGES,
  chartRepositoryHosts,
  DATA_OPERATORS,
  type EnvironmentModel,
  gitRepositoryHosts,
  IMAGE_REGISTRIES,
  type ImagePull,
  loadModel,
} from "@plugilo/model";
import { hasErrors, type PlanResult, planEnvironment } from "@plugilo/plan";

interface AppRule {
  ruleType: string;
  name: string;
  protocols: { protocolType: string; port: number }[];
  sourceAddresses: string[];
  targetFqdns?: string[];
  fqdnTags?: string[];
}

const ENVIRONMENTS = ["dev", "staging", "prod"] as const;
const planned: Record<string, { model: EnvironmentModel; plan: PlanResult }> = {};

before(async () => {
  for (const env of ENVIRONMENTS) {
    const model = loadModel(env);
    planned[env] = { model, plan: await planEnvironment(model, { only: ["hub"] }) };
  }
});

/** Every HTTPS host the policy of `region` allows from `cidr`, over all of its rule collection groups. */
function allowedFrom(plan: PlanResult, model: EnvironmentModel, region: string, cidr: string): Set<string> {
  const hub = model.hubs.find((h) => h.region === region);
  assert.ok(hub, `no hub in ${region}`);
  const groups = plan.resources.filter(
    (r) =>
      r.type === "azure-native:network:FirewallPolicyRuleCollectionGroup" &&
      r.inputs.firewallPolicyName === hub.firewallPolicyName,
  );
  const rules = groups.flatMap((g) => (g.inputs.ruleCollections as { rules: AppRule[] }[]).flatMap((c) => c.rules));
  return new Set(
    rules
      .filter((r) => r.ruleType === "ApplicationRule" && r.sourceAddresses.includes(cidr))
      .filter((r) => r.protocols.some((p) => p.protocolType === "Https" && p.port === 443))
      .flatMap((r) => r.targetFqdns ?? []),
  );
}

const registryHosts = (pulls: readonly ImagePull[]) => pulls.flatMap((p) => [...IMAGE_REGISTRIES[p.registry].hosts]);
const addonHosts = (name: AddonName) => [
  ...ADDON_SOURCES[name].charts.flatMap(chartRepositoryHosts),
  ...registryHosts(ADDON_SOURCES[name].images),
];
const enabledAnywhere = (model: EnvironmentModel) =>
  ADDON_NAMES.filter((name) => model.gitops.clusters.some((c) => c.addons[name].enabled));

function nodeSubnet(model: EnvironmentModel, cluster: string): string {
  const nodes = model.vnets.find((v) => v.cluster === cluster)?.subnets.find((s) => s.kind === "aksNodes");
  assert.ok(nodes, `no node subnet for ${cluster}`);
  return nodes.cidr;
}

for (const env of ENVIRONMENTS) {
  describe(`${env}: GitOps sources through the hub firewalls`, () => {
    it("plans without error findings", () => {
      assert.ok(!hasErrors(planned[env]?.plan as PlanResult), JSON.stringify(planned[env]?.plan.findings));
    });

    it("lets every cluster's nodes reach every chart repository and image registry host of every enabled add-on", () => {
      const { model, plan } = planned[env] as { model: EnvironmentModel; plan: PlanResult };
      const enabled = enabledAnywhere(model);
      assert.ok(enabled.length > 0);
      for (const cluster of model.clusters) {
        const allowed = allowedFrom(plan, model, cluster.region, nodeSubnet(model, cluster.name));
        for (const name of enabled) {
          for (const host of addonHosts(name)) assert.ok(allowed.has(host), `${cluster.name}: ${name} needs ${host}`);
        }
      }
    });

    it("lets every cluster's Argo CD reach its images and the GitOps repository", () => {
      const { model, plan } = planned[env] as { model: EnvironmentModel; plan: PlanResult };
      for (const cluster of model.clusters) {
        const allowed = allowedFrom(plan, model, cluster.region, nodeSubnet(model, cluster.name));
        const hosts = [...registryHosts(ARGO_CD_IMAGES), ...gitRepositoryHosts(cluster.argocd.repoUrl)];
        for (const host of hosts) assert.ok(allowed.has(host), `${cluster.name}: Argo CD needs ${host}`);
      }
    });

    it("adds no host of an add-on that is off on every cluster, unless an enabled one needs it too", () => {
      const { model, plan } = planned[env] as { model: EnvironmentModel; plan: PlanResult };
      const enabled = enabledAnywhere(model);
      const needed = new Set([
        ...enabled.flatMap(addonHosts),
        ...registryHosts(ARGO_CD_IMAGES),
        ...gitRepositoryHosts(model.config.argocd.repoUrl),
      ]);
      const group = plan.resources.filter((r) => r.inputs.ruleCollectionGroupName === "rcg-gitops-sources");
      assert.equal(group.length, new Set(model.clusters.map((c) => c.region)).size, "one group per firewall with clusters");
      for (const g of group) {
        const rules = (g.inputs.ruleCollections as { rules: AppRule[] }[]).flatMap((c) => c.rules);
        const names = rules.map((r) => r.name);
        for (const name of ADDON_NAMES.filter((n) => !enabled.includes(n))) assert.ok(!names.includes(name), name);
        for (const r of rules) {
          for (const host of r.targetFqdns ?? []) assert.ok(needed.has(host), `${r.name}: ${host} is opened for nothing enabled`);
        }
      }
    });
  });
}

describe("what differs between the environments", () => {
  it("dev (in-cluster databases) opens the operators' charts, ECK's registry and Elastic's chart repository", () => {
    const { model, plan } = planned.dev as { model: EnvironmentModel; plan: PlanResult };
    for (const cluster of model.clusters) {
      const allowed = allowedFrom(plan, model, cluster.region, nodeSubnet(model, cluster.name));
      for (const o of DATA_OPERATORS) {
        for (const host of chartRepositoryHosts({ repoURL: o.helm.repository }))
          assert.ok(allowed.has(host), `${o.operator}: ${host}`);
      }
      for (const host of IMAGE_REGISTRIES["docker.elastic.co"].hosts) assert.ok(allowed.has(host), `ECK: ${host}`);
      assert.ok(allowed.has("helm.elastic.co"));
    }
  });

  it("prod (managed data, AVD access) opens neither Elastic's registry nor the operators' nor Tailscale's hosts", () => {
    const { model, plan } = planned.prod as { model: EnvironmentModel; plan: PlanResult };
    for (const cluster of model.clusters) {
      const allowed = allowedFrom(plan, model, cluster.region, nodeSubnet(model, cluster.name));
      for (const host of [
        ...IMAGE_REGISTRIES["docker.elastic.co"].hosts,
        "helm.elastic.co",
        "cloudnative-pg.github.io",
        "mongodb.github.io",
        "ot-container-kit.github.io",
        "pkgs.tailscale.com",
      ]) {
        assert.ok(!allowed.has(host), `${cluster.name}: ${host}`);
      }
    }
  });

  it("names hosts only, HTTPS 443, and leaves a cluster through its own region's firewall only", () => {
    for (const env of ENVIRONMENTS) {
      const { model, plan } = planned[env] as { model: EnvironmentModel; plan: PlanResult };
      for (const g of plan.resources.filter((r) => r.inputs.ruleCollectionGroupName === "rcg-gitops-sources")) {
        const hub = model.hubs.find((h) => h.firewallPolicyName === g.inputs.firewallPolicyName);
        const own = model.clusters.filter((c) => c.region === hub?.region).map((c) => nodeSubnet(model, c.name));
        for (const r of (g.inputs.ruleCollections as { rules: AppRule[] }[]).flatMap((c) => c.rules)) {
          assert.deepEqual(r.protocols, [{ protocolType: "Https", port: 443 }]);
          assert.deepEqual(r.sourceAddresses, own);
          for (const host of r.targetFqdns ?? []) assert.ok(!host.includes("*"), host);
        }
      }
    }
  });
});
