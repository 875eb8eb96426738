/**
 * PostgresqlFlexible planned alone with a primary and one cross-region replica built by hand:
 * - PostgreSQL 17, General Purpose, zone-redundant HA with the standby in another zone:
 *   https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-high-availability
 * - backup retention (7 to 35 days) and geo-redundant backup, settable only at creation:
 *   https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-backup-restore
 * - Microsoft Entra authentication with passwords off, and an Entra administrator:
 *   https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-azure-ad-authentication
 * - public access off, reached through a private endpoint (group ID postgresqlServer) registered in
 *   privatelink.postgres.database.azure.com: https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-networking-private-link
 * - the built-in PgBouncer (pgbouncer.enabled, port 6432) on the primary and the replica:
 *   https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-pgbouncer
 * - a read replica (createMode Replica, no HA) and the ReadWrite virtual endpoint:
 *   https://learn.microsoft.com/azure/postgresql/read-replica/concepts-read-replicas-virtual-endpoints
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import type { DataPrivateEndpointModel, PostgresModel, RegionName } from "@plugilo/model";
import { type ComponentPlan, planComponent, TEST_SUBSCRIPTIONS } from "@plugilo/testing";
import { VirtualNetwork } from "@pulumi/azure-native/network/index.js";
import { PostgresqlFlexible } from "../src/postgresql-flexible.ts";

const DATA = TEST_SUBSCRIPTIONS.data;
const ZONE = `/subscriptions/${TEST_SUBSCRIPTIONS.hub}/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/privatelink.postgres.database.azure.com`;
const server = (short: string) =>
  `/subscriptions/${DATA}/resourceGroups/rg-data-${short}/providers/Microsoft.DBforPostgreSQL/flexibleServers/psql-acme-test-${short}`;
const subnet = (short: string) =>
  `/subscriptions/${DATA}/resourceGroups/rg-data-${short}/providers/Microsoft.Network/virtualNetworks/vnet-data-${short}/subnets/snet-pe`;
const endpoint = (region: RegionName, short: string): DataPrivateEndpointModel => ({
  name: `pe-psql-acme-test-${short}`,
  id: "pe",
  region,
  resourceGroup: `rg-data-${short}`,
  subscriptionId: DATA,
  subnetId: subnet(short),
  subnetCidr: "10.1.0.0/26",
  networkInterfaceName: `pe-psql-acme-test-${short}-nic`,
  groupId: "postgresqlServer",
  privateDnsZone: { name: "privatelink.postgres.database.azure.com", id: ZONE },
  dnsRegistration: "zoneGroup",
});
const postgresql: PostgresModel = {
  version: "17",
  sku: { name: "Standard_D4ds_v5", tier: "GeneralPurpose" },
  storageGb: 128,
  resourceGroup: "rg-data-gwc",
  subscriptionId: DATA,
  highAvailability: { mode: "ZoneRedundant", standbyAvailabilityZone: "2" },
  failoverHighAvailabilityMode: "SameZone",
  backup: { retentionDays: 35, geoRedundant: true },
  auth: { entraId: true, password: false, tenantId: "aaaaaaaa-0000-4000-8000-000000000001" },
  administrators: [{ principalName: "grp-dba", objectId: "bbbbbbbb-0000-4000-8000-000000000001", principalType: "Group" }],
  primary: {
    role: "primary",
    name: "psql-acme-test-gwc",
    id: server("gwc"),
    region: "germanywestcentral",
    availabilityZone: "1",
    fqdn: "psql-acme-test-gwc.postgres.database.azure.com",
    privateEndpoint: endpoint("germanywestcentral", "gwc"),
  },
  replicas: [
    {
      role: "replica",
      name: "psql-acme-test-gno",
      id: server("gno"),
      region: "germanynorth",
      fqdn: "psql-acme-test-gno.postgres.database.azure.com",
      privateEndpoint: endpoint("germanynorth", "gno"),
    },
  ],
  virtualEndpoint: {
    name: "psql-acme-test-ve",
    members: ["psql-acme-test-gwc"],
    writerHost: "psql-acme-test-ve.writer.postgres.database.azure.com",
    readerHost: "psql-acme-test-ve.reader.postgres.database.azure.com",
  },
  parameters: { "pgbouncer.enabled": "true", "azure.extensions": "pg_trgm" },
  replicaParameters: { "pgbouncer.enabled": "true" },
  databases: ["orders"],
};
const WORKSPACE = "/subscriptions/m/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/log-gwc";

describe("PostgresqlFlexible", () => {
  let plan: ComponentPlan;
  before(async () => {
    plan = await planComponent(({ providerFor }) => {
      const own = { provider: providerFor("data") };
      const spokes = {
        germanywestcentral: new VirtualNetwork("vnet-data-gwc", { resourceGroupName: "rg-data-gwc" }, own),
        germanynorth: new VirtualNetwork("vnet-data-gno", { resourceGroupName: "rg-data-gno" }, own),
      } as Record<RegionName, VirtualNetwork>;
      new PostgresqlFlexible(
        "postgresql",
        {
          protect: true,
          workspaces: [{ region: "germanywestcentral", id: WORKSPACE }],
          resourceGroups: {
            germanywestcentral: { name: "rg-data-gwc", id: "rg", location: "germanywestcentral", subscriptionId: DATA },
            germanynorth: { name: "rg-data-gno", id: "rg", location: "germanynorth", subscriptionId: DATA },
          },
          postgresql,
          tags: { layer: "data" },
          spokeOf: (region) => spokes[region] as VirtualNetwork,
        },
        { providers: [providerFor("data")] },
      );
    });
  });

  it("creates a zone-redundant Entra-only primary with geo-redundant backup and no public access", () => {
    const primary = plan.named("azure-native:dbforpostgresql:Server", "psql-acme-test-gwc");
    assert.equal(plan.subscriptionOf(primary), DATA);
    assert.equal(primary.protect, true);
    assert.deepEqual(primary.inputs, {
      resourceGroupName: "rg-data-gwc",
      location: "germanywestcentral",
      serverName: "psql-acme-test-gwc",
      createMode: "Create",
      version: "17",
      sku: { name: "Standard_D4ds_v5", tier: "GeneralPurpose" },
      storage: { storageSizeGB: 128, autoGrow: "Enabled" },
      availabilityZone: "1",
      highAvailability: { mode: "ZoneRedundant", standbyAvailabilityZone: "2" },
      backup: { backupRetentionDays: 35, geoRedundantBackup: "Enabled" },
      authConfig: {
        activeDirectoryAuth: "Enabled",
        passwordAuth: "Disabled",
        tenantId: "aaaaaaaa-0000-4000-8000-000000000001",
      },
      network: { publicNetworkAccess: "Disabled" },
      tags: { layer: "data" },
    });
    // No password: no administrator login and no generated secret.
    assert.deepEqual(plan.ofType("random:index/randomPassword:RandomPassword"), []);
    const admin = plan.named("azure-native:dbforpostgresql:AdministratorsMicrosoftEntra", "psql-acme-test-gwc-admin-grp-dba");
    assert.deepEqual(
      [admin.inputs.objectId, admin.inputs.principalType, admin.inputs.tenantId],
      ["bbbbbbbb-0000-4000-8000-000000000001", "Group", "aaaaaaaa-0000-4000-8000-000000000001"],
    );
  });

  it("replicates to the secondary region without HA, with PgBouncer on both servers", () => {
    const replica = plan.named("azure-native:dbforpostgresql:Server", "psql-acme-test-gno");
    assert.deepEqual(
      [
        replica.inputs.createMode,
        replica.inputs.sourceServerResourceId,
        replica.inputs.location,
        replica.inputs.highAvailability,
      ],
      ["Replica", server("gwc"), "germanynorth", undefined],
    );
    assert.deepEqual(replica.inputs.network, { publicNetworkAccess: "Disabled" });
    assert.deepEqual(
      plan
        .ofType("azure-native:dbforpostgresql:Configuration")
        .map((c) => [c.inputs.resourceGroupName, c.inputs.configurationName, c.inputs.value, c.inputs.source])
        .sort(),
      [
        ["rg-data-gno", "pgbouncer.enabled", "true", "user-override"],
        ["rg-data-gwc", "azure.extensions", "pg_trgm", "user-override"],
        ["rg-data-gwc", "pgbouncer.enabled", "true", "user-override"],
      ],
    );
    const ve = plan.named("azure-native:dbforpostgresql:VirtualEndpoint", "psql-acme-test-ve");
    assert.deepEqual([ve.inputs.endpointType, ve.inputs.members], ["ReadWrite", ["psql-acme-test-gwc"]]);
    const db = plan.named("azure-native:dbforpostgresql:Database", "psql-acme-test-gwc-orders");
    assert.deepEqual([db.inputs.charset, db.inputs.collation, db.protect], ["UTF8", "en_US.utf8", true]);
  });

  it("reaches each server through a postgresqlServer endpoint in its region's data spoke", () => {
    const endpoints = plan.ofType("azure-native:network:PrivateEndpoint");
    assert.deepEqual(
      endpoints
        .map((e) => [
          e.inputs.location,
          (e.inputs.subnet as { id: string }).id,
          (e.inputs.privateLinkServiceConnections as { privateLinkServiceId: string; groupIds: string[] }[]).map((c) => [
            c.privateLinkServiceId,
            c.groupIds,
          ]),
        ])
        .sort(),
      [
        ["germanynorth", subnet("gno"), [[server("gno"), ["postgresqlServer"]]]],
        ["germanywestcentral", subnet("gwc"), [[server("gwc"), ["postgresqlServer"]]]],
      ],
    );
    for (const g of plan.ofType("azure-native:network:PrivateDnsZoneGroup"))
      assert.deepEqual(g.inputs.privateDnsZoneConfigs, [
        { name: "privatelink-postgres-database-azure-com", privateDnsZoneId: ZONE },
      ]);
    // Diagnostics only where the region has a workspace.
    assert.deepEqual(
      plan.ofType("azure-native:monitor:DiagnosticSetting").map((d) => d.inputs.workspaceId),
      [WORKSPACE],
    );
  });
});
