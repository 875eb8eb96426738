/**
 * The services' own identities for the data services, as data (the reference service first): one
 * user-assigned identity per service and environment, in the data layer, federated with the OIDC issuer of
 * every cluster of the environment (the service runs active-active in both), and given exactly the data
 * access its spec declares: an Azure Managed Redis access policy assignment on each regional cache's
 * database, and a PostgreSQL role mapped to the identity (docs/adr/0161). The client and object IDs are
 * values Azure invents; the data stack exports them for the service's GitOps spec.
 * Workload identity: https://learn.microsoft.com/azure/aks/workload-identity-overview
 * Redis access policies: https://learn.microsoft.com/azure/redis/entra-for-authentication
 */
import type { EnvironmentModel } from "../core/model.ts";

export interface ServiceDataAccessSpec {
  service: string;
  namespace: string;
  serviceAccount: string;
  /** The PostgreSQL database the service owns (one of data.postgresql.databases); its role is the service's name. */
  postgresDatabase?: string;
  /** Read and write through the "default" access policy (Data Owner) of every regional Redis cache. */
  redis: boolean;
}

/** Append a service here; the data stack and the service's GitOps spec follow. */
export const SERVICE_DATA_ACCESS: readonly ServiceDataAccessSpec[] = [
  {
    service: "example-api",
    namespace: "example-api",
    serviceAccount: "example-api",
    postgresDatabase: "example-api",
    redis: true,
  },
];

/** Built-in access policy of Azure Managed Redis databases: full data access (the only built-in policy). */
export const REDIS_DEFAULT_ACCESS_POLICY = "default";

export interface ServiceIdentityModel extends ServiceDataAccessSpec {
  identityName: string;
  resourceGroup: string;
  region: string;
  /** The token subject the federated credentials trust. */
  subject: string;
  /** One federated credential per cluster; its issuer comes from the cluster stack's `oidcIssuerUrl` output. */
  federations: { cluster: string; aksName: string; stack: string; credentialName: string }[];
  redisAssignments: { cacheName: string; resourceGroup: string; databaseName: "default"; assignmentName: string }[];
  postgres?: { server: string; role: string; database: string };
}

/** The services' identities of an environment; throws naming the service when its spec does not fit the model. */
export function resolveServiceIdentities(model: EnvironmentModel): ServiceIdentityModel[] {
  const d = model.data;
  const rg = d.resourceGroups[model.regions.primary.name];
  if (!rg) throw new Error(`environment ${model.name}: no data resource group in ${model.regions.primary.name}`);
  return SERVICE_DATA_ACCESS.map((s) => {
    if (s.postgresDatabase && d.postgresql && !d.postgresql.databases.includes(s.postgresDatabase))
      throw new Error(
        `service ${s.service}: database ${s.postgresDatabase} is not in data.postgresql.databases of ${model.name}`,
      );
    const identityName = `id-${model.organization}-${s.service}-${model.name}`;
    return {
      ...s,
      identityName,
      resourceGroup: rg.name,
      region: model.regions.primary.name,
      subject: `system:serviceaccount:${s.namespace}:${s.serviceAccount}`,
      federations: model.clusters.map((c) => ({
        cluster: c.name,
        aksName: c.aksName,
        stack: `${model.name}-${c.name}`,
        credentialName: `${c.aksName}-${s.serviceAccount}`,
      })),
      redisAssignments:
        s.redis && d.redis
          ? d.redis.caches.map((c) => ({
              cacheName: c.name,
              resourceGroup: d.resourceGroups[c.region]?.name ?? rg.name,
              databaseName: "default" as const,
              // Assignment names: letters and digits only.
              assignmentName: s.service.replace(/[^A-Za-z0-9]/g, ""),
            }))
          : [],
      ...(s.postgresDatabase && d.postgresql
        ? { postgres: { server: d.postgresql.primary.name, role: s.service, database: s.postgresDatabase } }
        : {}),
    };
  });
}
