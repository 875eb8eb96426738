/**
 * Versioned schema migrations (node-pg-migrate, plain SQL files in ../migrations; docs/adr/0160). Applied
 * under PostgreSQL's advisory lock, each in its own transaction, recorded in the pgmigrations table, so a
 * re-run applies nothing and two concurrent runs cannot interleave. Run by the `migrate` command: the Argo CD
 * PreSync Job before a rollout, and the pipeline against a throwaway server.
 */
import { fileURLToPath } from "node:url";
import { runner } from "node-pg-migrate";
import type pg from "pg";

export const MIGRATIONS_DIR = fileURLToPath(new URL("../migrations", import.meta.url));

export interface MigrationResult {
  applied: string[];
}

export async function migrateUp(pool: pg.Pool, log: (msg: string) => void = () => {}): Promise<MigrationResult> {
  const client = await pool.connect();
  try {
    const ran = await runner({
      dbClient: client,
      dir: MIGRATIONS_DIR,
      direction: "up",
      migrationsTable: "pgmigrations",
      count: Number.POSITIVE_INFINITY,
      checkOrder: true,
      log,
    });
    return { applied: ran.map((m) => m.name) };
  } finally {
    client.release();
  }
}
