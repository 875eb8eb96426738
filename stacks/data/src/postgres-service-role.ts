/**
 * A service's PostgreSQL role mapped to its Entra identity, and its database handed to it. Flexible Server
 * creates Entra-mapped roles only in SQL, run by a Microsoft Entra administrator of the server: the
 * supported function for a managed identity is pgaadauth_create_principal_with_oid(roleName, objectId,
 * 'service', isAdmin, isMfa) (https://learn.microsoft.com/azure/postgresql/flexible-server/how-to-manage-azure-ad-users).
 * The deployment runs it (docs/adr/0161): the infrastructure workflow's runners sit in the clusters and reach
 * the server's private endpoint, and the deploying identity is a member of the server's Entra
 * administrator group, whose name is the PostgreSQL user it signs in as with an access token.
 * Idempotent: the role is created only when missing; the database owner is set every run.
 */
import * as command from "@pulumi/command";
import * as pulumi from "@pulumi/pulumi";

export interface PostgresServiceRoleArgs {
  /** The server's direct endpoint (5432): not PgBouncer, which serves the services. */
  host: string;
  /** The Entra administrator (group) the deploying identity belongs to. */
  adminUser: string;
  role: string;
  database: string;
  /** The identity's object (principal) ID. */
  objectId: pulumi.Input<string>;
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;

/** The SQL, as a pure function of its inputs (tested on its own). */
export function serviceRoleSql(role: string, objectId: string, database: string): string {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(objectId))
    throw new Error(`role ${role}: object ID ${objectId} is not a GUID`);
  return [
    "DO $$ BEGIN",
    `  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ${literal(role)}) THEN`,
    `    PERFORM pgaadauth_create_principal_with_oid(${literal(role)}, ${literal(objectId)}, 'service', false, false);`,
    "  END IF;",
    "END $$;",
    // Owner of its database: in PostgreSQL 15+ the public schema belongs to pg_database_owner, so the
    // service (and its migration job) may create its tables there, and nothing else.
    `ALTER DATABASE ${ident(database)} OWNER TO ${ident(role)};`,
  ].join("\n");
}

export class PostgresServiceRole extends pulumi.ComponentResource {
  constructor(name: string, args: PostgresServiceRoleArgs, opts?: pulumi.ComponentResourceOptions) {
    super("plugilo:data:PostgresServiceRole", name, {}, opts);
    const sql = pulumi.output(args.objectId).apply((oid) => serviceRoleSql(args.role, oid, args.database));
    const connection = `host=${args.host} port=5432 dbname=postgres user=${args.adminUser} sslmode=verify-full`;
    new command.local.Command(
      `${name}-sql`,
      {
        // The token of the signed-in deployment identity (az login / workload identity in CI).
        create: pulumi.interpolate`PGPASSWORD="$(az account get-access-token --resource-type oss-rdbms --query accessToken -o tsv)" psql "${connection}" -v ON_ERROR_STOP=1 -c "$SQL"`,
        environment: { SQL: sql },
        triggers: [sql],
      },
      { parent: this },
    );
    this.registerOutputs({});
  }
}
