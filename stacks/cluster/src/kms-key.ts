/**
 * The key that encrypts the cluster's Kubernetes secrets in etcd (KMS), in the environment Key Vault:
 * RSA-HSM 2048 (Premium vault), created here because its versioned URI is a value Azure invents that only
 * this stack needs. The control-plane identity gets Key Vault Crypto User on the key, and Key Vault
 * Contributor on the vault, which KMS with a private vault requires; a private vault needs API Server VNet
 * Integration, which the clusters use (docs/adr/0031).
 * Rotation is manual: create a new version, then update the cluster with it (KMS reads the key ID it is given).
 * https://learn.microsoft.com/azure/aks/use-kms-etcd-encryption
 */
import type { ProviderFor } from "@plugilo/components";
import type { ClusterModel, EnvironmentModel } from "@plugilo/model";
import type { RoleAssignment } from "@pulumi/azure-native/authorization/index.js";
import { Key } from "@pulumi/azure-native/keyvault/index.js";
import * as pulumi from "@pulumi/pulumi";
import { grant } from "./role-assignment.ts";

export interface KmsKeyArgs {
  model: EnvironmentModel;
  cluster: ClusterModel;
  keyName: string;
  controlPlanePrincipalId: pulumi.Input<string>;
  providerFor: ProviderFor;
  tags: Record<string, string>;
}

export class KmsKey extends pulumi.ComponentResource {
  readonly key: Key;
  readonly grants: RoleAssignment[];

  constructor(name: string, args: KmsKeyArgs, opts?: pulumi.ComponentResourceOptions) {
    super("plugilo:cluster:KmsKey", name, {}, opts);
    const { model, cluster: c, keyName, tags } = args;
    const kv = model.keyVault;
    const inData = { parent: this, provider: args.providerFor("data") };
    this.key = new Key(
      keyName,
      {
        resourceGroupName: kv.resourceGroup,
        vaultName: kv.name,
        keyName,
        tags,
        properties: { kty: "RSA-HSM", keySize: 2048, keyOps: ["encrypt", "decrypt", "wrapKey", "unwrapKey"] },
      },
      // Losing the key makes every secret of the cluster unreadable.
      { ...inData, protect: model.protectStateful },
    );
    const cp = { identityName: c.identities.controlPlane.name, principalId: args.controlPlanePrincipalId };
    const keyId = `${kv.id}/keys/${keyName}`;
    this.grants = [
      grant(
        `${c.name}-kms-crypto-user`,
        { ...cp, role: "Key Vault Crypto User", scope: keyId },
        { ...inData, dependsOn: [this.key] },
      ),
      grant(`${c.name}-kms-vault-contributor`, { ...cp, role: "Key Vault Contributor", scope: kv.id }, inData),
    ];
    this.registerOutputs({ keyId: this.key.keyUriWithVersion });
  }
}
