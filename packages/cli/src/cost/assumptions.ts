/** Usage the model cannot know, stated with every estimate. */
import type { EnvironmentModel } from "@plugilo/model";
import { HOURS_PER_MONTH } from "./ledger.ts";

/** Usage the model cannot know; each is stated with the estimate. */
export interface CostAssumptions {
  firewallGbPerMonth: number;
  logAnalyticsGbPerDay: number;
  cosmosAverageOfMax: number;
  burstAverageOfMaxCpu: number;
  tailscaleUsers: number;
  inClusterVcpuPerMember: number;
}

export function assumptionsFor(model: EnvironmentModel): CostAssumptions {
  const prod = model.protectStateful;
  return {
    firewallGbPerMonth: prod ? 2000 : 200,
    logAnalyticsGbPerDay: prod ? 20 : 3,
    cosmosAverageOfMax: 0.3,
    burstAverageOfMaxCpu: 0.1,
    tailscaleUsers: 15,
    inClusterVcpuPerMember: 1,
  };
}

export function describeAssumptions(a: CostAssumptions): string[] {
  return [
    `${HOURS_PER_MONTH} hours a month for everything that runs around the clock`,
    `firewall and NAT gateway data processed: ${a.firewallGbPerMonth} GB a month per hub`,
    `Log Analytics ingestion: ${a.logAnalyticsGbPerDay} GB a day per region`,
    `Cosmos DB autoscale runs at ${Math.round(a.cosmosAverageOfMax * 100)}% of each collection's maximum on average`,
    "Application Gateway: the reserved capacity of its minimum instances (10 capacity units each), no extra traffic",
    "workload nodes that Node Auto Provisioning adds depend on load: unpriced, not zero",
    `burst (choices): ${Math.round(a.burstAverageOfMaxCpu * 100)}% of maxProvisionedCpu on average, on D4ds v5 nodes`,
    `Tailscale (choices): ${a.tailscaleUsers} users`,
    `in-cluster databases (choices): ${a.inClusterVcpuPerMember} vCPU of node capacity per member`,
  ];
}
