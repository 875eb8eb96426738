/**
 * Burst capacity is an explicit choice per cluster (docs/adr/0035): spot nodes through Node Auto Provisioning
 * (the default, on Overlay + Cilium), or virtual nodes v2 (ACI), which need node-subnet networking, Calico or
 * no policy, and no NAP. The accepted combinations resolve and plan; every incompatible one is rejected with a
 * message naming the field.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import {
  ConfigError,
  type ConfigFinding,
  type EnvironmentConfig,
  type EnvironmentModel,
  loadEnvironment,
  resolveConfig,
} from "@plugilo/model";
import { type PlanResult, planEnvironment } from "@plugilo/plan";

type ClusterEntry = EnvironmentConfig["clusters"][number];

/** The prod configuration with clusters[1] (app2) changed. */
function withApp2(change: (c: ClusterEntry) => void): EnvironmentConfig {
  const config = structuredClone(loadEnvironment("prod").config);
  change(config.clusters[1] as ClusterEntry);
  return config;
}

function errorsOf(config: EnvironmentConfig): ConfigFinding[] {
  try {
    resolveConfig(config, "environments/prod.yaml");
  } catch (e) {
    if (e instanceof ConfigError) return e.findings.filter((f) => f.severity === "error");
    throw e;
  }
  return [];
}

const virtualNodes = (c: ClusterEntry) => {
  c.burst = "virtual-nodes";
  c.userPool = { vmSize: "Standard_D4ds_v5", count: 2 };
};

describe("burst: accepted combinations", () => {
  let model: EnvironmentModel;
  let plan: PlanResult;
  before(async () => {
    model = resolveConfig(withApp2(virtualNodes), "environments/prod.yaml");
    plan = await planEnvironment(model, { only: ["app2"] });
  });

  it("defaults to spot through Node Auto Provisioning on Overlay + Cilium", () => {
    const prod = resolveConfig(structuredClone(loadEnvironment("prod").config), "environments/prod.yaml");
    for (const c of prod.clusters) {
      assert.equal(c.aks.burst, "spot");
      assert.equal(c.aks.nodeProvisioning, "auto");
      assert.deepEqual(
        [c.aks.network.podNetwork, c.aks.network.dataplane, c.aks.network.policy],
        ["overlay", "cilium", "cilium"],
      );
      assert.ok(c.workloadClasses.some((w) => w.name === "spot" && w.capacityType === "spot"));
    }
  });

  it("accepts burst: virtual-nodes with its defaults, and warns that virtual nodes v2 are a preview", () => {
    const app2 = model.clusters[1];
    assert.equal(app2?.aks.burst, "virtual-nodes");
    assert.deepEqual(
      [app2?.aks.network.podNetwork, app2?.aks.network.dataplane, app2?.aks.network.policy, app2?.aks.nodeProvisioning],
      ["node-subnet", "azure", "calico", "manual"],
    );
    assert.deepEqual(app2?.workloadClasses, [], "no NodePools without NAP");
    assert.ok(model.warnings.some((w) => w.path === "clusters[1].burst" && /preview/.test(w.message)));
    // The other cluster keeps its own choice.
    assert.equal(model.clusters[0]?.aks.burst, "spot");
  });

  it("accepts virtual nodes with no network policy as well", () => {
    assert.deepEqual(
      errorsOf(
        withApp2((c) => {
          virtualNodes(c);
          c.network = { policy: "none" };
        }),
      ),
      [],
    );
  });

  it("plans a virtual-nodes cluster with node-subnet networking, Calico, a fixed pool and the extension", () => {
    assert.deepEqual(
      plan.findings.filter((f) => f.severity === "error"),
      [],
    );
    const mc = plan.resources.find((r) => r.type === "azure-native:containerservice:ManagedCluster");
    const net = mc?.inputs.networkProfile as Record<string, unknown>;
    assert.equal(net.networkPlugin, "azure");
    assert.equal(net.networkPluginMode, undefined, "no Overlay");
    assert.equal(net.networkDataplane, "azure");
    assert.equal(net.networkPolicy, "calico");
    assert.equal(net.outboundType, "userDefinedRouting");
    assert.deepEqual(mc?.inputs.nodeProvisioningProfile, { mode: "Manual", defaultNodePools: "None" });
    const pools = mc?.inputs.agentPoolProfiles as Record<string, unknown>[];
    assert.deepEqual(
      pools.map((p) => [p.name, p.mode, p.enableAutoScaling]),
      [
        ["system", "System", false],
        ["workload", "User", false],
      ],
    );
    const extension = plan.resources.find((r) => r.type === "azure-native:kubernetesconfiguration:Extension");
    assert.equal(extension?.inputs.extensionType, "Microsoft.virtualnodes");
  });
});

