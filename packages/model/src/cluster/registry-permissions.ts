/**
 * Repository-scoped push for the build runners (docs/adr/0135). A registry in the role assignment permissions
 * mode "RBAC Registry + ABAC Repository Permissions" (ARM `roleAssignmentMode: AbacRepositoryPermissions`)
 * honours conditions on the repository name in role assignments of its ABAC-enabled roles, and no longer
 * honours AcrPull/AcrPush. So, in the environment whose registry the services build into (the one with build
 * scale sets):
 * - each build set's identity is "Container Registry Repository Writer" on the registry with a condition that
 *   admits its actions only on the repository `<org>/<repo>` of the set's service repository and under
 *   `<org>/<repo>/` (the trailing slash: without it `plugilo/example-api` would also match
 *   `plugilo/example-api-admin`);
 * - the kubelets are "Container Registry Repository Reader" on the registry without a condition (pull from
 *   every repository), in place of AcrPull.
 * Other registries keep the legacy mode (AcrPull for the kubelets; nothing pushes there).
 * https://learn.microsoft.com/azure/container-registry/container-registry-rbac-abac-repository-permissions
 * https://learn.microsoft.com/azure/role-based-access-control/built-in-roles/containers
 * (Container Registry Repository Writer 2a1e307c-b015-4ebd-883e-5b7698a07328: metadata/read, content/read,
 * metadata/write, content/write; Container Registry Repository Reader b93aa761-3e63-49ed-ac28-beffa264f7ac)
 */
import type { EnvironmentConfig } from "../core/schema.ts";
import type { BuiltinRole } from "./builtin-roles.ts";

export type RegistryRoleAssignmentMode = "AbacRepositoryPermissions" | "LegacyRegistryPermissions";

/** ABAC where images are pushed (an environment with build scale sets), legacy elsewhere. */
export function registryRoleAssignmentMode(config: EnvironmentConfig): RegistryRoleAssignmentMode {
  return config.gitops.runners.scaleSets.some((s) => s.purpose === "build")
    ? "AbacRepositoryPermissions"
    : "LegacyRegistryPermissions";
}

/** The role the kubelets pull with: AcrPull is not honoured by an ABAC registry. */
export function registryPullRole(mode: RegistryRoleAssignmentMode): BuiltinRole {
  return mode === "AbacRepositoryPermissions" ? "Container Registry Repository Reader" : "AcrPull";
}

/** The Writer role's data actions: the condition must name each, or the unnamed ones stay registry-wide. */
const WRITER_ACTIONS = [
  "Microsoft.ContainerRegistry/registries/repositories/content/read",
  "Microsoft.ContainerRegistry/registries/repositories/content/write",
  "Microsoft.ContainerRegistry/registries/repositories/metadata/read",
  "Microsoft.ContainerRegistry/registries/repositories/metadata/write",
] as const;

const REPOSITORY_NAME = "@Request[Microsoft.ContainerRegistry/registries/repositories:name]";

/**
 * The ABAC condition (version 2.0) that admits the Writer role's actions only on `repository` and the
 * repositories under `repository/`. Repository names are lower case in ACR; the comparison ignores case.
 */
export function repositoryWriteCondition(repository: string): string {
  if (!/^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/.test(repository.toLowerCase()))
    throw new Error(`"${repository}" is not a container registry repository name`);
  const name = repository.toLowerCase();
  const notActions = WRITER_ACTIONS.map((a) => `!(ActionMatches{'${a}'})`).join(" AND ");
  return `((${notActions}) OR (${REPOSITORY_NAME} StringEqualsIgnoreCase '${name}' OR ${REPOSITORY_NAME} StringStartsWithIgnoreCase '${name}/'))`;
}
