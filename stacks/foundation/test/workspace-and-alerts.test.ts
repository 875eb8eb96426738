/**
 * RegionalLogAnalytics and AlertActionGroup planned alone with args built by hand: a PerGB2018 workspace with
 * local (shared key) authentication off, so only Entra ID reads it
 * (https://learn.microsoft.com/azure/azure-monitor/logs/azure-ad-authentication-logs), in the management
 * subscription; the action group mails its receivers with the common alert schema
 * (https://learn.microsoft.com/azure/azure-monitor/alerts/action-groups).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { planComponent, TEST_SUBSCRIPTIONS } from "@plugilo/testing";
import { ResourceGroup } from "@pulumi/azure-native/resources/index.js";
import { AlertActionGroup } from "../src/alert-action-group.ts";
import { RegionalLogAnalytics } from "../src/regional-log-analytics.ts";

const group = () => new ResourceGroup("rg-foundation", { resourceGroupName: "rg-foundation", location: "germanywestcentral" });

describe("RegionalLogAnalytics", () => {
  it("keeps the region's logs for the retention given, Entra ID only, protected when asked", async () => {
    const plan = await planComponent(({ providerFor }) => {
      new RegionalLogAnalytics("log-gwc", {
        workspace: {
          name: "log-acme-test-gwc",
          id: "w",
          region: "germanywestcentral",
          resourceGroup: "rg-foundation",
          subscriptionId: TEST_SUBSCRIPTIONS.management,
          retentionDays: 90,
        },
        tags: { layer: "foundation" },
        protect: true,
        providerFor,
        resourceGroup: group(),
      });
    });
    const ws = plan.named("azure-native:operationalinsights:Workspace", "log-acme-test-gwc");
    assert.deepEqual(ws.inputs, {
      workspaceName: "log-acme-test-gwc",
      resourceGroupName: "rg-foundation",
      location: "germanywestcentral",
      sku: { name: "PerGB2018" },
      retentionInDays: 90,
      features: { disableLocalAuth: true, enableLogAccessUsingOnlyResourcePermissions: true },
      tags: { layer: "foundation" },
    });
    assert.equal(ws.protect, true);
    assert.equal(plan.subscriptionOf(ws), TEST_SUBSCRIPTIONS.management);
  });
});

describe("AlertActionGroup", () => {
  it("mails each receiver with the common alert schema, globally, in the management subscription", async () => {
    const plan = await planComponent(({ providerFor }) => {
      new AlertActionGroup("alerts", {
        actionGroup: {
          name: "ag-acme-test",
          id: "ag",
          resourceGroup: "rg-foundation",
          subscriptionId: TEST_SUBSCRIPTIONS.management,
          shortName: "acmetest",
          emailReceivers: [{ name: "owner", emailAddress: "platform@example.org" }],
        },
        tags: { layer: "foundation" },
        providerFor,
        resourceGroup: group(),
      });
    });
    const ag = plan.named("azure-native:monitor:ActionGroup", "ag-acme-test");
    assert.deepEqual(ag.inputs, {
      actionGroupName: "ag-acme-test",
      resourceGroupName: "rg-foundation",
      location: "global",
      groupShortName: "acmetest",
      enabled: true,
      emailReceivers: [{ name: "owner", emailAddress: "platform@example.org", useCommonAlertSchema: true }],
      tags: { layer: "foundation" },
    });
    assert.equal(plan.subscriptionOf(ag), TEST_SUBSCRIPTIONS.management);
  });
});
