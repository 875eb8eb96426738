/**
 * A service's own identity for the data services (packages/model/src/data/service-identities.ts): the
 * user-assigned identity, one federated credential per cluster (the issuer URL is an output of that
 * cluster's stack, read through a stack reference: the cluster layer deploys before the data layer), and an
 * access policy assignment on the "default" database of every regional Azure Managed Redis cache.
 * Federated credentials: https://learn.microsoft.com/azure/aks/workload-identity-deploy-cluster
 * Access policy assignments (Microsoft.Cache/redisEnterprise/databases/accessPolicyAssignments, properties
 * accessPolicyName and user.objectId): https://learn.microsoft.com/azure/templates/microsoft.cache/redisenterprise/databases/accesspolicyassignments
 */
import { REDIS_DEFAULT_ACCESS_POLICY, type ServiceIdentityModel, WORKLOAD_IDENTITY_AUDIENCE } from "@plugilo/model";
import { FederatedIdentityCredential, UserAssignedIdentity } from "@pulumi/azure-native/managedidentity/index.js";
import { AccessPolicyAssignment } from "@pulumi/azure-native/redisenterprise/index.js";
import * as pulumi from "@pulumi/pulumi";

export interface ServiceIdentityArgs {
  identity: ServiceIdentityModel;
  tags: Record<string, string>;
  /** The OIDC issuer URL of a cluster stack (`<env>-<cluster>` of project plugilo-cluster). */
  issuerOf: (stack: string) => pulumi.Input<string>;
  /** The Redis databases, so the assignments wait for them. */
  dependsOn?: pulumi.Resource[];
}

export class ServiceIdentity extends pulumi.ComponentResource {
  readonly identity: UserAssignedIdentity;

  constructor(name: string, args: ServiceIdentityArgs, opts?: pulumi.ComponentResourceOptions) {
    super("plugilo:data:ServiceIdentity", name, {}, opts);
    const s = args.identity;
    const child = { parent: this };
    this.identity = new UserAssignedIdentity(
      s.identityName,
      {
        resourceGroupName: s.resourceGroup,
        location: s.region,
        resourceName: s.identityName,
        tags: { ...args.tags, service: s.service },
      },
      child,
    );
    for (const f of s.federations) {
      new FederatedIdentityCredential(
        `${s.identityName}-${f.cluster}`,
        {
          resourceGroupName: s.resourceGroup,
          resourceName: this.identity.name,
          federatedIdentityCredentialResourceName: f.credentialName,
          issuer: args.issuerOf(f.stack),
          subject: s.subject,
          audiences: [WORKLOAD_IDENTITY_AUDIENCE],
        },
        child,
      );
    }
    for (const a of s.redisAssignments) {
      new AccessPolicyAssignment(
        `${s.identityName}-${a.cacheName}`,
        {
          resourceGroupName: a.resourceGroup,
          clusterName: a.cacheName,
          databaseName: a.databaseName,
          accessPolicyAssignmentName: a.assignmentName,
          accessPolicyName: REDIS_DEFAULT_ACCESS_POLICY,
          user: { objectId: this.identity.principalId },
        },
        { ...child, ...(args.dependsOn ? { dependsOn: args.dependsOn } : {}) },
      );
    }
    this.registerOutputs({});
  }
}
