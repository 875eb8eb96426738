/**
 * The service's ServiceAccount: its own workload identity's (with the client ID, docs/adr/0053), the cluster
 * stack's for a cluster workload identity, or one of its own without Azure access.
 */
import { ServiceAccount } from "kubernetes-models/v1/ServiceAccount";
import type { KubeObject } from "../kube-object.ts";
import { WORKLOAD_IDENTITY_CLIENT_ID } from "../workload-identity.ts";
import type { ServiceFrame } from "./frame.ts";

export function serviceIdentity(f: ServiceFrame): { serviceAccount: string; objects: KubeObject[] } {
  const { spec, name, meta, beforeMigration } = f;
  if (spec.workloadIdentity && spec.azureIdentity)
    throw new Error(`service ${name}: workloadIdentity and azureIdentity are exclusive (one ServiceAccount)`);
  if (spec.workloadIdentity) {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(spec.workloadIdentity.clientId))
      throw new Error(`service ${name}: workloadIdentity.clientId "${spec.workloadIdentity.clientId}" is not a GUID`);
    return {
      serviceAccount: name,
      objects: [
        new ServiceAccount({
          metadata: {
            ...meta(name),
            annotations: { [WORKLOAD_IDENTITY_CLIENT_ID]: spec.workloadIdentity.clientId, ...beforeMigration },
          },
        }),
      ],
    };
  }
  if (spec.azureIdentity) {
    const identity = f.ctx.identity(spec.azureIdentity);
    if (identity.namespace !== f.namespace) {
      throw new Error(
        `service ${name}: identity ${identity.key} is federated with ${identity.namespace}/${identity.serviceAccount}, not namespace ${f.namespace}`,
      );
    }
    return { serviceAccount: identity.serviceAccount, objects: [] };
  }
  return {
    serviceAccount: name,
    objects: [
      new ServiceAccount({
        metadata: { ...meta(name), ...(spec.migrations ? { annotations: beforeMigration } : {}) },
        automountServiceAccountToken: false,
      }),
    ],
  };
}
