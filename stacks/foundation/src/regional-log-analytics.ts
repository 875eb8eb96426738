/**
 * One Log Analytics workspace per region: every diagnostic setting of that region's resources writes here,
 * so logs stay in the region they describe. Local (shared key) authentication is off: Entra ID only.
 */
import type { ProviderFor } from "@plugilo/components";
import type { LogAnalyticsModel } from "@plugilo/model";
import { Workspace } from "@pulumi/azure-native/operationalinsights/index.js";
import * as pulumi from "@pulumi/pulumi";

export interface RegionalLogAnalyticsArgs {
  readonly workspace: LogAnalyticsModel;
  readonly tags: Record<string, string>;
  /** Protect the workspace from deletion. @default false */
  readonly protect?: boolean;
  readonly providerFor: ProviderFor;
  readonly resourceGroup: pulumi.Resource;
}

export class RegionalLogAnalytics extends pulumi.ComponentResource {
  readonly workspace: Workspace;

  constructor(name: string, args: RegionalLogAnalyticsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("plugilo:foundation:RegionalLogAnalytics", name, {}, opts);
    const { workspace } = args;
    this.workspace = new Workspace(
      workspace.name,
      {
        workspaceName: workspace.name,
        resourceGroupName: workspace.resourceGroup,
        location: workspace.region,
        sku: { name: "PerGB2018" },
        retentionInDays: workspace.retentionDays,
        features: { disableLocalAuth: true, enableLogAccessUsingOnlyResourcePermissions: true },
        tags: args.tags,
      },
      {
        parent: this,
        provider: args.providerFor("management"),
        dependsOn: [args.resourceGroup],
        protect: args.protect ?? false,
      },
    );
    this.registerOutputs({ workspaceId: this.workspace.id });
  }
}
