/**
 * Who may do what, as the model lists it (packages/model/src/access/access.ts): the configured Entra ID groups may
 * open the desktop (Desktop Virtualization User on the application group) and sign in to the Entra ID joined
 * session hosts (Virtual Machine User or Administrator Login on the access resource group); the tenant's
 * Azure Virtual Desktop service principal may start and stop the hosts (on the subscription, as Microsoft
 * requires for autoscale and Start VM on Connect). Names are GUIDs derived from scope, role and principal.
 * https://learn.microsoft.com/azure/virtual-desktop/rbac
 */
import type { AvdModel } from "@plugilo/model";
import { RoleAssignment } from "@pulumi/azure-native/authorization/index.js";
import * as pulumi from "@pulumi/pulumi";

export interface AccessRolesArgs {
  avd: AvdModel;
  /** The application group: its role assignments need it to exist. */
  applicationGroup: pulumi.Resource;
}

export class AccessRoles extends pulumi.ComponentResource {
  readonly assignments: RoleAssignment[];

  constructor(name: string, args: AccessRolesArgs, opts?: pulumi.ComponentResourceOptions) {
    super("plugilo:access:AccessRoles", name, {}, opts);
    const { avd } = args;
    this.assignments = avd.roleAssignments.map(
      (a) =>
        new RoleAssignment(
          `${a.role.toLowerCase().replace(/\s+/g, "-")}-${a.name.slice(0, 8)}`,
          {
            roleAssignmentName: a.name,
            scope: a.scope,
            principalId: a.principalId,
            principalType: a.principalType,
            roleDefinitionId: a.roleDefinitionId,
            description: a.purpose,
          },
          { parent: this, ...(a.scope === avd.applicationGroup.id ? { dependsOn: [args.applicationGroup] } : {}) },
        ),
    );
    this.registerOutputs({});
  }
}
