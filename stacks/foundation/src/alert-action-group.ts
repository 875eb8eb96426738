/**
 * The environment's Azure Monitor action group: every metric alert of the hub, edge and data layers notifies
 * it (packages/model/src/foundation/metric-alerts.ts). E-mail to the owner, with the common alert schema.
 * https://learn.microsoft.com/azure/azure-monitor/alerts/action-groups
 */
import type { ProviderFor } from "@plugilo/components";
import type { ActionGroupModel } from "@plugilo/model";
import { ActionGroup } from "@pulumi/azure-native/monitor/index.js";
import * as pulumi from "@pulumi/pulumi";

export interface AlertActionGroupArgs {
  readonly actionGroup: ActionGroupModel;
  /** Tags of the action group (the environment's tags and its layer). */
  readonly tags: Record<string, string>;
  readonly providerFor: ProviderFor;
  readonly resourceGroup: pulumi.Resource;
}

export class AlertActionGroup extends pulumi.ComponentResource {
  readonly actionGroup: ActionGroup;

  constructor(name: string, args: AlertActionGroupArgs, opts?: pulumi.ComponentResourceOptions) {
    super("plugilo:foundation:AlertActionGroup", name, {}, opts);
    const { actionGroup: ag } = args;
    this.actionGroup = new ActionGroup(
      ag.name,
      {
        actionGroupName: ag.name,
        resourceGroupName: ag.resourceGroup,
        location: "global",
        groupShortName: ag.shortName,
        enabled: true,
        emailReceivers: ag.emailReceivers.map((r) => ({ ...r, useCommonAlertSchema: true })),
        tags: args.tags,
      },
      { parent: this, provider: args.providerFor("management"), dependsOn: [args.resourceGroup] },
    );
    this.registerOutputs({ actionGroupId: this.actionGroup.id });
  }
}
