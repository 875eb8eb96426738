/**
 * PostgreSQL Flexible Server as the model resolves it: the primary with in-region HA (zone-redundant or
 * same-zone, validated per region), geo-redundant backup, Microsoft Entra ID authentication (password off
 * unless configured), server parameters (with the built-in PgBouncer the services connect to, port 6432,
 * docs/adr/0060), one database per service; read replicas beside it and in the secondary region, which get
 * the PgBouncer parameters too (a promoted replica pools like the primary); the virtual endpoints that follow
 * a promotion; a private endpoint per server (public access off); a diagnostic setting per server.
 * https://learn.microsoft.com/azure/postgresql/flexible-server/overview
 * https://learn.microsoft.com/azure/postgresql/read-replica/concepts-read-replicas-virtual-endpoints
 *
 * azure-native 3.28 sends these with API 2025-08-01, which knows PostgreSQL 16 to 18, Entra authConfig and
 * virtual endpoints: no generic resource needed.
 */
import { sendToLogAnalytics } from "@plugilo/components";
import type { DataModel, LogAnalyticsModel, PostgresModel, PostgresServerModel, RegionName } from "@plugilo/model";
import {
  AdministratorsMicrosoftEntra,
  Configuration,
  Database,
  Server,
  VirtualEndpoint,
} from "@pulumi/azure-native/dbforpostgresql/index.js";
import * as pulumi from "@pulumi/pulumi";
import { RandomPassword } from "@pulumi/random/randomPassword.js";
import { DataPrivateEndpoint } from "./data-private-endpoint.ts";

export interface PostgresqlFlexibleArgs {
  /** Protect the stateful resources from deletion. @default false */
  readonly protect?: boolean;
  /** The Log Analytics workspaces, one per region: each resource's diagnostics go to its region's. */
  readonly workspaces: readonly Pick<LogAnalyticsModel, "region" | "id">[];
  /** The data layer's resource group in each region. */
  readonly resourceGroups: DataModel["resourceGroups"];
  postgresql: PostgresModel;
  tags: Record<string, string>;
  /** The data spoke VNet of each region: private endpoints need their subnet. */
  spokeOf: (region: RegionName) => pulumi.Resource;
}

export class PostgresqlFlexible extends pulumi.ComponentResource {
  readonly primary: Server;
  readonly replicas: Server[] = [];

