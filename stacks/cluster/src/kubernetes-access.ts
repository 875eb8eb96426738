/**
 * The Kubernetes provider of a cluster, built from the user kubeconfig AKS returns for an Entra ID cluster
 * (local accounts are off, so there is no admin kubeconfig). That kubeconfig calls kubelogin with device-code
 * login; it is rewritten to `--login azurecli`, which uses the Azure CLI session of whoever runs
 * `pulumi up`: an engineer after `az login`, or CI after azure/login with OIDC. The caller needs an Azure
 * RBAC Kubernetes role on the cluster (the admin groups have Cluster Admin) and a network path to the private
 * API server: stacks/cluster/README.md, "First bootstrap".
 * https://learn.microsoft.com/azure/aks/kubelogin-authentication
 */
import type { ClusterModel } from "@plugilo/model";
import type { ManagedCluster } from "@pulumi/azure-native/containerservice/index.js";
import { listManagedClusterUserCredentialsOutput } from "@pulumi/azure-native/containerservice/index.js";
import type { Provider as AzureProvider } from "@pulumi/azure-native/provider.js";
import { Provider } from "@pulumi/kubernetes/provider.js";
import * as pulumi from "@pulumi/pulumi";
import { parse, stringify } from "yaml";

/** The Entra ID application of the AKS API server (the same in every tenant). */
export const AKS_SERVER_APP_ID = "6dae42f8-4368-4678-94ff-3960e28e3630";

interface Kubeconfig {
  users?: { name: string; user: { exec?: { args?: string[]; command?: string } } }[];
}

/** The kubeconfig with every kubelogin exec entry switched to Azure CLI login. */
export function withAzureCliLogin(kubeconfig: string): string {
  const doc = parse(kubeconfig) as Kubeconfig;
  for (const user of doc.users ?? []) {
    const exec = user.user.exec;
    if (exec?.command !== "kubelogin") continue;
    exec.args = ["get-token", "--login", "azurecli", "--server-id", AKS_SERVER_APP_ID];
  }
  return stringify(doc);
}

export function kubernetesProvider(
  name: string,
  c: ClusterModel,
  cluster: ManagedCluster,
  azure: AzureProvider,
  opts: pulumi.CustomResourceOptions,
): Provider {
  const credentials = listManagedClusterUserCredentialsOutput(
    { resourceGroupName: c.resourceGroup.name, resourceName: cluster.name, format: "exec" },
    { provider: azure, parent: opts.parent },
  );
  const kubeconfig = credentials.kubeconfigs.apply((k) => {
    const value = k?.[0]?.value;
    if (!value) throw new Error(`AKS returned no user kubeconfig for ${c.aksName}`);
    return withAzureCliLogin(Buffer.from(value, "base64").toString("utf8"));
  });
  return new Provider(
    name,
    {
      kubeconfig: pulumi.secret(kubeconfig),
      enableServerSideApply: true,
    },
    opts,
  );
}
