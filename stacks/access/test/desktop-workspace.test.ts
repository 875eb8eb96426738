/**
 * DesktopWorkspace planned alone with args built by hand: the host pool's desktop application group (a full
 * desktop) published in a workspace whose feed is reached over the public endpoint (docs/adr/0071), both
 * logging to the workspace they are given.
 * https://learn.microsoft.com/azure/virtual-desktop/terminology
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { type ComponentPlan, planComponent } from "@plugilo/testing";
import { DesktopWorkspace } from "../src/desktop-workspace.ts";

const HOST_POOL =
  "/subscriptions/m/resourceGroups/rg-access/providers/Microsoft.DesktopVirtualization/hostPools/vdpool-acme-test";
const LOGS = "/subscriptions/m/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/log-gwc";
const SUB = "00000000-0000-4000-8000-000000000001";

let plan: ComponentPlan;
before(async () => {
  plan = await planComponent(() => {
    new DesktopWorkspace("desktop", {
      avd: {
        resourceGroup: "rg-access",
        region: "germanywestcentral",
        applicationGroup: { name: "vdag-acme-test", id: "ag", friendlyName: "Admin desktop", applicationGroupType: "Desktop" },
        workspace: { name: "vdws-acme-test", id: "ws", friendlyName: "Acme test" },
        logAnalyticsWorkspaceId: LOGS,
      },
      hostPoolId: HOST_POOL,
      tags: { layer: "access" },
    });
  });
});

describe("DesktopWorkspace", () => {
  it("creates the desktop application group of the host pool", () => {
    assert.deepEqual(plan.named("azure-native:desktopvirtualization:ApplicationGroup", "vdag-acme-test").inputs, {
      resourceGroupName: "rg-access",
      location: "germanywestcentral",
      tags: { layer: "access" },
      applicationGroupName: "vdag-acme-test",
      applicationGroupType: "Desktop",
      friendlyName: "Admin desktop",
      hostPoolArmPath: HOST_POOL,
    });
  });

  it("publishes it in the workspace, reached over the public endpoint", () => {
    assert.deepEqual(plan.named("azure-native:desktopvirtualization:Workspace", "vdws-acme-test").inputs, {
      resourceGroupName: "rg-access",
      location: "germanywestcentral",
      tags: { layer: "access" },
      workspaceName: "vdws-acme-test",
      friendlyName: "Acme test",
      applicationGroupReferences: [
        `/subscriptions/${SUB}/resourceGroups/rg-access/providers/Microsoft.DesktopVirtualization/applicationGroups/vdag-acme-test`,
      ],
      publicNetworkAccess: "Enabled",
    });
  });

  it("sends both resources' logs, no metrics, to the workspace it is given", () => {
    const settings = plan.ofType("azure-native:monitor:DiagnosticSetting");
    assert.deepEqual(
      settings.map((s) => [String(s.inputs.resourceUri).split("/").pop(), s.inputs.workspaceId, s.inputs.metrics]),
      [
        ["vdag-acme-test", LOGS, undefined],
        ["vdws-acme-test", LOGS, undefined],
      ],
    );
    for (const s of settings) assert.deepEqual(s.inputs.logs, [{ categoryGroup: "allLogs", enabled: true }]);
  });
});
