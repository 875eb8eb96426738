/**
 * The service against throwaway PostgreSQL and Redis servers (the test helpers), for the pipeline's
 * end-to-end steps: migrates, starts one instance on a loopback port, then
 *   - `with-service.ts -- <command...>`: runs the command with BASE_URL set, stops everything, exits with its code;
 *   - `with-service.ts --hold <url-file>`: writes the URL to the file and keeps serving until SIGTERM/SIGINT
 *     (a later step, such as the k6 action, uses it).
 */
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import pg from "pg";
import { migrateUp } from "../src/migrate.ts";
import { startPostgres, startRedis } from "../test/servers.ts";
import { startService } from "../test/service-fixture.ts";

const args = process.argv.slice(2);
const [db, redis] = await Promise.all([startPostgres(), startRedis()]);
const pool = new pg.Pool({ host: db.host, port: db.port, user: db.user, password: db.password, database: db.database });
await migrateUp(pool);
await pool.end();
const service = await startService({ ...db.env, ...redis.env, LOG_LEVEL: "warn", FLAGD_HOST: "127.0.0.1", FLAGD_PORT: "1" });
const stop = async () => {
  await service.stop();
  await Promise.allSettled([db.stop(), redis.stop()]);
};

if (args[0] === "--hold") {
  if (!args[1]) throw new Error("--hold needs the file to write the URL to");
  writeFileSync(args[1], service.url);
  console.log(`serving at ${service.url} until SIGTERM`);
  for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => void stop().then(() => process.exit(0)));
} else {
  const command = args[0] === "--" ? args.slice(1) : args;
  if (!command[0]) throw new Error("usage: with-service.ts -- <command...> | --hold <url-file>");
  const child = spawn(command[0], command.slice(1), { stdio: "inherit", env: { ...process.env, BASE_URL: service.url } });
  const code = await new Promise<number>((resolve) => child.once("exit", (c) => resolve(c ?? 1)));
  await stop();
  process.exit(code);
}
