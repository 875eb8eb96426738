/**
 * The SQL that maps a service's PostgreSQL role to its Entra identity, run twice against a real PostgreSQL
 * server. Flexible Server's pgaadauth_create_principal_with_oid exists only on Azure: here a stand-in with
 * the documented signature (roleName, objectId, objectType, isAdmin, isMfa) creates the role and records
 * each call, so the test checks what our SQL does around it: one call, then none; the database handed over.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import pg from "pg";
import { startPostgres, type TestPostgres } from "../../../services/example-api/test/servers.ts";
import { serviceRoleSql } from "../src/postgres-service-role.ts";

let server: TestPostgres;
before(async () => {
  server = await startPostgres();
  await server.createDatabase("example-api");
});
after(async () => {
  await server?.stop();
});

test("creates the role once through pgaadauth_create_principal_with_oid and makes it the database owner", async () => {
  const client = new pg.Client({
    host: server.host,
    port: server.port,
    user: server.user,
    password: server.password,
    database: "postgres",
  });
  await client.connect();
  try {
    await client.query("CREATE TABLE principal_calls (role text, oid text, kind text, is_admin boolean, is_mfa boolean)");
    await client.query(`CREATE FUNCTION pgaadauth_create_principal_with_oid(r text, o text, k text, a boolean, m boolean) RETURNS text
      LANGUAGE plpgsql AS $$ BEGIN
        INSERT INTO principal_calls VALUES (r, o, k, a, m);
        EXECUTE format('CREATE ROLE %I LOGIN', r);
        RETURN 'Created role for ' || r;
      END $$`);
    const sql = serviceRoleSql("example-api", "43e2c2e3-f4ba-47cc-8a23-8c3226928f0f", "example-api");
    await client.query(sql);
    await client.query(sql);
    const calls = await client.query("SELECT * FROM principal_calls");
    assert.deepEqual(calls.rows, [
      { role: "example-api", oid: "43e2c2e3-f4ba-47cc-8a23-8c3226928f0f", kind: "service", is_admin: false, is_mfa: false },
    ]);
    const owner = await client.query("SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = 'example-api'");
    assert.equal(owner.rows[0].owner, "example-api");
  } finally {
    await client.end();
  }
});

test("an object ID that is not a GUID is refused before any SQL", () => {
  assert.throws(() => serviceRoleSql("example-api", "'; DROP DATABASE x; --", "example-api"), /is not a GUID/);
});
