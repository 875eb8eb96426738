/**
 * The key that encrypts the cluster's Kubernetes secrets in etcd (KMS), in a Key Vault of its own
 * (model: packages/model/src/kms-vault.ts): RSA-HSM 2048 (Premium vault), created here because its versioned
 * URI is a value Azure invents that only this stack needs. The control-plane identity gets Key Vault Crypto
 * User on the key and Key Vault Contributor on this vault, which KMS with a private vault requires; on a vault
 * that holds only this key, that role reaches nothing else (docs/adr/0130). A private vault needs API Server
 * VNet Integration, which the clusters use (docs/adr/0031); the API server reaches the vault through the
 * private endpoint in the cluster spoke, resolved in this region's privatelink.vaultcore.azure.net zone.
 * Rotation is manual: create a new version, then update the cluster with it (KMS reads the key ID it is given).
 * https://learn.microsoft.com/azure/aks/use-kms-etcd-encryption
 * https://learn.microsoft.com/azure/key-vault/general/private-link-service
 */
import { type ProviderFor, privateKeyVault } from "@plugilo/components";
import type { ClusterModel } from "@plugilo/model";
import type { RoleAssignment } from "@pulumi/azure-native/authorization/index.js";
import { Key, type Vault } from "@pulumi/azure-native/keyvault/index.js";
import { PrivateDnsZoneGroup, PrivateEndpoint } from "@pulumi/azure-native/network/index.js";
import * as pulumi from "@pulumi/pulumi";
import { grant } from "./role-assignment.ts";

export interface KmsKeyArgs {
  /** The cluster: its name, region, subscription, KMS vault and key, control-plane identity. */
  readonly cluster: Pick<ClusterModel, "name" | "region" | "subscription" | "aks" | "identities">;
  readonly tenantId: string;
  /** The Log Analytics workspace of the cluster's region. */
  readonly workspaceId: string;
  /** This region's privatelink.vaultcore.azure.net zone. */
  readonly vaultDnsZoneId: string;
  /** Protect the vault and the key from deletion. @default false */
  readonly protect?: boolean;
  readonly controlPlanePrincipalId: pulumi.Input<string>;
  /** The spoke VNet: the private endpoint's subnet must exist first. */
  readonly spokeVnet: pulumi.Resource;
  readonly providerFor: ProviderFor;
  readonly tags: Record<string, string>;
}

export class KmsKey extends pulumi.ComponentResource {
  readonly vault: Vault;
  readonly key: Key;
  readonly endpoint: PrivateEndpoint;
  readonly grants: RoleAssignment[];

  constructor(name: string, args: KmsKeyArgs, opts?: pulumi.ComponentResourceOptions) {
    super("plugilo:cluster:KmsKey", name, {}, opts);
    const { cluster: c, tags } = args;
    if (!c.aks.kms) throw new Error(`cluster ${c.name} has no KMS encryption`);
    const { keyName, vault: kv } = c.aks.kms;
    const own = { parent: this, provider: args.providerFor(c.subscription) };
    const protect = args.protect ?? false;
    // Losing the vault or key makes every secret of the cluster unreadable.
    this.vault = privateKeyVault(
      {
        resourceGroupName: kv.resourceGroup,
        vaultName: kv.name,
        location: c.region,
        tenantId: args.tenantId,
        tags,
        workspaceId: args.workspaceId,
        protect,
      },
      own,
    );
    this.endpoint = new PrivateEndpoint(
      kv.privateEndpointName,
      {
        resourceGroupName: kv.resourceGroup,
        privateEndpointName: kv.privateEndpointName,
        location: c.region,
        tags,
        subnet: { id: kv.subnetId },
        customNetworkInterfaceName: `${kv.privateEndpointName}-nic`,
        privateLinkServiceConnections: [
          { name: kv.privateEndpointName, privateLinkServiceId: this.vault.id, groupIds: ["vault"] },
        ],
      },
      { ...own, dependsOn: [args.spokeVnet] },
    );
    new PrivateDnsZoneGroup(
      `${kv.privateEndpointName}-dns`,
      {
        resourceGroupName: kv.resourceGroup,
        privateEndpointName: this.endpoint.name,
        privateDnsZoneGroupName: "default",
        privateDnsZoneConfigs: [
          {
            name: "privatelink-vaultcore-azure-net",
            privateDnsZoneId: args.vaultDnsZoneId,
          },
        ],
      },
      own,
    );
    this.key = new Key(
      keyName,
      {
        resourceGroupName: kv.resourceGroup,
        vaultName: this.vault.name,
        keyName,
        tags,
        properties: { kty: "RSA-HSM", keySize: 2048, keyOps: ["encrypt", "decrypt", "wrapKey", "unwrapKey"] },
      },
      { ...own, protect },
    );
    const cp = { identityName: c.identities.controlPlane.name, principalId: args.controlPlanePrincipalId };
    this.grants = [
      grant(
        `${c.name}-kms-crypto-user`,
        { ...cp, role: "Key Vault Crypto User", scope: `${kv.id}/keys/${keyName}` },
        { ...own, dependsOn: [this.key] },
      ),
      grant(
        `${c.name}-kms-vault-contributor`,
        { ...cp, role: "Key Vault Contributor", scope: kv.id },
        { ...own, dependsOn: [this.vault] },
      ),
    ];
    this.registerOutputs({ keyId: this.key.keyUriWithVersion, vaultId: this.vault.id });
  }
}
