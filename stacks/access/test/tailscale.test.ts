/**
 * Non-production (access.mode tailscale): Tailscale runs in the clusters, so the access layer plans nothing
 * in Azure and the firewalls carry no AVD rule. Development is planned once (access and hub stacks); staging
 * is checked on its model, which is all the access program reads.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { type EnvironmentModel, loadModel } from "@plugilo/model";
import { type PlanResult, planEnvironment } from "@plugilo/plan";

let dev: EnvironmentModel;
let plan: PlanResult;

before(async () => {
  dev = loadModel("dev");
  plan = await planEnvironment(dev, { only: ["hub", "access"] });
});

describe("access without Azure Virtual Desktop (tailscale)", () => {
  it("plans no AVD resource, no VM and no spoke in dev", () => {
    const access = plan.resources.filter((r) => r.stack === "access");
    const azure = access.filter((r) => r.type.startsWith("azure-native:") || r.type.startsWith("random:"));
    assert.deepEqual(
      azure.map((r) => r.type),
      [],
    );
    assert.deepEqual(plan.outputs.access, {
      mode: "tailscale",
      accessVnets: [],
      tailnetGroups: ["group:platform-admins", "group:developers"],
    });
  });

  it("applies the tailnet policy: tag owners, grants by group to the API server proxy, auto-approved routes, no *", () => {
    const acls = plan.resources.filter((r) => r.type === "tailscale:index/acl:Acl");
    assert.equal(acls.length, 1);
    assert.equal(acls[0]?.inputs.overwriteExistingContent, true);
    const policy = JSON.parse(String(acls[0]?.inputs.acl));
    // Tailscale's operator setup: the operator's client owns tag:k8s-operator, the operator owns tag:k8s.
    assert.deepEqual(policy.tagOwners, { "tag:k8s-operator": [], "tag:k8s": ["tag:k8s-operator"] });
    // dev's address space (environments/dev.yaml), advertised by the Connector (tag:k8s), approved automatically.
    assert.deepEqual(policy.autoApprovers, { routes: { "10.40.0.0/16": ["tag:k8s"] } });
    const proxy = policy.grants.filter((g: { dst: string[] }) => g.dst.includes("tag:k8s-operator"));
    assert.deepEqual(
      proxy.map((g: { src: string[]; ip: string[]; app: Record<string, { impersonate: { groups: string[] } }[]> }) => [
        g.src,
        g.ip,
        g.app["tailscale.com/cap/kubernetes"]?.[0]?.impersonate.groups,
      ]),
      [
        [["group:platform-admins"], ["tcp:443"], ["tailnet:platform-admins"]],
        [["group:developers"], ["tcp:443"], ["tailnet:developers"]],
      ],
    );
    for (const g of policy.grants as { src: string[]; dst: string[]; ip: string[] }[]) {
      assert.ok(
        g.src.every((s) => s.startsWith("group:")),
        `grant from ${g.src}`,
      );
      assert.ok(![...g.src, ...g.dst, ...g.ip].includes("*"), JSON.stringify(g));
    }
  });

  it("every group the proxy impersonates is bound to its ClusterRole in the rendered clusters (deploy/dev)", () => {
    for (const cluster of ["app1", "app2"]) {
      const dir = join(import.meta.dirname, "../../../deploy/dev", cluster, "addons/tailscale");
      const admins = readFileSync(join(dir, "clusterrolebinding-tailnet-platform-admins.yaml"), "utf8");
      assert.match(admins, /kind: ClusterRole\n {2}name: cluster-admin\n/);
      assert.match(admins, /kind: Group\n {4}name: tailnet:platform-admins\n/);
      const developers = readFileSync(join(dir, "clusterrolebinding-tailnet-developers.yaml"), "utf8");
      assert.match(developers, /kind: ClusterRole\n {2}name: view\n/);
      assert.match(developers, /kind: Group\n {4}name: tailnet:developers\n/);
    }
  });

  it("adds no AVD rule collection group to the dev firewalls", () => {
    const groups = plan.resources.filter((r) => r.stack === "hub" && typeof r.inputs.ruleCollectionGroupName === "string");
    assert.ok(groups.length > 0);
    assert.ok(!groups.some((g) => String(g.inputs.ruleCollectionGroupName).includes("avd")));
  });

  it("resolves no AVD and no access resource group for dev and staging", () => {
    for (const model of [dev, loadModel("staging")]) {
      assert.equal(model.config.access.mode, "tailscale");
      assert.equal(model.avd, undefined, model.name);
      assert.equal(model.firewallPolicy.avd, undefined, model.name);
      const layer = model.layers.find((l) => l.kind === "access");
      assert.deepEqual(layer?.resourceGroups, {}, model.name);
    }
  });
});
