/**
 * What the cluster reports and where: managed Prometheus into an Azure Monitor workspace (data collection
 * endpoint, rule and associations, as `az aks create --enable-azure-monitor-metrics` makes them), Container
 * Insights logs into the region's Log Analytics workspace (a rule with the ContainerInsights extension), and
 * the control plane's logs (API server, audit of admin actions, controller manager, scheduler, Entra ID guard)
 * in resource-specific tables. The agents reach Azure Monitor through the firewall's platform egress rules.
 * https://learn.microsoft.com/azure/azure-monitor/containers/kubernetes-monitoring-enable
 * https://github.com/Azure/prometheus-collector/blob/main/AddonTerraformTemplate/main.tf
 */
import type { ClusterModel } from "@plugilo/model";
import {
  AzureMonitorWorkspace,
  DataCollectionEndpoint,
  DataCollectionRule,
  DataCollectionRuleAssociation,
  DiagnosticSetting,
} from "@pulumi/azure-native/monitor/index.js";
import * as pulumi from "@pulumi/pulumi";

export interface ClusterMonitoringArgs {
  cluster: ClusterModel;
  /** The ManagedCluster: the associations and the diagnostic setting attach to it. */
  clusterId: pulumi.Input<string>;
  tags: Record<string, string>;
}

/** Control-plane log categories kept (kube-audit, every read, is left out: its volume dwarfs the rest). */
export const CONTROL_PLANE_LOGS = ["kube-apiserver", "kube-audit-admin", "kube-controller-manager", "kube-scheduler", "guard"];

/** Container Insights streams: logs v2, inventories, events, performance. */
const CONTAINER_INSIGHTS_STREAMS = [
  "Microsoft-ContainerLogV2",
  "Microsoft-KubeEvents",
  "Microsoft-KubePodInventory",
  "Microsoft-KubeNodeInventory",
  "Microsoft-KubePVInventory",
  "Microsoft-KubeServices",
  "Microsoft-KubeMonAgentEvents",
  "Microsoft-InsightsMetrics",
  "Microsoft-ContainerInventory",
  "Microsoft-ContainerNodeInventory",
  "Microsoft-Perf",
];

export class ClusterMonitoring extends pulumi.ComponentResource {
  readonly monitorWorkspace: AzureMonitorWorkspace;

  constructor(name: string, args: ClusterMonitoringArgs, opts?: pulumi.ComponentResourceOptions) {
    super("plugilo:cluster:ClusterMonitoring", name, {}, opts);
    const { cluster: c, clusterId, tags } = args;
    const m = c.aks.monitoring;
    const child = { parent: this };
    const common = { resourceGroupName: c.resourceGroup.name, location: c.region, tags };
    this.monitorWorkspace = new AzureMonitorWorkspace(
      m.monitorWorkspaceName,
      { ...common, azureMonitorWorkspaceName: m.monitorWorkspaceName },
      child,
    );
    const endpoint = new DataCollectionEndpoint(
      m.dataCollectionEndpointName,
      { ...common, dataCollectionEndpointName: m.dataCollectionEndpointName, kind: "Linux" },
      child,
    );
    const prometheus = new DataCollectionRule(
      m.prometheusRuleName,
      {
        ...common,
        dataCollectionRuleName: m.prometheusRuleName,
        kind: "Linux",
        description: `Managed Prometheus of ${c.aksName}`,
        dataCollectionEndpointId: endpoint.id,
        dataSources: {
          prometheusForwarder: [
            { name: "PrometheusDataSource", streams: ["Microsoft-PrometheusMetrics"], labelIncludeFilter: {} },
          ],
        },
        destinations: { monitoringAccounts: [{ name: "MonitoringAccount1", accountResourceId: this.monitorWorkspace.id }] },
        dataFlows: [{ streams: ["Microsoft-PrometheusMetrics"], destinations: ["MonitoringAccount1"] }],
      },
      child,
    );
    const insights = new DataCollectionRule(
      m.containerInsightsRuleName,
      {
        ...common,
        dataCollectionRuleName: m.containerInsightsRuleName,
        kind: "Linux",
        description: `Container Insights of ${c.aksName}`,
        dataSources: {
          extensions: [
            {
              name: "ContainerInsightsExtension",
              extensionName: "ContainerInsights",
              streams: CONTAINER_INSIGHTS_STREAMS,
              extensionSettings: {
                dataCollectionSettings: { interval: "1m", namespaceFilteringMode: "Off", enableContainerLogV2: true },
              },
            },
          ],
        },
        destinations: { logAnalytics: [{ name: "ciworkspace", workspaceResourceId: c.aks.logAnalyticsWorkspaceId }] },
        dataFlows: [{ streams: CONTAINER_INSIGHTS_STREAMS, destinations: ["ciworkspace"] }],
      },
      child,
    );
    new DataCollectionRuleAssociation(
      `${c.name}-prometheus-dcra`,
      { resourceUri: clusterId, associationName: "prometheus", dataCollectionRuleId: prometheus.id },
      child,
    );
    // The metrics agent reads its configuration through the endpoint: AKS expects this association name.
    new DataCollectionRuleAssociation(
      `${c.name}-endpoint-dcra`,
      { resourceUri: clusterId, associationName: "configurationAccessEndpoint", dataCollectionEndpointId: endpoint.id },
      child,
    );
    new DataCollectionRuleAssociation(
      `${c.name}-insights-dcra`,
      { resourceUri: clusterId, associationName: "ContainerInsightsExtension", dataCollectionRuleId: insights.id },
      child,
    );
    new DiagnosticSetting(
      `${c.aksName}-diagnostics`,
      {
        name: "to-log-analytics",
        resourceUri: clusterId,
        workspaceId: c.aks.logAnalyticsWorkspaceId,
        logAnalyticsDestinationType: "Dedicated",
        logs: CONTROL_PLANE_LOGS.map((category) => ({ category, enabled: true })),
        metrics: [{ category: "AllMetrics", enabled: true }],
      },
      child,
    );
    this.registerOutputs({ monitorWorkspaceId: this.monitorWorkspace.id });
  }
}
