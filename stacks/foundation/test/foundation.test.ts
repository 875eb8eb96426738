import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { type EnvironmentModel, loadModel } from "@plugilo/model";
import { type PlanResult, planEnvironment } from "@plugilo/plan";
import type { PlannedResource } from "@plugilo/policy";

let prod: EnvironmentModel;
let plan: PlanResult;
let dev: PlanResult;

const ofType = (p: PlanResult, type: string) => p.resources.filter((r) => r.type === `azure-native:${type}`);
/** The subscription a resource deploys into: the subscriptionId of its explicit provider. */
function subscriptionOf(p: PlanResult, r: PlannedResource): string | undefined {
  const provider = p.resources.find((x) => x.urn === r.provider);
  return provider?.inputs.subscriptionId as string | undefined;
}

before(async () => {
  prod = loadModel("prod");
  plan = await planEnvironment(prod, { only: ["foundation"] });
  dev = await planEnvironment(loadModel("dev"), { only: ["foundation"] });
});

describe("foundation layer", () => {
  it("plans without error findings", () => {
    assert.deepEqual(
      plan.findings.filter((f) => f.severity === "error"),
      [],
    );
    assert.deepEqual(
      dev.findings.filter((f) => f.severity === "error"),
      [],
    );
  });

  it("puts every subscription of the environment under its management group", () => {
    const [mg] = ofType(plan, "management:ManagementGroup");
    assert.equal(mg?.inputs.groupId, "mg-plugilo-prod");
    assert.deepEqual(mg?.inputs.details, { parent: { id: "/providers/Microsoft.Management/managementGroups/mg-plugilo" } });
    const joined = ofType(plan, "management:ManagementGroupSubscription").map((r) => subscriptionOf(plan, r));
    assert.deepEqual(joined.sort(), Object.values(prod.subscriptions).sort());
  });

  it("denies every location outside Germany at the management group", () => {
    const assignments = ofType(plan, "authorization:PolicyAssignment");
    const allowed = assignments.find((a) => a.inputs.policyAssignmentName === "allowed-locations");
    assert.equal(allowed?.inputs.scope, "/providers/Microsoft.Management/managementGroups/mg-plugilo-prod");
    assert.equal(
      allowed?.inputs.policyDefinitionId,
      "/providers/Microsoft.Authorization/policyDefinitions/e56962a6-4747-49cd-b67b-bf8b01975c4c",
    );
    assert.deepEqual(allowed?.inputs.parameters, { listOfAllowedLocations: { value: ["germanywestcentral", "germanynorth"] } });
    assert.ok(assignments.some((a) => a.inputs.policyAssignmentName === "allowed-rg-locations"));
  });

  it("guards prod's spoke subscriptions against public exposure (the policies: spoke-exposure.test.ts)", () => {
    const scopes = ofType(plan, "authorization:PolicyAssignment")
      .filter((a) => String(a.inputs.policyAssignmentName).startsWith("no-public-ip-"))
      .map((a) => a.inputs.scope);
    const s = prod.subscriptions;
    assert.deepEqual(scopes.sort(), [s.app1, s.app2, s.data, s.management].map((id) => `/subscriptions/${id}`).sort());
  });

  it("creates each layer's resource groups in the layer's subscription and region, protected outside dev", () => {
    const groups = ofType(plan, "resources:ResourceGroup");
    const expected = prod.layers.flatMap((l) => Object.values(l.resourceGroups).map((rg) => ({ ...rg, layer: l.name })));
    assert.equal(groups.length, expected.length);
    for (const rg of expected) {
      const planned = groups.find((g) => g.inputs.resourceGroupName === rg.name);
      assert.ok(planned, `resource group ${rg.name}`);
      assert.equal(planned.inputs.location, rg.location);
      assert.equal(subscriptionOf(plan, planned), rg.subscriptionId, `${rg.name} subscription`);
      assert.equal((planned.inputs.tags as Record<string, string>).layer, rg.layer);
      assert.equal(planned.protect, true);
    }
    assert.ok(ofType(dev, "resources:ResourceGroup").every((g) => !g.protect));
  });

  it("keeps one Log Analytics workspace per region, Entra ID only", () => {
    const workspaces = ofType(plan, "operationalinsights:Workspace");
    assert.deepEqual(workspaces.map((w) => w.inputs.location).sort(), ["germanynorth", "germanywestcentral"]);
    for (const w of workspaces) {
      assert.equal((w.inputs.features as Record<string, unknown>).disableLocalAuth, true);
      assert.equal(w.inputs.retentionInDays, 90);
    }
  });

  it("feeds Network Manager IPAM from the address plan: a pool per region block, a static CIDR per VNet", () => {
    const pools = ofType(plan, "network:IpamPool");
    for (const block of prod.addressPlan.regionBlocks) {
      const pool = pools.find(
        (p) =>
          p.inputs.location === block.region &&
          (p.inputs.properties as { addressPrefixes: string[] }).addressPrefixes[0] === block.cidr,
      );
      assert.ok(pool, `pool for ${block.region}`);
    }
    const cidrs = ofType(plan, "network:StaticCidr").map(
      (c) => (c.inputs.properties as { addressPrefixes: string[] }).addressPrefixes[0],
    );
    for (const vnet of prod.vnets) assert.ok(cidrs.includes(vnet.cidr), `static CIDR for ${vnet.name}`);
    for (const r of prod.reservations.filter((x) => ["aws", "gcp", "tailscale"].includes(x.kind))) {
      assert.ok(cidrs.includes(r.cidr), `reservation ${r.name}`);
    }
    const [nm] = ofType(plan, "network:NetworkManager");
    assert.deepEqual(nm?.inputs.networkManagerScopes, {
      managementGroups: ["/providers/Microsoft.Management/managementGroups/mg-plugilo-prod"],
    });
  });
});
