/** Cost and ownership: every taggable Azure resource carries the required tags, with this environment's name. */
import { REQUIRED_TAGS } from "@plugilo/model";
import { isAzureResource, type PolicyRule } from "../types.ts";

/**
 * Azure resource types that have no tags (child and extension resources). Any other azure-native type is
 * treated as taggable, so a new resource type is checked until someone shows here that it cannot be tagged.
 */
export const UNTAGGABLE_TYPES: ReadonlySet<string> = new Set([
  "azure-native:management:ManagementGroup",
  "azure-native:management:ManagementGroupSubscription",
  "azure-native:authorization:PolicyAssignment",
  "azure-native:authorization:RoleAssignment",
  "azure-native:network:StaticCidr",
  "azure-native:network:Subnet",
  "azure-native:network:Route",
  "azure-native:network:SecurityRule",
  "azure-native:network:VirtualNetworkPeering",
  "azure-native:network:FirewallPolicyRuleCollectionGroup",
  "azure-native:network:PrivateDnsZoneGroup",
  "azure-native:privatedns:VirtualNetworkLink",
  "azure-native:privatedns:PrivateRecordSet",
  "azure-native:dns:RecordSet",
  "azure-native:insights:DiagnosticSetting",
  "azure-native:monitor:DiagnosticSetting",
  "azure-native:managedidentity:FederatedIdentityCredential",
  "azure-native:containerservice:MaintenanceConfiguration",
  "azure-native:monitor:DataCollectionRuleAssociation",
  "azure-native:kubernetesconfiguration:Extension",
  // Data: children of a server, cache or account, which ARM gives no tags.
  "azure-native:dbforpostgresql:Database",
  "azure-native:dbforpostgresql:Configuration",
  "azure-native:dbforpostgresql:VirtualEndpoint",
  "azure-native:dbforpostgresql:AdministratorsMicrosoftEntra",
  "azure-native:redisenterprise:Database",
  // A database child with properties accessPolicyName and user only: https://learn.microsoft.com/azure/templates/microsoft.cache/redisenterprise/databases/accesspolicyassignments
  "azure-native:redisenterprise:AccessPolicyAssignment",
  "azure-native:storage:BlobServiceProperties",
  "azure-native:storage:BlobContainer",
  // Front Door children and API Management children: no tags in their ARM schema (a named value's "tags"
  // are search labels, not resource tags).
  "azure-native:cdn:AFDOriginGroup",
  "azure-native:cdn:AFDOrigin",
  "azure-native:cdn:AFDCustomDomain",
  "azure-native:cdn:Route",
  "azure-native:cdn:RuleSet",
  "azure-native:cdn:Rule",
  "azure-native:cdn:SecurityPolicy",
  "azure-native:apimanagement:NamedValue",
  "azure-native:apimanagement:Policy",
  "azure-native:apimanagement:ApiVersionSet",
]);

export const requiredTags: PolicyRule = {
  name: "required-tags",
  description: `Every taggable Azure resource carries ${REQUIRED_TAGS.join(", ")}; environment names this environment.`,
  severity: "error",
  check(resource, model) {
    if (!isAzureResource(resource) || UNTAGGABLE_TYPES.has(resource.type)) return [];
    const tags = resource.inputs.tags;
    if (tags === null || typeof tags !== "object") return [`has no tags (required: ${REQUIRED_TAGS.join(", ")})`];
    const record = tags as Record<string, unknown>;
    const missing = REQUIRED_TAGS.filter((t) => typeof record[t] !== "string" || record[t] === "");
    const problems = missing.length ? [`is missing required tag(s): ${missing.join(", ")}`] : [];
    if (!missing.includes("environment") && record.environment !== model.name) {
      problems.push(`tag environment=${String(record.environment)} does not name this environment (${model.name})`);
    }
    return problems;
  },
};
