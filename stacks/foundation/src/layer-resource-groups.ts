/** The resource groups of every layer, each in its layer's subscription and region, named by the model. */
import type { ProviderFor } from "@plugilo/components";
import type { LayerModel } from "@plugilo/model";
import { ResourceGroup } from "@pulumi/azure-native/resources/index.js";
import * as pulumi from "@pulumi/pulumi";

export interface LayerResourceGroupsArgs {
  /** Every layer of the environment: its name, subscription and resource groups. */
  readonly layers: readonly Pick<LayerModel, "name" | "subscription" | "resourceGroups">[];
  /** The environment's tags; each group adds its layer's name. */
  readonly tags: Record<string, string>;
  /** Protect the groups from deletion. @default false */
  readonly protect?: boolean;
  readonly providerFor: ProviderFor;
}

export class LayerResourceGroups extends pulumi.ComponentResource {
  /** Resource group name -> resource. */
  readonly groups: Record<string, ResourceGroup> = {};

  constructor(name: string, args: LayerResourceGroupsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("plugilo:foundation:LayerResourceGroups", name, {}, opts);
    const { layers, providerFor } = args;
    for (const layer of layers) {
      for (const rg of Object.values(layer.resourceGroups)) {
        this.groups[rg.name] = new ResourceGroup(
          rg.name,
          { resourceGroupName: rg.name, location: rg.location, tags: { ...args.tags, layer: layer.name } },
          // Deleting a resource group deletes everything in it: protected wherever stateful data lives.
          { parent: this, provider: providerFor(layer.subscription), protect: args.protect ?? false },
        );
      }
    }
    this.registerOutputs({});
  }
}
