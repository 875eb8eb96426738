/**
 * The registry's role assignment permissions mode "RBAC Registry + ABAC Repository Permissions" where the
 * model says so (packages/model/src/cluster/registry-permissions.ts, docs/adr/0135): the build runners' push is then
 * confined to their service's repositories by a condition on their role assignment.
 * The ARM property is `roleAssignmentMode` (`AbacRepositoryPermissions`); @pulumi/azure-native 3.28 sends
 * registries with API 2023-01-01-preview, which does not have it (its RegistryArgs have no such field), so
 * the mode is set with the documented CLI switch after the registry exists:
 * `az acr update --role-assignment-mode rbac-abac`
 * https://learn.microsoft.com/azure/container-registry/container-registry-rbac-abac-repository-permissions
 * The deploying identity is signed in to the Azure CLI (azure/login in the workflow, `az login` by hand).
 * Idempotent: the command sets the same mode on every run whose inputs changed.
 */
import type { ContainerRegistryModel } from "@plugilo/model";
import * as command from "@pulumi/command";
import * as pulumi from "@pulumi/pulumi";

export interface RegistryPermissionsModeArgs {
  registry: ContainerRegistryModel;
  /** The registry resource: the mode is set once it exists. */
  dependsOn: pulumi.Resource;
}

/** The CLI line, as a pure function of the model (tested on its own). */
export function registryModeCommand(r: ContainerRegistryModel): string | undefined {
  if (r.roleAssignmentMode !== "AbacRepositoryPermissions") return undefined;
  return `az acr update --name ${r.name} --resource-group ${r.resourceGroup} --subscription ${r.subscriptionId} --role-assignment-mode rbac-abac --output none`;
}

export class RegistryPermissionsMode extends pulumi.ComponentResource {
  constructor(name: string, args: RegistryPermissionsModeArgs, opts?: pulumi.ComponentResourceOptions) {
    super("plugilo:shared:RegistryPermissionsMode", name, {}, opts);
    const create = registryModeCommand(args.registry);
    if (create)
      new command.local.Command(`${name}-abac`, { create, triggers: [create] }, { parent: this, dependsOn: [args.dependsOn] });
    this.registerOutputs({ roleAssignmentMode: args.registry.roleAssignmentMode });
  }
}
