/**
 * Layer cluster, one stack per cluster (App1 or App2 subscription): the cluster's spoke, its identities, the
 * AKS cluster with Node Auto Provisioning, monitoring, the KMS key, the workload identities, the private
 * endpoints of the environment Key Vault and registry (the primary cluster only), and the Argo CD bootstrap.
 * Everything comes from the model (packages/model/src/cluster/cluster-settings.ts); only the values Azure invents
 * (identity principal and client IDs, the OIDC issuer, the KMS key version, the kubeconfig) are outputs used
 * here.
 */
import { fileURLToPath } from "node:url";
import { layerSpoke, subscriptionProviders, workspaceIn } from "@plugilo/components";
import { type EnvironmentModel, privateDnsZoneFor } from "@plugilo/model";

import { AksCluster } from "./aks-cluster.ts";
import { ArgoCdBootstrap, type RepositoryCredential } from "./argocd-bootstrap.ts";
import { ClusterIdentities } from "./cluster-identities.ts";
import { ClusterMonitoring } from "./cluster-monitoring.ts";
import { clusterDeployFolders, secretsReadByStore } from "./external-secret-reads.ts";
import { KmsKey } from "./kms-key.ts";
import { kubernetesProvider } from "./kubernetes-access.ts";
import { SharedServiceEndpoints } from "./shared-service-endpoints.ts";
import { WorkloadIdentities } from "./workload-identities.ts";
import { WorkloadServiceAccounts } from "./workload-service-accounts.ts";

export interface ClusterOptions {
  /** Read access to a private GitOps repository for Argo CD (index.ts takes it from the stack config). */
  repositoryCredential?: RepositoryCredential;
}

export function cluster(model: EnvironmentModel, name: string, options: ClusterOptions = {}) {
  const c = model.clusters.find((x) => x.name === name);
  if (!c)
    throw new Error(
      `environment ${model.name} has no cluster "${name}" (clusters: ${model.clusters.map((x) => x.name).join(", ")})`,
    );
  const vnet = model.vnets.find((v) => v.key === c.vnetKey);
  if (!vnet) throw new Error(`cluster ${name} has no VNet ${c.vnetKey} in the address plan`);
  const providerFor = subscriptionProviders(model);
  const own = { providers: [providerFor(c.subscription)] };
  const tags = { ...model.tags, layer: c.name };

  const spoke = layerSpoke(vnet, model, providerFor);
  const identities = new ClusterIdentities(
    "identities",
    { cluster: c, containerRegistryId: model.containerRegistry.id, providerFor, tags },
    own,
  );
  const kms = c.aks.kms
    ? new KmsKey(
        "kms",
        {
          clusterName: c.name,
          region: c.region,
          subscription: c.subscription,
          kms: c.aks.kms,
          controlPlane: { name: c.identities.controlPlane.name, principalId: identities.controlPlane.principalId },
          tenantId: model.tenantId,
          workspaceId: workspaceIn(model.logAnalytics, c.region),
          vaultDnsZoneId: privateDnsZoneFor(model.dns, "privatelink.vaultcore.azure.net", c.region).id,
          protect: model.protectStateful,
          spokeVnet: spoke.virtualNetwork,
          providerFor,
          tags,
        },
        own,
      )
    : undefined;
  const aks = new AksCluster(
    "aks",
    {
      cluster: c,
      tenantId: model.tenantId,
      protect: model.protectStateful,
      controlPlane: identities.controlPlane,
      kubelet: identities.kubelet,
      ...(kms ? { kmsKeyId: kms.key.keyUriWithVersion } : {}),
      tags,
      dependsOn: [spoke, ...identities.grants, ...(kms ? [...kms.grants, kms.endpoint] : [])],
    },
    own,
  );
  new ClusterMonitoring("monitoring", { cluster: c, clusterId: aks.cluster.id, tags }, own);
  const placement = c.aks.sharedServiceEndpoints;
  if (placement) {
    const zoneId = (zone: string) => privateDnsZoneFor(model.dns, zone, c.region).id;
    new SharedServiceEndpoints(
      "shared-endpoints",
      {
        placement,
        resourceGroup: c.resourceGroup.name,
        region: c.region,
        keyVaultId: model.keyVault.id,
        containerRegistryId: model.containerRegistry.id,
        privateDnsZoneIds: {
          "privatelink.vaultcore.azure.net": zoneId("privatelink.vaultcore.azure.net"),
          "privatelink.azurecr.io": zoneId("privatelink.azurecr.io"),
        },
        spokeVnet: spoke.virtualNetwork,
        tags,
      },
      own,
    );
  }

  const oidcIssuerUrl = aks.cluster.oidcIssuerProfile.apply((p) => {
    if (!p?.issuerURL) throw new Error(`${c.aksName} reports no OIDC issuer URL`);
    return p.issuerURL;
  });
  const workloads = new WorkloadIdentities(
    "workload-identities",
    {
      cluster: c,
      oidcIssuerUrl,
      providerFor,
      tags,
      subscriptions: model.subscriptions,
      keyVaultId: model.keyVault.id,
      // The repository root: deploy/ is what Argo CD syncs, rendered from packages/gitops.
      secretsByStore: secretsReadByStore(
        fileURLToPath(new URL("../../../", import.meta.url)),
        clusterDeployFolders(model.name, c.name),
      ),
    },
    own,
  );

  const kubernetes = kubernetesProvider(`k8s-${c.name}`, c, aks.cluster, providerFor(c.subscription), { dependsOn: [aks] });
  new WorkloadServiceAccounts("service-accounts", { cluster: c, identities: workloads.identities, kubernetes });
  const argocd = new ArgoCdBootstrap("argocd", {
    cluster: c,
    kubernetes,
    ...(options.repositoryCredential ? { repositoryCredential: options.repositoryCredential } : {}),
  });

  return {
    aksName: c.aksName,
    region: c.region,
    clusterId: aks.cluster.id,
    privateFqdn: aks.cluster.privateFQDN,
    oidcIssuerUrl,
    nodeProvisioning: c.aks.nodeProvisioning,
    ingressIp: c.ingressIp,
    gitopsPath: c.gitopsPath,
    rootApplication: argocd.rootApplication.metadata.name,
    vnetId: spoke.virtualNetwork.id,
    kubeletIdentityClientId: identities.kubelet.clientId,
    // Annotated on the ServiceAccounts here; listed for people and scripts.
    workloadIdentityClientIds: Object.fromEntries(Object.entries(workloads.identities).map(([k, v]) => [k, v.clientId])),
  };
}
