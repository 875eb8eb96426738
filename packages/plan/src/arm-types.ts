/**
 * How the simulated Azure builds resource IDs: the ARM path of each azure-native resource type, with the
 * input property that holds each name. Scopes: "rg" (resource group), "sub" (subscription), "tenant",
 * or "scope" (the resource's own `scope` input, for extension resources such as policy assignments).
 * A type missing here gets an ID from its module and type name (see armPathOf).
 */
export interface ArmType {
  scope: "rg" | "sub" | "tenant" | "scope";
  /** For scope "scope": the input that holds the parent resource's ID (default: scope). */
  scopeInput?: string;
  /** Segments after the scope: [provider type segment, input property holding the name]. */
  path: readonly (readonly [string, string])[];
  namespace: string;
}

export const ARM_TYPES: Readonly<Record<string, ArmType>> = {
  "azure-native:resources:ResourceGroup": { scope: "sub", namespace: "", path: [["resourceGroups", "resourceGroupName"]] },
  "azure-native:management:ManagementGroup": {
    scope: "tenant",
    namespace: "Microsoft.Management",
    path: [["managementGroups", "groupId"]],
  },
  "azure-native:management:ManagementGroupSubscription": {
    scope: "tenant",
    namespace: "Microsoft.Management",
    path: [
      ["managementGroups", "groupId"],
      ["subscriptions", "subscriptionId"],
    ],
  },
  "azure-native:authorization:PolicyAssignment": {
    scope: "scope",
    namespace: "Microsoft.Authorization",
    path: [["policyAssignments", "policyAssignmentName"]],
  },
  "azure-native:operationalinsights:Workspace": {
    scope: "rg",
    namespace: "Microsoft.OperationalInsights",
    path: [["workspaces", "workspaceName"]],
  },
  "azure-native:network:NetworkManager": {
    scope: "rg",
    namespace: "Microsoft.Network",
    path: [["networkManagers", "networkManagerName"]],
  },
  "azure-native:network:IpamPool": {
    scope: "rg",
    namespace: "Microsoft.Network",
    path: [
      ["networkManagers", "networkManagerName"],
      ["ipamPools", "poolName"],
    ],
  },
  "azure-native:network:StaticCidr": {
    scope: "rg",
    namespace: "Microsoft.Network",
    path: [
      ["networkManagers", "networkManagerName"],
      ["ipamPools", "poolName"],
      ["staticCidrs", "staticCidrName"],
    ],
  },
  "azure-native:network:Subnet": {
    scope: "rg",
    namespace: "Microsoft.Network",
    path: [
      ["virtualNetworks", "virtualNetworkName"],
      ["subnets", "subnetName"],
    ],
  },
  "azure-native:network:PublicIPAddress": {
    scope: "rg",
    namespace: "Microsoft.Network",
    path: [["publicIPAddresses", "publicIpAddressName"]],
  },
  "azure-native:network:FirewallPolicy": {
    scope: "rg",
    namespace: "Microsoft.Network",
    path: [["firewallPolicies", "firewallPolicyName"]],
  },
  "azure-native:network:FirewallPolicyRuleCollectionGroup": {
    scope: "rg",
    namespace: "Microsoft.Network",
    path: [
      ["firewallPolicies", "firewallPolicyName"],
      ["ruleCollectionGroups", "ruleCollectionGroupName"],
    ],
  },
  "azure-native:network:VirtualNetworkGatewayConnection": {
    scope: "rg",
    namespace: "Microsoft.Network",
    path: [["connections", "virtualNetworkGatewayConnectionName"]],
  },
  "azure-native:privatedns:PrivateZone": {
    scope: "rg",
    namespace: "Microsoft.Network",
    path: [["privateDnsZones", "privateZoneName"]],
  },
  "azure-native:privatedns:VirtualNetworkLink": {
    scope: "rg",
    namespace: "Microsoft.Network",
    path: [
      ["privateDnsZones", "privateZoneName"],
      ["virtualNetworkLinks", "virtualNetworkLinkName"],
    ],
  },
  "azure-native:dns:Zone": { scope: "rg", namespace: "Microsoft.Network", path: [["dnsZones", "zoneName"]] },
  "azure-native:monitor:DiagnosticSetting": {
    scope: "scope",
    scopeInput: "resourceUri",
    namespace: "Microsoft.Insights",
    path: [["diagnosticSettings", "name"]],
  },
  "azure-native:managedidentity:UserAssignedIdentity": {
    scope: "rg",
    namespace: "Microsoft.ManagedIdentity",
    path: [["userAssignedIdentities", "resourceName"]],
  },
  "azure-native:authorization:RoleAssignment": {
    scope: "scope",
    namespace: "Microsoft.Authorization",
    path: [["roleAssignments", "roleAssignmentName"]],
  },
  // Clusters: AKS and its children, Key Vault keys, registry replicas, private endpoints, monitoring.
  "azure-native:containerservice:ManagedCluster": {
    scope: "rg",
    namespace: "Microsoft.ContainerService",
    path: [["managedClusters", "resourceName"]],
  },
  "azure-native:containerservice:MaintenanceConfiguration": {
    scope: "rg",
    namespace: "Microsoft.ContainerService",
    path: [
      ["managedClusters", "resourceName"],
      ["maintenanceConfigurations", "configName"],
    ],
  },
  "azure-native:keyvault:Key": {
    scope: "rg",
    namespace: "Microsoft.KeyVault",
    path: [
      ["vaults", "vaultName"],
      ["keys", "keyName"],
    ],
  },
  // Data: secrets the data stack writes into the environment's Key Vault (Elastic Cloud's URL and credentials).
  "azure-native:keyvault:Secret": {
    scope: "rg",
    namespace: "Microsoft.KeyVault",
    path: [
      ["vaults", "vaultName"],
      ["secrets", "secretName"],
    ],
  },
  "azure-native:containerregistry:Registry": {
    scope: "rg",
    namespace: "Microsoft.ContainerRegistry",
    path: [["registries", "registryName"]],
  },
  "azure-native:containerregistry:Replication": {
    scope: "rg",
    namespace: "Microsoft.ContainerRegistry",
    path: [
      ["registries", "registryName"],
      ["replications", "replicationName"],
    ],
  },
  "azure-native:network:PrivateDnsZoneGroup": {
    scope: "rg",
    namespace: "Microsoft.Network",
    path: [
      ["privateEndpoints", "privateEndpointName"],
      ["privateDnsZoneGroups", "privateDnsZoneGroupName"],
    ],
  },
  "azure-native:managedidentity:FederatedIdentityCredential": {
    scope: "rg",
    namespace: "Microsoft.ManagedIdentity",
    path: [
      ["userAssignedIdentities", "resourceName"],
      ["federatedIdentityCredentials", "federatedIdentityCredentialResourceName"],
    ],
  },
  "azure-native:monitor:AzureMonitorWorkspace": {
    scope: "rg",
    namespace: "Microsoft.Monitor",
    path: [["accounts", "azureMonitorWorkspaceName"]],
  },
  "azure-native:monitor:DataCollectionRuleAssociation": {
    scope: "scope",
    scopeInput: "resourceUri",
    namespace: "Microsoft.Insights",
    path: [["dataCollectionRuleAssociations", "associationName"]],
  },
  "azure-native:network:VirtualNetworkPeering": {
    scope: "rg",
    namespace: "Microsoft.Network",
    path: [
      ["virtualNetworks", "virtualNetworkName"],
      ["virtualNetworkPeerings", "virtualNetworkPeeringName"],
    ],
  },
  // Access (Azure Virtual Desktop): a VM extension is a child of its VM.
  "azure-native:compute:VirtualMachineExtension": {
    scope: "rg",
    namespace: "Microsoft.Compute",
    path: [
      ["virtualMachines", "vmName"],
      ["extensions", "vmExtensionName"],
    ],
  },
  // Edge: Front Door, its WAF policy, Application Gateway WAF policy, API Management.
  ...cdnTypes(),
  // Data: PostgreSQL, Cosmos DB, Managed Redis, storage, Elastic's DNS record.
  ...dataTypes(),
  "azure-native:frontdoor:Policy": {
    scope: "rg",
    namespace: "Microsoft.Network",
    path: [["frontDoorWebApplicationFirewallPolicies", "policyName"]],
  },
  "azure-native:network:WebApplicationFirewallPolicy": {
    scope: "rg",
    namespace: "Microsoft.Network",
    path: [["ApplicationGatewayWebApplicationFirewallPolicies", "policyName"]],
  },
  "azure-native:apimanagement:ApiManagementService": {
    scope: "rg",
    namespace: "Microsoft.ApiManagement",
    path: [["service", "serviceName"]],
  },
  "azure-native:apimanagement:NamedValue": {
    scope: "rg",
    namespace: "Microsoft.ApiManagement",
    path: [
      ["service", "serviceName"],
      ["namedValues", "namedValueId"],
    ],
  },
  "azure-native:apimanagement:Policy": {
    scope: "rg",
    namespace: "Microsoft.ApiManagement",
    path: [
      ["service", "serviceName"],
      ["policies", "policyId"],
    ],
  },
  "azure-native:apimanagement:ApiVersionSet": {
    scope: "rg",
    namespace: "Microsoft.ApiManagement",
    path: [
      ["service", "serviceName"],
      ["apiVersionSets", "versionSetId"],
    ],
  },
};