  constructor(name: string, args: PostgresqlFlexibleArgs, opts?: pulumi.ComponentResourceOptions) {
    super("plugilo:data:PostgresqlFlexible", name, {}, opts);
    const { postgresql: pg, tags } = args;
    const protect = args.protect ?? false;
    const rgOf = (region: RegionName) => args.resourceGroups[region]?.name as string;
    const child = { parent: this };

    const password = pg.auth.password
      ? new RandomPassword(`${pg.primary.name}-admin`, { length: 32, special: false }, child)
      : undefined;
    this.primary = new Server(
      pg.primary.name,
      {
        resourceGroupName: rgOf(pg.primary.region),
        location: pg.primary.region,
        serverName: pg.primary.name,
        createMode: "Create",
        version: pg.version,
        sku: pg.sku,
        storage: { storageSizeGB: pg.storageGb, autoGrow: "Enabled" },
        ...(pg.primary.availabilityZone ? { availabilityZone: pg.primary.availabilityZone } : {}),
        highAvailability: pg.highAvailability,
        backup: {
          backupRetentionDays: pg.backup.retentionDays,
          geoRedundantBackup: pg.backup.geoRedundant ? "Enabled" : "Disabled",
        },
        authConfig: {
          activeDirectoryAuth: "Enabled",
          passwordAuth: pg.auth.password ? "Enabled" : "Disabled",
          tenantId: pg.auth.tenantId,
        },
        ...(password ? { administratorLogin: "pgadmin", administratorLoginPassword: password.result } : {}),
        // Reached only through its private endpoints.
        network: { publicNetworkAccess: "Disabled" },
        tags,
      },
      { ...child, protect },
    );

    // One management operation at a time on the server: Azure rejects concurrent updates.
    let previous: pulumi.Resource = this.primary;
    const serially = (make: (dependsOn: pulumi.Resource) => pulumi.Resource) => {
      previous = make(previous);
    };
    for (const admin of pg.administrators) {
      serially(
        (after) =>
          new AdministratorsMicrosoftEntra(
            `${pg.primary.name}-admin-${admin.principalName}`,
            {
              resourceGroupName: rgOf(pg.primary.region),
              serverName: this.primary.name,
              objectId: admin.objectId,
              principalName: admin.principalName,
              principalType: admin.principalType,
              tenantId: pg.auth.tenantId,
            },
            { ...child, dependsOn: [after] },
          ),
      );
    }
    for (const [parameter, value] of Object.entries(pg.parameters)) {
      serially(
        (after) =>
          new Configuration(
            `${pg.primary.name}-${parameter}`,
            {
              resourceGroupName: rgOf(pg.primary.region),
              serverName: this.primary.name,
              configurationName: parameter,
              value,
              source: "user-override",
            },
            { ...child, dependsOn: [after] },
          ),
      );
    }
    for (const database of pg.databases) {
      serially(
        (after) =>
          new Database(
            `${pg.primary.name}-${database}`,
            {
              resourceGroupName: rgOf(pg.primary.region),
              serverName: this.primary.name,
              databaseName: database,
              charset: "UTF8",
              collation: "en_US.utf8",
            },
            // Removing a database from the configuration must not drop its data.
            { ...child, dependsOn: [after], protect, retainOnDelete: protect },
          ),
      );
    }
    // Replicas copy the primary's roles and databases; creating one puts the primary in an updating state.
    for (const replica of pg.replicas) {
      const server = new Server(
        replica.name,
        {
          resourceGroupName: rgOf(replica.region),
          location: replica.region,
          serverName: replica.name,
          createMode: "Replica",
          sourceServerResourceId: pg.primary.id,
          sku: pg.sku,
          storage: { storageSizeGB: pg.storageGb, autoGrow: "Enabled" },
          ...(replica.availabilityZone ? { availabilityZone: replica.availabilityZone } : {}),
          network: { publicNetworkAccess: "Disabled" },
          tags,
        },
        { ...child, protect, dependsOn: [previous] },
      );
      this.replicas.push(server);
      previous = server;
      // A replica keeps its own server parameters: those it needs as a promoted primary (the built-in PgBouncer).
      for (const [parameter, value] of Object.entries(pg.replicaParameters)) {
        serially(
          (after) =>
            new Configuration(
              `${replica.name}-${parameter}`,
              {
                resourceGroupName: rgOf(replica.region),
                serverName: server.name,
                configurationName: parameter,
                value,
                source: "user-override",
              },
              { ...child, dependsOn: [after] },
            ),
        );
      }
    }
    if (pg.virtualEndpoint) {
      new VirtualEndpoint(
        pg.virtualEndpoint.name,
        {
          resourceGroupName: rgOf(pg.primary.region),
          serverName: this.primary.name,
          virtualEndpointName: pg.virtualEndpoint.name,
          endpointType: "ReadWrite",
          members: pg.virtualEndpoint.members,
        },
        { ...child, dependsOn: [previous] },
      );
    }

    const servers: [PostgresServerModel, Server][] = [
      [pg.primary, this.primary],
      ...pg.replicas.map((r, i) => [r, this.replicas[i] as Server] as [PostgresServerModel, Server]),
    ];
    for (const [server, resource] of servers) {
      new DataPrivateEndpoint(
        server.privateEndpoint.name,
        { endpoint: server.privateEndpoint, target: resource.id, tags, dependsOn: [args.spokeOf(server.region), resource] },
        child,
      );
      const workspace = args.workspaces.find((l) => l.region === server.region);
      if (workspace) {
        sendToLogAnalytics(server.name, { resourceId: resource.id, workspaceId: workspace.id, logs: true, metrics: true }, child);
      }
    }
    this.registerOutputs({ primaryId: this.primary.id });
  }
}
