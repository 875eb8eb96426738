/**
 * Autoscale of the pooled host pool: the schedules of the model (working days with ramp-up, peak, ramp-down
 * and off-peak; the other days with no host kept running), inline in the scaling plan. Autoscale starts and
 * stops the session hosts as the Azure Virtual Desktop service principal, which needs "Desktop Virtualization
 * Power On Off Contributor" on the subscription (access-roles.ts).
 * https://learn.microsoft.com/azure/virtual-desktop/autoscale-scaling-plan
 */
import { sendToLogAnalytics } from "@plugilo/components";
import type { AvdModel } from "@plugilo/model";
import { ScalingPlan } from "@pulumi/azure-native/desktopvirtualization/index.js";
import * as pulumi from "@pulumi/pulumi";

export interface AutoscalePlanArgs {
  avd: AvdModel;
  plan: NonNullable<AvdModel["scalingPlan"]>;
  hostPoolId: pulumi.Input<string>;
  tags: Record<string, string>;
}

export class AutoscalePlan extends pulumi.ComponentResource {
  readonly scalingPlan: ScalingPlan;

  constructor(name: string, args: AutoscalePlanArgs, opts?: pulumi.ComponentResourceOptions) {
    super("plugilo:access:AutoscalePlan", name, {}, opts);
    const { avd, plan, tags } = args;
    const child = { parent: this };
    this.scalingPlan = new ScalingPlan(
      plan.name,
      {
        resourceGroupName: avd.resourceGroup,
        location: avd.region,
        scalingPlanName: plan.name,
        friendlyName: `${avd.hostPool.friendlyName} autoscale`,
        hostPoolType: "Pooled",
        timeZone: plan.timeZone,
        schedules: plan.schedules.map((s) => ({ ...s })),
        hostPoolReferences: [{ hostPoolArmPath: args.hostPoolId, scalingPlanEnabled: true }],
        tags,
      },
      child,
    );
    sendToLogAnalytics(
      plan.name,
      { resourceId: this.scalingPlan.id, workspaceId: avd.logAnalyticsWorkspaceId, logs: true, metrics: false },
      child,
    );
    this.registerOutputs({ scalingPlanId: this.scalingPlan.id });
  }
}
