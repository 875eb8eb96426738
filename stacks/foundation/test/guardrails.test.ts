/**
 * ResidencyGuardrails and LayerResourceGroups planned alone with args built by hand. The management group
 * under its parent, every subscription joined through its own provider, and three assignments at the group:
 * the built-in "Allowed locations" (e56962a6-4747-49cd-b67b-bf8b01975c4c) and "Allowed locations for resource
 * groups" (e765b5de-1225-4ba3-bd56-1ac6695af988) with the German regions, and the Microsoft cloud security
 * benchmark (1f3afdf9-d0c9-4c3d-847f-89da613e70a8).
 * https://learn.microsoft.com/azure/governance/policy/samples/built-in-policies
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { RegionName, ResourceGroupModel } from "@plugilo/model";
import { planComponent, TEST_SUBSCRIPTIONS } from "@plugilo/testing";
import { LayerResourceGroups } from "../src/layer-resource-groups.ts";
import { ResidencyGuardrails } from "../src/residency-guardrails.ts";

const MG = "/providers/Microsoft.Management/managementGroups/mg-acme-test";
const rg = (name: string, location: RegionName, subscription: keyof typeof TEST_SUBSCRIPTIONS): ResourceGroupModel => ({
  name,
  location,
  id: `/subscriptions/${TEST_SUBSCRIPTIONS[subscription]}/resourceGroups/${name}`,
  subscriptionId: TEST_SUBSCRIPTIONS[subscription],
});

describe("ResidencyGuardrails", () => {
  it("creates the group under its parent, joins each subscription once with its own provider", async () => {
    const plan = await planComponent(({ providerFor }) => {
      new ResidencyGuardrails("guardrails", {
        managementGroup: {
          groupId: "mg-acme-test",
          id: MG,
          displayName: "Acme test",
          parentId: "/providers/Microsoft.Management/managementGroups/mg-acme",
        },
        subscriptions: ["management", "hub", "hub", "data"],
        allowedRegions: ["germanywestcentral", "germanynorth"],
        protect: true,
        providerFor,
      });
    });
    const mg = plan.named("azure-native:management:ManagementGroup", "mg-acme-test");
    assert.deepEqual(mg.inputs, {
      groupId: "mg-acme-test",
      displayName: "Acme test",
      details: { parent: { id: "/providers/Microsoft.Management/managementGroups/mg-acme" } },
    });
    assert.equal(mg.protect, true);
    const joined = plan.ofType("azure-native:management:ManagementGroupSubscription");
    assert.deepEqual(
      joined.map((j) => [j.name, plan.subscriptionOf(j)]),
      [
        ["mg-acme-test-management", TEST_SUBSCRIPTIONS.management],
        ["mg-acme-test-hub", TEST_SUBSCRIPTIONS.hub],
        ["mg-acme-test-data", TEST_SUBSCRIPTIONS.data],
      ],
    );
  });

  it("allows only the given regions for resources and resource groups, and audits the security benchmark", async () => {
    const plan = await planComponent(({ providerFor }) => {
      new ResidencyGuardrails("guardrails", {
        managementGroup: { groupId: "mg-acme-test", id: MG, displayName: "Acme test" },
        subscriptions: [],
        allowedRegions: ["germanywestcentral", "germanynorth"],
        providerFor,
      });
    });
    assert.equal(plan.named("azure-native:management:ManagementGroup", "mg-acme-test").inputs.details, undefined);
    assert.equal(plan.named("azure-native:management:ManagementGroup", "mg-acme-test").protect, false);
    const assignments = plan
      .ofType("azure-native:authorization:PolicyAssignment")
      .sort((a, b) => String(a.inputs.policyAssignmentName).localeCompare(String(b.inputs.policyAssignmentName)));
    assert.deepEqual(
      assignments.map((a) => [
        a.inputs.policyAssignmentName,
        String(a.inputs.policyDefinitionId).split("/").pop(),
        a.inputs.parameters,
      ]),
      [
        [
          "allowed-locations",
          "e56962a6-4747-49cd-b67b-bf8b01975c4c",
          { listOfAllowedLocations: { value: ["germanywestcentral", "germanynorth"] } },
        ],
        [
          "allowed-rg-locations",
          "e765b5de-1225-4ba3-bd56-1ac6695af988",
          { listOfAllowedLocations: { value: ["germanywestcentral", "germanynorth"] } },
        ],
        ["security-baseline", "1f3afdf9-d0c9-4c3d-847f-89da613e70a8", undefined],
      ],
    );
    for (const a of assignments) {
      assert.equal(a.inputs.scope, MG);
      assert.equal(a.inputs.enforcementMode, "Default");
    }
    assert.deepEqual(assignments[0]?.inputs.nonComplianceMessages, [
      { message: "Plugilo keeps data in Germany (GDPR): only germanywestcentral and germanynorth are allowed." },
    ]);
  });
});

describe("LayerResourceGroups", () => {
  it("creates each layer's groups in the layer's subscription, tagged with the layer, protected when asked", async () => {
    for (const protect of [true, undefined]) {
      const plan = await planComponent(({ providerFor }) => {
        new LayerResourceGroups("resource-groups", {
          layers: [
            {
              name: "hub",
              subscription: "hub",
              resourceGroups: {
                germanywestcentral: rg("rg-hub-gwc", "germanywestcentral", "hub"),
                germanynorth: rg("rg-hub-gn", "germanynorth", "hub"),
              },
            },
            {
              name: "app1",
              subscription: "app1",
              resourceGroups: { germanywestcentral: rg("rg-app1", "germanywestcentral", "app1") },
            },
          ],
          tags: { owner: "platform" },
          ...(protect ? { protect } : {}),
          providerFor,
        });
      });
      assert.deepEqual(
        plan.ofType("azure-native:resources:ResourceGroup").map((g) => [g.inputs, plan.subscriptionOf(g), g.protect]),
        [
          [
            { resourceGroupName: "rg-hub-gwc", location: "germanywestcentral", tags: { owner: "platform", layer: "hub" } },
            TEST_SUBSCRIPTIONS.hub,
            Boolean(protect),
          ],
          [
            { resourceGroupName: "rg-hub-gn", location: "germanynorth", tags: { owner: "platform", layer: "hub" } },
            TEST_SUBSCRIPTIONS.hub,
            Boolean(protect),
          ],
          [
            { resourceGroupName: "rg-app1", location: "germanywestcentral", tags: { owner: "platform", layer: "app1" } },
            TEST_SUBSCRIPTIONS.app1,
            Boolean(protect),
          ],
        ],
      );
    }
  });
});
