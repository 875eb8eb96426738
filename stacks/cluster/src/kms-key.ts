/**
 * The key that encrypts the cluster's Kubernetes secrets in etcd (KMS), in a Key Vault of its own
 * (model: packages/model/src/cluster/kms-vault.ts): RSA-HSM 2048 (Premium vault), created here because its versioned
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
import type { KmsVaultModel, RegionName, SubscriptionKey } from "@plugilo/model";
import type { RoleAssignment } from "@pulumi/azure-native/authorization/index.js";
import { Key, type Vault } from "@pulumi/azure-native/keyvault/index.js";
import { PrivateDnsZoneGroup, PrivateEndpoint } from "@pulumi/azure-native/network/index.js";
import * as pulumi from "@pulumi/pulumi";
import { grant } from "./role-assignment.ts";

export interface KmsKeyArgs {
  /** The cluster's name (role assignment names) and region. */
  readonly clusterName: string;
  readonly region: RegionName;
  /** The cluster's subscription: the vault, key and endpoint are created with its provider. */
  readonly subscription: SubscriptionKey;
  /** The key's name and its vault, as the model resolves them (packages/model/src/cluster/kms-vault.ts). */
  readonly kms: { readonly keyName: string; readonly vault: KmsVaultModel };
  /** The control-plane identity: it gets the roles KMS needs. */
  readonly controlPlane: { readonly name: string; readonly principalId: pulumi.Input<string> };
  readonly tenantId: string;
  /** The Log Analytics workspace of the cluster's region. */
  readonly workspaceId: string;
  /** This region's privatelink.vaultcore.azure.net zone. */
  readonly vaultDnsZoneId: string;
  /** Protect the vault and the key from deletion. @default false */
  readonly protect?: boolean;
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
    const { clusterName, region, tags } = args;
    const { keyName, vault: kv } = args.kms;
    const own = { parent: this, provider: args.providerFor(args.subscription) };
    const protect = args.protect ?? false;
    // Losing the vault or key makes every secret of the cluster unreadable.
    this.vault = privateKeyVault(
      {
        resourceGroupName: kv.resourceGroup,
        vaultName: kv.name,
        location: region,
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
        location: region,
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
    const cp = { identityName: args.controlPlane.name, principalId: args.controlPlane.principalId };
    this.grants = [
      grant(
        `${clusterName}-kms-crypto-user`,
        { ...cp, role: "Key Vault Crypto User", scope: `${kv.id}/keys/${keyName}` },
        { ...own, dependsOn: [this.key] },
      ),
      grant(
        `${clusterName}-kms-vault-contributor`,
        { ...cp, role: "Key Vault Contributor", scope: kv.id },
        { ...own, dependsOn: [this.vault] },
      ),
    ];
    this.registerOutputs({ keyId: this.key.keyUriWithVersion, vaultId: this.vault.id });
  }
}
