/**
 * A Secret another namespace holds (an operator's generated credentials, e.g. CloudNativePG's `<cluster>-app`),
 * mirrored into a service's namespace by Reflector: the service renders an empty Secret that names its source
 * with the `reflects` annotation; Reflector copies the data, if the source allows the namespace
 * (`reflection-allowed`, `reflection-allowed-namespaces` on the source). A pod reads only Secrets of its own
 * namespace, so this is how a service reads what an operator generated elsewhere, with no copy in Key Vault.
 * https://github.com/emberstack/kubernetes-reflector (annotations reflection-allowed,
 * reflection-allowed-namespaces, reflects)
 */
import { Secret } from "kubernetes-models/v1/Secret";

export const REFLECTOR = "reflector.v1.k8s.emberstack.com";

/** The annotations a source Secret carries to let these namespaces mirror it (no automatic copies). */
export function reflectionAllowed(namespaces: readonly string[]): Record<string, string> {
  return {
    [`${REFLECTOR}/reflection-allowed`]: "true",
    [`${REFLECTOR}/reflection-allowed-namespaces`]: [...new Set(namespaces)].sort().join(","),
  };
}

export interface MirroredSecretArgs {
  /** Name in the service's namespace: the source's name. */
  name: string;
  namespace: string;
  source: { namespace: string; name: string };
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export function mirroredSecret(args: MirroredSecretArgs): Secret {
  return new Secret({
    metadata: {
      name: args.name,
      namespace: args.namespace,
      ...(args.labels ? { labels: args.labels } : {}),
      annotations: { ...args.annotations, [`${REFLECTOR}/reflects`]: `${args.source.namespace}/${args.source.name}` },
    },
  });
}
