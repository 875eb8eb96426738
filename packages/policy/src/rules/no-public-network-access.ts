/**
 * Security: no Azure service is reachable from the internet by its own public endpoint. Every resource that
 * takes a `publicNetworkAccess` property (Key Vault, registry, PostgreSQL's `network`, Cosmos DB, Managed Redis,
 * storage, API Management, ... and the ARM body of a generic `resources.Resource`, `inputs.properties`) must not
 * set it to Enabled: they are reached through private endpoints (BRIEF section 1, design: "all behind private
 * endpoints, public access off"). An absent property is not judged here.
 *
 * Exceptions, by design:
 * - Azure Virtual Desktop host pools and workspaces: no AVD Private Link, so clients and session hosts use the
 *   service's public endpoints (docs/adr/0071).
 * - API Management on the edge stack's very first deployment only: Azure refuses Disabled when a v2 instance
 *   is created and until its private endpoint is approved, so that one `pulumi up` asks for Enabled
 *   (stacks/edge/src/apim-public-access.ts, docs/adr/0021). The offline plan shows the final state (Disabled),
 *   which this rule requires; on CrossGuard the first edge deployment of a new environment needs this policy
 *   set to advisory for that single update (`--policy-pack-config`), every later one runs it as mandatory.
 *   https://www.pulumi.com/docs/using-pulumi/crossguard/configuration (per-policy enforcement level)
 */
import { isAzureResource, type PlannedResource, type PolicyRule } from "../types.ts";

/** Types whose public endpoint is the only way in (docs/adr/0071). */
export const PUBLIC_ACCESS_BY_DESIGN: ReadonlySet<string> = new Set([
  "azure-native:desktopvirtualization:HostPool",
  "azure-native:desktopvirtualization:Workspace",
]);

/** The bootstrap stack's state backend (docs/adr/0181). */
const BOOTSTRAP_STATE_BACKEND: ReadonlySet<string> = new Set([
  "azure-native:storage:StorageAccount",
  "azure-native:keyvault:Vault",
]);

function exempt(resource: PlannedResource): boolean {
  if (PUBLIC_ACCESS_BY_DESIGN.has(resource.type)) return true;
  if (resource.stack === "bootstrap" && BOOTSTRAP_STATE_BACKEND.has(resource.type)) return true;
  // A generic ARM body of the same AVD types.
  const namespace = resource.inputs.resourceProviderNamespace;
  return (
    resource.type === "azure-native:resources:Resource" &&
    typeof namespace === "string" &&
    namespace.toLowerCase() === "microsoft.desktopvirtualization"
  );
}

/** Every publicNetworkAccess value under `value`, with its path. */
function* publicAccessSettings(value: unknown, path: string): Generator<[string, unknown]> {
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) yield* publicAccessSettings(v, `${path}[${i}]`);
  } else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      const p = path ? `${path}.${k}` : k;
      if (k.toLowerCase() === "publicnetworkaccess") yield [p, v];
      else yield* publicAccessSettings(v, p);
    }
  }
}

export const noPublicNetworkAccess: PolicyRule = {
  name: "no-public-network-access",
  description:
    "No Azure resource sets publicNetworkAccess to Enabled (private endpoints only); AVD host pools and workspaces excepted (ADR 0071). API Management's very first deployment asks for Enabled because Azure refuses Disabled at creation (ADR 0021): the plan checks the final state, Disabled.",
  severity: "error",
  check(resource) {
    if (!isAzureResource(resource) || exempt(resource)) return [];
    const messages: string[] = [];
    for (const [path, value] of publicAccessSettings(resource.inputs, "")) {
      if (typeof value === "string" && value.toLowerCase() === "enabled") {
        messages.push(`${path} is Enabled: set it to Disabled and reach the service through its private endpoint`);
      }
    }
    return messages;
  },
};
