/**
 * The container's entry point: `serve` (the default) runs the service, `migrate` applies the schema
 * migrations and exits (the Argo CD PreSync Job and the pipeline run it from the same image).
 */
import pino from "pino";
import { createService } from "./app.ts";
import { loadConfig, type ServiceConfig } from "./config.ts";
import { createPool } from "./database.ts";
import { migrateUp } from "./migrate.ts";
import { startTelemetry } from "./telemetry.ts";

const telemetry = startTelemetry();
const command = process.argv[2] ?? "serve";
const log = pino({ level: process.env.LOG_LEVEL ?? "info" });

let config: ServiceConfig;
try {
  config = loadConfig();
} catch (err) {
  log.error((err as Error).message);
  process.exit(2);
}

if (command === "migrate") {
  const pool = createPool(config.database);
  try {
    const { applied } = await migrateUp(pool, (msg) => log.debug(msg));
    log.info({ applied }, applied.length ? `applied ${applied.length} migration(s)` : "schema up to date");
  } catch (err) {
    log.error({ err: String(err) }, "migration failed");
    process.exitCode = 1;
  } finally {
    await pool.end();
    await telemetry.shutdown();
  }
} else if (command === "serve") {
  const service = await createService(config);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "signal received");
    const deadline = setTimeout(() => {
      log.error("shutdown timed out: exiting with requests still in flight");
      process.exit(1);
    }, config.shutdown.drainDelayMs + config.shutdown.timeoutMs);
    deadline.unref();
    service
      .shutdown()
      .then(() => telemetry.shutdown())
      .then(() => process.exit(0))
      .catch((err) => {
        log.error({ err: String(err) }, "shutdown failed");
        process.exit(1);
      });
  };
  process.once("SIGTERM", () => stop("SIGTERM"));
  process.once("SIGINT", () => stop("SIGINT"));
  await service.listen();
} else {
  log.error(`unknown command ${command}: use serve or migrate`);
  process.exit(2);
}
