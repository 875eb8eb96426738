/**
 * A role assignment for a managed identity, with a name derived from what it grants (scope, role, identity):
 * re-running a deployment finds the same assignment instead of creating a duplicate.
 */
import { createHash } from "node:crypto";
import { type BuiltinRole, roleDefinitionId } from "@plugilo/model";
import { RoleAssignment } from "@pulumi/azure-native/authorization/index.js";
import type * as pulumi from "@pulumi/pulumi";

export interface GrantArgs {
  /** Stable name of the identity (the model's name, not its principal ID, which Azure invents). */
  identityName: string;
  principalId: pulumi.Input<string>;
  role: BuiltinRole;
  scope: string;
  /** An ABAC condition from the model (version 2.0), e.g. the build runners' repository names. */
  condition?: string;
}

/** A GUID from a seed: role assignment names must be GUIDs. */
export function stableGuid(seed: string): string {
  const h = createHash("sha256").update(seed).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function grant(name: string, args: GrantArgs, opts: pulumi.CustomResourceOptions): RoleAssignment {
  return new RoleAssignment(
    name,
    {
      roleAssignmentName: stableGuid(`${args.scope.toLowerCase()}|${args.role}|${args.identityName}`),
      scope: args.scope,
      principalId: args.principalId,
      // Set explicitly: Azure then does not wait for the new identity to replicate before assigning.
      principalType: "ServicePrincipal",
      roleDefinitionId: roleDefinitionId(args.role, args.scope),
      // https://learn.microsoft.com/azure/role-based-access-control/conditions-format (only version 2.0 exists).
      ...(args.condition ? { condition: args.condition, conditionVersion: "2.0" } : {}),
    },
    opts,
  );
}
