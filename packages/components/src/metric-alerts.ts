/**
 * Azure Monitor metric alert rules of one layer (packages/model/src/foundation/metric-alerts.ts), each a static threshold
 * on one metric of one resource, notifying the environment's action group.
 * https://learn.microsoft.com/azure/templates/microsoft.insights/metricalerts
 */
import type { MetricAlertModel } from "@plugilo/model";
import { MetricAlert } from "@pulumi/azure-native/monitor/index.js";
import * as pulumi from "@pulumi/pulumi";

export interface MetricAlertsArgs {
  alerts: readonly MetricAlertModel[];
  actionGroupId: string;
  tags: Record<string, string>;
  /** The resources the alerts observe: an alert rule on a resource that does not exist yet is rejected. */
  dependsOn?: pulumi.Input<pulumi.Resource>[];
}

export class MetricAlerts extends pulumi.ComponentResource {
  readonly alerts: MetricAlert[];

  constructor(name: string, args: MetricAlertsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("plugilo:components:MetricAlerts", name, {}, opts);
    this.alerts = args.alerts.map(
      (a) =>
        new MetricAlert(
          a.name,
          {
            ruleName: a.name,
            resourceGroupName: a.resourceGroup,
            location: "global",
            description: a.description,
            enabled: true,
            severity: a.severity,
            scopes: [a.targetId],
            windowSize: a.windowSize,
            evaluationFrequency: a.evaluationFrequency,
            autoMitigate: true,
            criteria: {
              odataType: "Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria",
              allOf: [
                {
                  criterionType: "StaticThresholdCriterion",
                  name: a.metricName,
                  metricNamespace: a.metricNamespace,
                  metricName: a.metricName,
                  timeAggregation: a.timeAggregation,
                  operator: a.operator,
                  threshold: a.threshold,
                  ...(a.dimensions ? { dimensions: a.dimensions.map((d) => ({ ...d, values: [...d.values] })) } : {}),
                },
              ],
            },
            actions: [{ actionGroupId: args.actionGroupId }],
            tags: args.tags,
          },
          { parent: this, ...(args.dependsOn ? { dependsOn: args.dependsOn } : {}) },
        ),
    );
    this.registerOutputs({});
  }
}
