/** no-retired-vm-sizes: passing and violating fixtures, in every place a VM size can appear. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { loadModel, RETIRED_VM_FAMILIES } from "@plugilo/model";
import { noRetiredVmSizes } from "@plugilo/policy";
import { plannedResource } from "./helpers.ts";

const model = loadModel("dev");
const resource = (type: string, inputs: Record<string, unknown>) => plannedResource("dev", type, inputs, { stack: "app1" });

describe("no-retired-vm-sizes", () => {
  it("passes current sizes, including the NCv3 replacement and the F v6 family", () => {
    const cluster = resource("azure-native:containerservice:ManagedCluster", {
      agentPoolProfiles: [{ name: "system", vmSize: "Standard_D4ds_v5" }, { vmSize: "Standard_E8s_v6" }],
    });
    const karpenter = resource("kubernetes:karpenter.sh/v1:NodePool", {
      spec: { requirements: [{ key: "karpenter.azure.com/sku-name", values: ["Standard_NC4as_T4_v3", "Standard_F8as_v6"] }] },
    });
    assert.deepEqual(noRetiredVmSizes.check(cluster, model), []);
    assert.deepEqual(noRetiredVmSizes.check(karpenter, model), []);
  });

  it("fails the design's retired GPU size in an agent pool, naming where it is and what replaces it", () => {
    const messages = noRetiredVmSizes.check(
      resource("azure-native:containerservice:AgentPool", { vmSize: "Standard_NC6s_v3" }),
      model,
    );
    assert.equal(messages.length, 1);
    assert.match(messages[0] ?? "", /^vmSize: Standard_NC6s_v3 is a NCv3 size, retired on 2025-09-30.*NCasT4_v3/);
  });

  it("finds retired sizes anywhere: nested lists, Kubernetes objects, Helm values text, any provider", () => {
    const helm = resource("kubernetes:helm.sh/v3:Release", {
      values: { nodeSelector: { "node.kubernetes.io/instance-type": "Standard_DS2_v2" } },
      manifest: "vmSize: Standard_F4s_v2\nother: Standard_D4ds_v5",
    });
    const pools = resource("azure-native:containerservice:ManagedCluster", {
      agentPoolProfiles: [{ vmSize: "Standard_D4ds_v5" }, { name: "gpu", vmSize: "Standard_NC6s_v3" }],
    });
    assert.match(
      noRetiredVmSizes.check(pools, model)[0] ?? "",
      /^agentPoolProfiles\[1\]\.vmSize: Standard_NC6s_v3 is a NCv3 size/,
    );
    const messages = noRetiredVmSizes.check(helm, model);
    assert.equal(messages.length, 2);
    assert.match(messages[0] ?? "", /^values\.nodeSelector\.node\.kubernetes\.io\/instance-type: Standard_DS2_v2 is a Dsv2 size/);
    assert.match(messages[1] ?? "", /^manifest: Standard_F4s_v2 is a Fsv2 size/);
  });

  it("knows every family of the list by an example size, and passes their successors", () => {
    const examples: Record<string, string> = {
      NCv3: "Standard_NC24rs_v3",
      "D (v1)": "Standard_D2",
      "Ds (v1)": "Standard_DS3",
      Dv2: "Standard_D3_v2",
      Dsv2: "Standard_DS13-2_v2",
      "F / Fs": "Standard_F8s",
      Fsv2: "Standard_F16s_v2",
      Av2: "Standard_A4m_v2",
      "B (v1)": "Standard_B2ms",
    };
    assert.deepEqual(RETIRED_VM_FAMILIES.map((f) => f.family).sort(), Object.keys(examples).sort());
    for (const f of RETIRED_VM_FAMILIES) {
      assert.ok(f.source.startsWith("https://learn.microsoft.com/"), f.family);
      const messages = noRetiredVmSizes.check(
        resource("azure-native:compute:VirtualMachine", { size: examples[f.family] }),
        model,
      );
      assert.equal(messages.length, 1, f.family);
    }
    for (const current of [
      "Standard_D2s_v3",
      "Standard_B2s_v2",
      "Standard_D4as_v5",
      "Standard_NC8as_T4_v3",
      "Standard_E4ds_v5",
    ]) {
      assert.deepEqual(
        noRetiredVmSizes.check(resource("azure-native:compute:VirtualMachine", { size: current }), model),
        [],
        current,
      );
    }
  });
});
