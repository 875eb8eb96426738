/**
 * Where the services connect to the managed PostgreSQL (staging, prod). The pooler is not in the clusters, as
 * PgBouncer can work with Microsoft Entra ID only on the server: the pooler is the server's built-in PgBouncer (port 6432, model.data.pgbouncer, configured by the
 * data stack's server parameters), which accepts each service's own Entra token. A PgBouncer on AKS would have
 * to log in upstream with one password it knows in advance, which a server with password authentication off
 * does not accept (docs/adr/0060). So this add-on runs no pooler: it renders where the pooler is, as libpq
 * environment variables in a ConfigMap (no credentials), mirrored by Reflector into the namespaces of the
 * services; a service adds PGUSER (its identity's name) and PGPASSWORD (its token) itself.
 */
import type { PgBouncerModel } from "@plugilo/model";
import { ConfigMap } from "kubernetes-models/v1/ConfigMap";
import type { AddonDefinition } from "../addon.ts";
import { SERVICES } from "../services/index.ts";

const REFLECTOR = "reflector.v1.k8s.emberstack.com";

/** libpq's variables: https://www.postgresql.org/docs/current/libpq-envars.html */
export function poolerSettings(p: PgBouncerModel): Record<string, string> {
  return {
    PGHOST: p.host,
    PGPORT: String(p.port),
    PGSSLMODE: p.sslMode,
    // libpq 16 and later: verify the server against the system's trusted roots.
    PGSSLROOTCERT: "system",
    // Transaction pooling: no session state (SET, advisory locks, LISTEN) across transactions.
    PGBOUNCER_POOL_MODE: p.poolMode,
  };
}

export const postgresqlConnection: AddonDefinition = {
  name: "postgresql-connection",
  releases: () => [],
  manifests: (ctx) => {
    const p = ctx.model.data.pgbouncer;
    if (!p)
      throw new Error("postgresql-connection is enabled but the data tier declares no PgBouncer (data.mode is not managed)");
    if (!p.clientConfig.clusters.includes(ctx.cluster.name)) return [];
    const serviceNamespaces = [...new Set(SERVICES.map((s) => s(ctx.model)).map((s) => s.namespace ?? s.name))].sort();
    return [
      {
        name: "postgresql-pooler",
        after: ["reflector"],
        objects: [
          new ConfigMap({
            metadata: {
              name: p.clientConfig.name,
              namespace: p.clientConfig.namespace,
              annotations: {
                [`${REFLECTOR}/reflection-allowed`]: "true",
                [`${REFLECTOR}/reflection-auto-enabled`]: "true",
                [`${REFLECTOR}/reflection-auto-namespaces`]: serviceNamespaces.join(","),
              },
            },
            data: poolerSettings(p),
          }),
        ],
      },
    ];
  },
};
