/**
 * Which namespaces may read Key Vault through which ClusterSecretStore (docs/adr/0125). One store for the
 * platform add-ons, usable only from the namespaces whose ExternalSecrets the add-ons render; one for the
 * services, usable only from the services' namespaces. A ClusterSecretStore without conditions serves every
 * namespace: here none is left without.
 * Conditions: https://external-secrets.io/latest/api/clustersecretstore/
 */
import { ClusterSecretStore } from "@kubernetes-models/external-secrets/external-secrets.io/v1/ClusterSecretStore";
import type { ClusterContext } from "./context.ts";
import { KEY_VAULT_STORE, SERVICES_KEY_VAULT_STORE } from "./external-secret.ts";
import type { KubeObject } from "./kube-object.ts";

interface StoreLike {
  kind?: string;
  metadata?: { name?: string; namespace?: string };
  spec?: Record<string, unknown>;
}

/**
 * Sets the platform store's namespace conditions from the add-ons' ExternalSecrets and adds the services'
 * store beside it, restricted to the services' namespaces. `addonObjects` is mutated (the set holding the store).
 */
export function restrictSecretStores(
  addonSets: { objects: KubeObject[] }[],
  serviceNamespaces: readonly string[],
  /** The services store's own ServiceAccount (its identity reads only the services' secrets, docs/adr/0130). */
  servicesAccount?: { name: string; namespace: string },
): void {
  const all = addonSets.flatMap((s) => s.objects as StoreLike[]);
  const set = addonSets.find((s) =>
    (s.objects as StoreLike[]).some((o) => o.kind === "ClusterSecretStore" && o.metadata?.name === KEY_VAULT_STORE),
  );
  if (!set) return;
  const store = set.objects.find((o) => (o as StoreLike).metadata?.name === KEY_VAULT_STORE) as StoreLike;
  const platformNamespaces = [...new Set(all.filter((o) => o.kind === "ExternalSecret").map((o) => o.metadata?.namespace ?? ""))]
    .filter(Boolean)
    .sort();
  const clash = platformNamespaces.filter((ns) => serviceNamespaces.includes(ns));
  if (clash.length) throw new Error(`namespaces ${clash.join(", ")} hold both platform and service secrets`);
  store.spec = { ...store.spec, conditions: [{ namespaces: platformNamespaces }] };
  if (serviceNamespaces.length)
    set.objects.push(
      new ClusterSecretStore({
        metadata: { name: SERVICES_KEY_VAULT_STORE },
        spec: {
          ...(store.spec as object),
          ...(servicesAccount ? { provider: withServiceAccount(store.spec?.provider, servicesAccount) } : {}),
          conditions: [{ namespaces: [...new Set(serviceNamespaces)].sort() }],
        },
      } as ConstructorParameters<typeof ClusterSecretStore>[0]),
    );
}

function withServiceAccount(provider: unknown, account: { name: string; namespace: string }) {
  const azurekv = (provider as { azurekv?: Record<string, unknown> } | undefined)?.azurekv;
  if (!azurekv) throw new Error("the Key Vault ClusterSecretStore has no azurekv provider");
  return { azurekv: { ...azurekv, serviceAccountRef: { name: account.name, namespace: account.namespace } } };
}

/** The identity of the services' store (packages/model/src/cluster/cluster-identities.ts, key "esosvc"). */
export function servicesStoreAccount(ctx: ClusterContext): { name: string; namespace: string } {
  const w = ctx.identity("esosvc");
  return { name: w.serviceAccount, namespace: w.namespace };
}
