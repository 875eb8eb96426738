import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import pg from "pg";
import { migrateUp } from "../src/migrate.ts";
import { startPostgres, type TestPostgres } from "./servers.ts";

let server: TestPostgres;
before(async () => {
  server = await startPostgres();
});
after(async () => {
  await server?.stop();
});

const poolFor = (database: string) => {
  const pool = new pg.Pool({ host: server.host, port: server.port, user: server.user, password: server.password, database });
  // The server's shutdown ends idle connections: expected here, not a failure.
  pool.on("error", () => {});
  return pool;
};

test("migrations apply on an empty database, in order, and a re-run applies nothing", async () => {
  await server.createDatabase("migrations_empty");
  const pool = poolFor("migrations_empty");
  try {
    const before = await pool.query("SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'");
    assert.equal(before.rows[0].n, 0, "the database starts empty");

    const first = await migrateUp(pool);
    assert.deepEqual(first.applied, ["1764547200000_create-boards", "1764547260000_create-plugs"]);
    const tables = await pool.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1");
    assert.deepEqual(
      tables.rows.map((r) => r.table_name),
      ["boards", "pgmigrations", "plugs"],
    );
    // The schema works: a plug needs its board.
    await assert.rejects(
      pool.query("INSERT INTO plugs (board_id, title, url, position) VALUES (999, 'x', 'https://x', 1)"),
      /foreign key/,
    );

    const second = await migrateUp(pool);
    assert.deepEqual(second.applied, [], "a re-run applies nothing");
    const recorded = await pool.query("SELECT name FROM pgmigrations ORDER BY id");
    assert.deepEqual(
      recorded.rows.map((r) => r.name),
      ["1764547200000_create-boards", "1764547260000_create-plugs"],
    );
  } finally {
    await pool.end();
  }
});

test("two migration runs at once: one applies, the other waits for the lock and finds nothing to do", async () => {
  await server.createDatabase("migrations_concurrent");
  const a = poolFor("migrations_concurrent");
  const b = poolFor("migrations_concurrent");
  try {
    const results = await Promise.allSettled([migrateUp(a), migrateUp(b)]);
    const applied = results.map((r) => (r.status === "fulfilled" ? r.value.applied.length : -1)).sort();
    // node-pg-migrate fails the second run while the first holds the advisory lock, or it applies nothing.
    assert.ok(applied.includes(2), `one run applies both migrations: ${JSON.stringify(results.map((r) => r.status))}`);
    const recorded = await a.query("SELECT count(*)::int AS n FROM pgmigrations");
    assert.equal(recorded.rows[0].n, 2, "each migration recorded once");
  } finally {
    await Promise.all([a.end(), b.end()]);
  }
});
