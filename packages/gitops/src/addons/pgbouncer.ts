/**
 * PgBouncer in front of the managed PostgreSQL Flexible Server (staging, prod), as the data tier declares it
 * (model.data.pgbouncer: namespace, replicas, pool mode and sizes, the upstream host, TLS verify-full).
 * Services connect to pgbouncer.<namespace>:5432 inside the mesh; PgBouncer keeps the pools to the server.
 * Chart: icoretech/pgbouncer; its image runs as a non-root user with a read-only root filesystem.
 *
 * Authentication: the admin user and the userlist come from Key Vault (ExternalSecrets). The data tier's
 * Entra token login (model.data.pgbouncer.auth) needs a workload identity for PgBouncer, which the cluster
 * identities do not have yet: see docs/adr/0054.
 */
import type { AddonDefinition } from "../addon.ts";
import { CHARTS } from "../charts.ts";
import { keyVaultSecret } from "../external-secret.ts";
import { spreadConstraints } from "../topology.ts";

/** The CA bundle of the PgBouncer image (Alpine), for verify-full against the server's certificate. */
const CA_BUNDLE = "/etc/ssl/certs/ca-certificates.crt";

export const pgbouncer: AddonDefinition = {
  name: "pgbouncer",
  releases: (ctx) => {
    const p = ctx.model.data.pgbouncer;
    if (!p) throw new Error("pgbouncer is enabled but the data tier declares no PgBouncer (data.mode is not managed)");
    return [
      {
        name: "pgbouncer",
        valuesKey: "pgbouncer",
        namespace: p.namespace,
        chart: CHARTS.pgbouncer,
        after: ["pgbouncer-credentials", "istiod"],
        namespaceLabels: { "istio-injection": "enabled" },
        values: {
          fullnameOverride: p.name,
          replicaCount: p.replicas,
          podDisruptionBudget: { enabled: true, minAvailable: 1 },
          topologySpreadConstraints: spreadConstraints(ctx, { "app.kubernetes.io/name": "pgbouncer" }),
          resources: { requests: { cpu: "100m", memory: "64Mi" }, limits: { memory: "256Mi" } },
          service: { port: p.listenPort },
          config: {
            existingAdminSecret: "pgbouncer-admin",
            existingUserlistSecret: "pgbouncer-userlist",
            databases: Object.fromEntries(p.databases.map((db) => [db, { host: p.serverHost, port: p.serverPort, dbname: db }])),
            pgbouncer: {
              pool_mode: p.poolMode,
              default_pool_size: p.defaultPoolSize,
              max_client_conn: p.maxClientConnections,
              auth_type: "scram-sha-256",
              server_tls_sslmode: p.serverTlsSslMode,
              server_tls_ca_file: CA_BUNDLE,
              ignore_startup_parameters: "extra_float_digits",
            },
          },
        },
      },
    ];
  },
  manifests: (ctx) => {
    const p = ctx.model.data.pgbouncer;
    if (!p) return [];
    return [
      {
        name: "pgbouncer-credentials",
        after: ["external-secrets-store"],
        objects: [
          keyVaultSecret({
            name: "pgbouncer-admin",
            namespace: p.namespace,
            data: { adminUser: "pgbouncer-admin-user", adminPassword: "pgbouncer-admin-password" },
          }),
          keyVaultSecret({ name: "pgbouncer-userlist", namespace: p.namespace, data: { "userlist.txt": "pgbouncer-userlist" } }),
        ],
      },
    ];
  },
};
