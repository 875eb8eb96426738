/**
 * The namespace and ServiceAccount of each workload identity, annotated with its identity's client ID (a value
 * Azure invents at deployment, so it is written here and not rendered by GitOps). GitOps installs the
 * workloads with `serviceAccount.create: false` and these names (packages/model/src/cluster/cluster-identities.ts).
 * Pods opt in with the label azure.workload.identity/use: "true" (set by the GitOps renderer).
 * https://learn.microsoft.com/azure/aks/workload-identity-overview#service-account-annotations
 */
import type { ClusterModel } from "@plugilo/model";
import type { UserAssignedIdentity } from "@pulumi/azure-native/managedidentity/index.js";
import { Namespace, ServiceAccount } from "@pulumi/kubernetes/core/v1/index.js";
import type { Provider } from "@pulumi/kubernetes/provider.js";
import * as pulumi from "@pulumi/pulumi";

export interface WorkloadServiceAccountsArgs {
  cluster: ClusterModel;
  identities: Record<string, UserAssignedIdentity>;
  kubernetes: Provider;
}

/** Marks objects this stack owns, so GitOps (and people) can tell them from Argo CD's. */
export const MANAGED_BY_LABEL = { "app.kubernetes.io/managed-by": "pulumi-plugilo-cluster" };

export class WorkloadServiceAccounts extends pulumi.ComponentResource {
  constructor(name: string, args: WorkloadServiceAccountsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("plugilo:cluster:WorkloadServiceAccounts", name, {}, opts);
    const { cluster: c, identities, kubernetes } = args;
    const k8s = { parent: this, provider: kubernetes };
    const namespaces = new Map<string, Namespace>();
    for (const w of c.identities.workloads) {
      const identity = identities[w.key];
      if (!identity) throw new Error(`no identity for workload ${w.key}`);
      let ns = namespaces.get(w.namespace);
      if (!ns) {
        ns = new Namespace(`${c.name}-ns-${w.namespace}`, { metadata: { name: w.namespace, labels: MANAGED_BY_LABEL } }, k8s);
        namespaces.set(w.namespace, ns);
      }
      new ServiceAccount(
        `${c.name}-sa-${w.namespace}-${w.serviceAccount}`,
        {
          metadata: {
            name: w.serviceAccount,
            namespace: w.namespace,
            labels: MANAGED_BY_LABEL,
            annotations: { "azure.workload.identity/client-id": identity.clientId },
          },
        },
        { ...k8s, dependsOn: [ns] },
      );
    }
    this.registerOutputs({});
  }
}