/** The data services and their children, by the input that holds each name. */
function dataTypes(): Record<string, ArmType> {
  const rg = (token: string, namespace: string, ...path: (readonly [string, string])[]): [string, ArmType] => [
    `azure-native:${token}`,
    { scope: "rg", namespace, path },
  ];
  const pg = ["flexibleServers", "serverName"] as const;
  const cosmos = ["databaseAccounts", "accountName"] as const;
  const redis = ["redisEnterprise", "clusterName"] as const;
  const storage = ["storageAccounts", "accountName"] as const;
  return Object.fromEntries([
    rg("dbforpostgresql:Server", "Microsoft.DBforPostgreSQL", pg),
    rg("dbforpostgresql:Database", "Microsoft.DBforPostgreSQL", pg, ["databases", "databaseName"]),
    rg("dbforpostgresql:Configuration", "Microsoft.DBforPostgreSQL", pg, ["configurations", "configurationName"]),
    rg("dbforpostgresql:VirtualEndpoint", "Microsoft.DBforPostgreSQL", pg, ["virtualendpoints", "virtualEndpointName"]),
    rg("dbforpostgresql:AdministratorsMicrosoftEntra", "Microsoft.DBforPostgreSQL", pg, ["administrators", "objectId"]),
    rg("cosmosdb:DatabaseAccount", "Microsoft.DocumentDB", cosmos),
    rg("cosmosdb:MongoDBResourceMongoDBDatabase", "Microsoft.DocumentDB", cosmos, ["mongodbDatabases", "databaseName"]),
    rg(
      "cosmosdb:MongoDBResourceMongoDBCollection",
      "Microsoft.DocumentDB",
      cosmos,
      ["mongodbDatabases", "databaseName"],
      ["collections", "collectionName"],
    ),
    rg("redisenterprise:RedisEnterprise", "Microsoft.Cache", redis),
    rg("redisenterprise:Database", "Microsoft.Cache", redis, ["databases", "databaseName"]),
    rg("storage:StorageAccount", "Microsoft.Storage", storage),
    rg("storage:BlobServiceProperties", "Microsoft.Storage", storage, ["blobServices", "blobServicesName"]),
    rg("storage:BlobContainer", "Microsoft.Storage", storage, ["blobServices/default/containers", "containerName"]),
    rg(
      "privatedns:PrivateRecordSet",
      "Microsoft.Network",
      ["privateDnsZones", "privateZoneName"],
      ["A", "relativeRecordSetName"],
    ),
  ]);
}

