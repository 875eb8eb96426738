/** The resource groups of every layer, each in its layer's subscription and region, named by the model. */
import type { ProviderFor } from "@plugilo/components";
import type { EnvironmentModel } from "@plugilo/model";
import { ResourceGroup } from "@pulumi/azure-native/resources/index.js";
import * as pulumi from "@pulumi/pulumi";

export interface LayerResourceGroupsArgs {
  model: EnvironmentModel;
  providerFor: ProviderFor;
}

export class LayerResourceGroups extends pulumi.ComponentResource {
  /** Resource group name -> resource. */
  readonly groups: Record<string, ResourceGroup> = {};

  constructor(name: string, args: LayerResourceGroupsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("plugilo:foundation:LayerResourceGroups", name, {}, opts);
    const { model, providerFor } = args;
    for (const layer of model.layers) {
      for (const rg of Object.values(layer.resourceGroups)) {
        this.groups[rg.name] = new ResourceGroup(
          rg.name,
          { resourceGroupName: rg.name, location: rg.location, tags: { ...model.tags, layer: layer.name } },
          // Deleting a resource group deletes everything in it: protected wherever stateful data lives.
          { parent: this, provider: providerFor(layer.subscription), protect: model.protectStateful },
        );
      }
    }
    this.registerOutputs({});
  }
}
