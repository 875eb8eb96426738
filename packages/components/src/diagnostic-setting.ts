/**
 * A diagnostic setting that sends a resource's logs and metrics to its region's Log Analytics workspace:
 * the aks-baseline habit of a diagnostic setting beside every resource. Resource types differ in what they
 * emit (an NSG has no metrics, a NAT gateway no logs), so the caller says which.
 */
import { DiagnosticSetting } from "@pulumi/azure-native/monitor/index.js";
import type * as pulumi from "@pulumi/pulumi";

export interface DiagnosticsArgs {
  /** ARM ID of the resource that emits. */
  resourceId: pulumi.Input<string>;
  workspaceId: string;
  logs: boolean;
  metrics: boolean;
  /** Resource-specific tables (AZFW*, AGW*) instead of AzureDiagnostics, where the service offers them. */
  resourceSpecificTables?: boolean;
}

export function sendToLogAnalytics(name: string, args: DiagnosticsArgs, opts: pulumi.CustomResourceOptions): DiagnosticSetting {
  return new DiagnosticSetting(
    `${name}-diagnostics`,
    {
      name: "to-log-analytics",
      resourceUri: args.resourceId,
      workspaceId: args.workspaceId,
      ...(args.logs ? { logs: [{ categoryGroup: "allLogs", enabled: true }] } : {}),
      ...(args.metrics ? { metrics: [{ category: "AllMetrics", enabled: true }] } : {}),
      ...(args.resourceSpecificTables ? { logAnalyticsDestinationType: "Dedicated" } : {}),
    },
    opts,
  );
}

/** The ID of the Log Analytics workspace of `region`; a model without one is a fault of the model. */
export function workspaceIn(workspaces: readonly { region: string; id: string }[], region: string): string {
  const workspace = workspaces.find((l) => l.region === region);
  if (!workspace) throw new Error(`no Log Analytics workspace in ${region}`);
  return workspace.id;
}