/** Front Door Standard/Premium (Microsoft.Cdn/profiles and its children). */
function cdnTypes(): Record<string, ArmType> {
  const profile = ["profiles", "profileName"] as const;
  const child = (type: string, ...segments: (readonly [string, string])[]): [string, ArmType] => [
    `azure-native:cdn:${type}`,
    { scope: "rg", namespace: "Microsoft.Cdn", path: [profile, ...segments] },
  ];
  return Object.fromEntries([
    child("Profile"),
    child("AFDEndpoint", ["afdEndpoints", "endpointName"]),
    child("AFDOriginGroup", ["originGroups", "originGroupName"]),
    child("AFDOrigin", ["originGroups", "originGroupName"], ["origins", "originName"]),
    child("AFDCustomDomain", ["customDomains", "customDomainName"]),
    child("Route", ["afdEndpoints", "endpointName"], ["routes", "routeName"]),
    child("RuleSet", ["ruleSets", "ruleSetName"]),
    child("Rule", ["ruleSets", "ruleSetName"], ["rules", "ruleName"]),
    child("SecurityPolicy", ["securityPolicies", "securityPolicyName"]),
  ]);
}

/** Resource provider namespace of an azure-native module where it is not Microsoft.<Module>. */
const NAMESPACES: Readonly<Record<string, string>> = {
  network: "Microsoft.Network",
  operationalinsights: "Microsoft.OperationalInsights",
  containerservice: "Microsoft.ContainerService",
  containerregistry: "Microsoft.ContainerRegistry",
  keyvault: "Microsoft.KeyVault",
  managedidentity: "Microsoft.ManagedIdentity",
  dbforpostgresql: "Microsoft.DBforPostgreSQL",
  cosmosdb: "Microsoft.DocumentDB",
  redisenterprise: "Microsoft.Cache",
  cdn: "Microsoft.Cdn",
  apimanagement: "Microsoft.ApiManagement",
  desktopvirtualization: "Microsoft.DesktopVirtualization",
  insights: "Microsoft.Insights",
  monitor: "Microsoft.Insights",
  storage: "Microsoft.Storage",
  authorization: "Microsoft.Authorization",
  dns: "Microsoft.Network",
  privatedns: "Microsoft.Network",
  elastic: "Microsoft.Elastic",
};

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** The ARM description of a type token, from the table or derived from its module and type name. */
export function armTypeOf(token: string): ArmType {
  const known = ARM_TYPES[token];
  if (known) return known;
  const [, module = "", type = ""] = token.split(":");
  const namespace = NAMESPACES[module] ?? `Microsoft.${module.charAt(0).toUpperCase()}${module.slice(1)}`;
  return { scope: "rg", namespace, path: [[`${lowerFirst(type)}s`, `${lowerFirst(type)}Name`]] };
}

/** "Microsoft.Network/virtualNetworks/subnets" for a token, as Azure reports a resource's type. */
export function armTypeName(token: string): string {
  const arm = armTypeOf(token);
  const segments = arm.path.map(([segment]) => segment).join("/");
  return arm.namespace ? `${arm.namespace}/${segments}` : `Microsoft.Resources/${segments}`;
}
