/**
 * serviceIdentities planned alone with one service built by hand: a user-assigned identity in the data
 * subscription, federated with each cluster's OIDC issuer for the service's ServiceAccount (audience
 * api://AzureADTokenExchange: https://learn.microsoft.com/azure/aks/workload-identity-overview); the "default"
 * access policy of its Redis database assigned to the identity (https://learn.microsoft.com/azure/redis/entra-for-authentication);
 * and its PostgreSQL role created as the server's Entra administrator group on the direct port 5432 with
 * pgaadauth_create_principal_with_oid (https://learn.microsoft.com/azure/postgresql/flexible-server/how-to-manage-azure-ad-users).
 * It refuses a service with a database when the server has no Entra administrator.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { PostgresModel, ServiceIdentityModel } from "@plugilo/model";
import { planComponent, planFailure, TEST_SUBSCRIPTIONS } from "@plugilo/testing";
import { serviceIdentities } from "../src/service-identities.ts";

const identity: ServiceIdentityModel = {
  service: "orders",
  namespace: "orders",
  serviceAccount: "orders-api",
  postgresDatabase: "orders",
  redis: true,
  identityName: "id-acme-orders-test",
  resourceGroup: "rg-data-gwc",
  region: "germanywestcentral",
  subject: "system:serviceaccount:orders:orders-api",
  federations: [
    { cluster: "app1", aksName: "aks-acme-app1-test", stack: "test-app1", credentialName: "aks-acme-app1-test-orders" },
  ],
  redisAssignments: [
    { cacheName: "redis-acme-test-gwc", resourceGroup: "rg-data-gwc", databaseName: "default", assignmentName: "orders" },
  ],
  postgres: { server: "psql-acme-test-gwc", role: "orders", database: "orders" },
};
const postgresql = (administrators: PostgresModel["administrators"]): Pick<PostgresModel, "administrators" | "primary"> => ({
  administrators,
  primary: {
    role: "primary",
    name: "psql-acme-test-gwc",
    id: "psql",
    region: "germanywestcentral",
    fqdn: "psql-acme-test-gwc.postgres.database.azure.com",
    privateEndpoint: {
      name: "pe",
      id: "pe",
      region: "germanywestcentral",
      resourceGroup: "rg-data-gwc",
      subscriptionId: "d",
      subnetId: "s",
      subnetCidr: "10.1.0.0/26",
      networkInterfaceName: "pe-nic",
      groupId: "postgresqlServer",
      privateDnsZone: { name: "privatelink.postgres.database.azure.com", id: "z" },
      dnsRegistration: "zoneGroup",
    },
  },
});
const args = (administrators: PostgresModel["administrators"]) => ({
  environment: "test",
  identities: [identity],
  postgresql: postgresql(administrators),
  tags: { layer: "data" },
  redisDatabases: [],
  postgres: [],
});

describe("serviceIdentities", () => {
  it("federates the service's identity, gives it Redis access and its PostgreSQL role", async () => {
    const plan = await planComponent(({ providerFor }) => {
      serviceIdentities(
        args([
          { principalName: "usr-ops", objectId: "bbbbbbbb-0000-4000-8000-000000000002", principalType: "User" },
          { principalName: "grp-dba", objectId: "bbbbbbbb-0000-4000-8000-000000000001", principalType: "Group" },
        ]),
        { providers: [providerFor("data")] },
      );
    });
    const id = plan.named("azure-native:managedidentity:UserAssignedIdentity", "id-acme-orders-test");
    assert.deepEqual(
      [id.inputs.resourceGroupName, id.inputs.location, plan.subscriptionOf(id)],
      ["rg-data-gwc", "germanywestcentral", TEST_SUBSCRIPTIONS.data],
    );
    const [credential] = plan.ofType("azure-native:managedidentity:FederatedIdentityCredential");
    assert.deepEqual(
      [credential?.inputs.federatedIdentityCredentialResourceName, credential?.inputs.subject, credential?.inputs.audiences],
      ["aks-acme-app1-test-orders", "system:serviceaccount:orders:orders-api", ["api://AzureADTokenExchange"]],
    );
    assert.match(String(credential?.inputs.issuer), /^https:\/\/.+\.oic\.prod-aks\.azure\.com\//);
    const [assignment] = plan.ofType("azure-native:redisenterprise:AccessPolicyAssignment");
    assert.deepEqual(
      [assignment?.inputs.clusterName, assignment?.inputs.databaseName, assignment?.inputs.accessPolicyName],
      ["redis-acme-test-gwc", "default", "default"],
    );
    // The group administrator runs the SQL, on the server's direct endpoint.
    const sql = plan.named("command:local:Command", "svc-orders-pg-sql");
    assert.match(
      String(sql.inputs.create),
      /host=psql-acme-test-gwc\.postgres\.database\.azure\.com port=5432 dbname=postgres user=grp-dba /,
    );
    assert.match(
      String((sql.inputs.environment as { SQL: string }).SQL),
      /pgaadauth_create_principal_with_oid\('orders', '[0-9a-f-]{36}'/,
    );
  });

  it("refuses a service with a database when the server has no Entra administrator", async () => {
    const error = await planFailure(() => {
      serviceIdentities(args([]), {});
    });
    assert.match(error, /service orders: the PostgreSQL server of test has no Entra administrator$/);
  });
});