describe("burst: rejected combinations", () => {
  const cases: { name: string; change: (c: ClusterEntry) => void; path: string; contains: RegExp }[] = [
    {
      name: "virtual nodes with Azure CNI Overlay",
      change: (c) => {
        virtualNodes(c);
        c.network = { podNetwork: "overlay" };
      },
      path: "clusters[1].network.podNetwork",
      contains: /virtual nodes v2 do not support Azure CNI Overlay/,
    },
    {
      name: "virtual nodes with the Cilium dataplane",
      change: (c) => {
        virtualNodes(c);
        c.network = { dataplane: "cilium", policy: "cilium" };
      },
      path: "clusters[1].network.dataplane",
      contains: /Cilium dataplane/,
    },
    {
      name: "virtual nodes with Cilium network policy",
      change: (c) => {
        virtualNodes(c);
        c.network = { policy: "cilium" };
      },
      path: "clusters[1].network.policy",
      contains: /Calico or no network policy/,
    },
    {
      name: "virtual nodes with Node Auto Provisioning",
      change: (c) => {
        virtualNodes(c);
        delete c.userPool;
        c.nodeProvisioning = "auto";
      },
      path: "clusters[1].nodeProvisioning",
      contains: /replaces Node Auto Provisioning/,
    },
    {
      name: "spot burst without Node Auto Provisioning",
      change: (c) => {
        c.nodeProvisioning = "manual";
        c.userPool = { vmSize: "Standard_D4ds_v5", count: 2 };
      },
      path: "clusters[1].nodeProvisioning",
      contains: /nodeProvisioning must be auto/,
    },
    {
      name: "Node Auto Provisioning with Calico",
      change: (c) => {
        c.network = { dataplane: "azure", policy: "calico" };
      },
      path: "clusters[1].network.policy",
      contains: /does not support Calico/,
    },
    {
      name: "a fixed pool beside Node Auto Provisioning",
      change: (c) => {
        c.userPool = { vmSize: "Standard_D4ds_v5", count: 2 };
      },
      path: "clusters[1].userPool",
      contains: /remove userPool/,
    },
    {
      name: "virtual nodes on a pool too small for their reservation",
      change: (c) => {
        virtualNodes(c);
        c.userPool = { vmSize: "Standard_D2ds_v5", count: 2 };
      },
      path: "clusters[1].userPool.vmSize",
      contains: /at least 4 vCPUs/,
    },
  ];
  for (const { name, change, path, contains } of cases) {
    it(`rejects ${name}, naming ${path}`, () => {
      const errors = errorsOf(withApp2(change));
      const at = errors.find((e) => e.path === path);
      assert.ok(at, `no error at ${path}; got ${JSON.stringify(errors.map((e) => [e.path, e.message]))}`);
      assert.match(at.message, contains);
      assert.equal(at.file, "environments/prod.yaml");
    });
  }

  it("names burst itself when a default it brings conflicts with an explicit choice", () => {
    const errors = errorsOf(
      withApp2((c) => {
        c.burst = "virtual-nodes";
        c.network = { podNetwork: "node-subnet", dataplane: "cilium" };
        c.userPool = { vmSize: "Standard_D4ds_v5", count: 1 };
      }),
    );
    assert.ok(errors.some((e) => e.path === "clusters[1].network.dataplane"));
    // Calico (the virtual-nodes default) against the explicit Cilium dataplane: the default came from burst.
    assert.ok(errors.some((e) => e.path === "clusters[1].burst" && /Cilium dataplane enforces/.test(e.message)));
  });
});
