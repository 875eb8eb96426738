/**
 * What the admins see in their Remote Desktop client or Windows App: the desktop application group of the
 * host pool (a full desktop, no RemoteApps), published in the workspace their feed lists. Who may open it is
 * the "Desktop Virtualization User" role on the application group (access-roles.ts).
 * https://learn.microsoft.com/azure/virtual-desktop/terminology
 */
import { sendToLogAnalytics } from "@plugilo/components";
import type { AvdModel } from "@plugilo/model";
import { ApplicationGroup, Workspace } from "@pulumi/azure-native/desktopvirtualization/index.js";
import * as pulumi from "@pulumi/pulumi";

export interface DesktopWorkspaceArgs {
  /** The AVD deployment's resource group, region, application group, workspace and Log Analytics workspace. */
  readonly avd: Pick<AvdModel, "resourceGroup" | "region" | "applicationGroup" | "workspace" | "logAnalyticsWorkspaceId">;
  readonly hostPoolId: pulumi.Input<string>;
  readonly tags: Record<string, string>;
}

export class DesktopWorkspace extends pulumi.ComponentResource {
  readonly applicationGroup: ApplicationGroup;
  readonly workspace: Workspace;

  constructor(name: string, args: DesktopWorkspaceArgs, opts?: pulumi.ComponentResourceOptions) {
    super("plugilo:access:DesktopWorkspace", name, {}, opts);
    const { avd, tags } = args;
    const child = { parent: this };
    const common = { resourceGroupName: avd.resourceGroup, location: avd.region, tags };
    const ag = avd.applicationGroup;
    this.applicationGroup = new ApplicationGroup(
      ag.name,
      {
        ...common,
        applicationGroupName: ag.name,
        applicationGroupType: ag.applicationGroupType,
        friendlyName: ag.friendlyName,
        hostPoolArmPath: args.hostPoolId,
      },
      child,
    );
    const ws = avd.workspace;
    this.workspace = new Workspace(
      ws.name,
      {
        ...common,
        workspaceName: ws.name,
        friendlyName: ws.friendlyName,
        applicationGroupReferences: [this.applicationGroup.id],
        // The feed is reached over the public endpoint; AVD Private Link is not used (docs/adr/0071).
        publicNetworkAccess: "Enabled",
      },
      child,
    );
    for (const [resourceName, id] of [
      [ag.name, this.applicationGroup.id],
      [ws.name, this.workspace.id],
    ] as const) {
      sendToLogAnalytics(
        resourceName,
        { resourceId: id, workspaceId: avd.logAnalyticsWorkspaceId, logs: true, metrics: false },
        child,
      );
    }
    this.registerOutputs({ applicationGroupId: this.applicationGroup.id, workspaceId: this.workspace.id });
  }
}
