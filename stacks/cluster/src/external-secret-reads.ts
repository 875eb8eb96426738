/**
 * Which Key Vault secrets each ClusterSecretStore's ExternalSecrets read in a cluster, from the manifests Argo CD
 * syncs (deploy/<env>/<cluster>/ and deploy/<env>/services/<cluster>/, rendered by `plugilo render` and checked
 * for drift in CI). Each store's identity gets "Key Vault Secrets User" on exactly these secrets
 * (secret-scope role assignments, https://learn.microsoft.com/azure/key-vault/general/rbac-guide), so a store,
 * and the namespaces its conditions admit, can read no other secret of the vault (docs/adr/0130).
 * A name pattern (`dataFrom.find`) cannot be a role scope: it is refused, naming the file.
 * Key names: https://external-secrets.io/latest/provider/azure-key-vault/ (`secret/<name>` or a bare name).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { parseAllDocuments } from "yaml";

interface ExternalSecretDoc {
  kind?: string;
  spec?: {
    secretStoreRef?: { kind?: string; name?: string };
    data?: { remoteRef?: { key?: string } }[];
    dataFrom?: { extract?: { key?: string }; find?: unknown }[];
  };
}

const SECRET_NAME = /^[A-Za-z0-9-]{1,127}$/;

function yamlFiles(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((e) => {
    const path = join(dir, e);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(e) ? [path] : [];
  });
}

function secretName(key: string | undefined, file: string): string {
  const name = key?.startsWith("secret/") ? key.slice("secret/".length) : key;
  if (!name || !SECRET_NAME.test(name))
    throw new Error(
      `${file}: remoteRef key "${key ?? ""}" is not a Key Vault secret name (keys and certificates are not read by stores)`,
    );
  return name;
}

/** Store name -> the sorted secret names its ExternalSecrets read, over the given folders. */
export function secretsReadByStore(repositoryRoot: string, folders: readonly string[]): Record<string, string[]> {
  const reads = new Map<string, Set<string>>();
  for (const file of folders.flatMap((f) => yamlFiles(join(repositoryRoot, f))).sort()) {
    const shown = relative(repositoryRoot, file);
    const text = readFileSync(file, "utf8");
    // Most synced files hold no ExternalSecret: only a file that names the kind is worth parsing.
    if (!text.includes("ExternalSecret")) continue;
    for (const doc of parseAllDocuments(text)) {
      const es = doc.toJS() as ExternalSecretDoc | null;
      if (es?.kind !== "ExternalSecret") continue;
      const store = es.spec?.secretStoreRef?.name;
      if (!store || es.spec?.secretStoreRef?.kind !== "ClusterSecretStore")
        throw new Error(`${shown}: spec.secretStoreRef must name a ClusterSecretStore`);
      const names = reads.get(store) ?? new Set<string>();
      for (const d of es.spec?.data ?? []) names.add(secretName(d.remoteRef?.key, shown));
      for (const d of es.spec?.dataFrom ?? []) {
        if (d.find !== undefined) throw new Error(`${shown}: spec.dataFrom.find reads secrets by pattern; name each secret`);
        names.add(secretName(d.extract?.key, shown));
      }
      reads.set(store, names);
    }
  }
  return Object.fromEntries([...reads].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, [...v].sort()]));
}

/** The folders Argo CD syncs into one cluster. */
export function clusterDeployFolders(environment: string, cluster: string): string[] {
  return [`deploy/${environment}/${cluster}`, `deploy/${environment}/services/${cluster}`];
}
