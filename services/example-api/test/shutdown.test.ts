/**
 * The real process: `node src/main.ts serve`, SIGTERM under load. The load generator behaves like the
 * cluster's endpoints: each client stops sending new requests once readiness fails. A request held in
 * flight by a row lock must still complete. The OTLP exporters point at a loopback receiver: the SDK's
 * shutdown flushes traces and metrics to it.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createServer, type Server } from "node:http";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { migrateUp } from "../src/migrate.ts";
import { freePort, startPostgres, startRedis, type TestPostgres, type TestRedis } from "./servers.ts";
import { json } from "./service-fixture.ts";

let db: TestPostgres;
let redis: TestRedis;
let collector: Server;
const received: string[] = [];
let collectorPort = 0;

before(async () => {
  [db, redis] = await Promise.all([startPostgres(), startRedis()]);
  const pool = new pg.Pool({ host: db.host, port: db.port, user: db.user, password: db.password, database: db.database });
  await migrateUp(pool);
  await pool.end();
  collector = createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      received.push(request.url ?? "");
      response.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => collector.listen(0, "127.0.0.1", resolve));
  const address = collector.address();
  collectorPort = typeof address === "object" && address ? address.port : 0;
});
after(async () => {
  await Promise.allSettled([db?.stop(), redis?.stop()]);
  collector?.close();
});

test("SIGTERM under load: readiness fails, in-flight requests finish, no request fails, exit 0, telemetry flushed", async () => {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [fileURLToPath(new URL("../src/main.ts", import.meta.url)), "serve"], {
    env: {
      ...process.env,
      ...db.env,
      ...redis.env,
      HOST: "127.0.0.1",
      PORT: String(port),
      LOG_LEVEL: "info",
      SHUTDOWN_DRAIN_DELAY_MS: "2000",
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${collectorPort}`,
      OTEL_EXPORTER_OTLP_PROTOCOL: "http/json",
      OTEL_TRACES_EXPORTER: "otlp",
      OTEL_METRICS_EXPORTER: "otlp",
      FLAGD_OFFLINE_FLAG_SOURCE_PATH: "",
      FLAGD_HOST: "127.0.0.1",
      FLAGD_PORT: String(await freePort()),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const exit = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  try {
    const deadline = Date.now() + 20_000;
    while (
      !(await fetch(`${url}/ready`).then(
        (r) => r.ok,
        () => false,
      ))
    ) {
      assert.ok(Date.now() < deadline, `the service did not become ready:\n${output}`);
      assert.equal(child.exitCode, null, `the service exited:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const created = await json(`${url}/boards`, { method: "POST", body: JSON.stringify({ name: "Held", plugs: [] }) });
    assert.equal(created.status, 201);

    // A request in flight across the SIGTERM: its UPDATE waits for this transaction's row lock.
    const locker = new pg.Client({ host: db.host, port: db.port, user: db.user, password: db.password, database: db.database });
    await locker.connect();
    await locker.query("BEGIN");
    await locker.query("SELECT id FROM boards WHERE id = $1 FOR UPDATE", [created.body.id]);
    const held = json(`${url}/boards/${created.body.id}`, {
      method: "PUT",
      body: JSON.stringify({ name: "Finished after SIGTERM" }),
    });

    // Bounded load: 8 clients, at most 400 requests each; after the signal each checks readiness before a request.
    const failures: string[] = [];
    let served = 0;
    let signalled = false;
    const client = async () => {
      for (let i = 0; i < 400; i++) {
        if (signalled) {
          const ready = await fetch(`${url}/ready`).then(
            (r) => r.status,
            (e) => `error ${e}`,
          );
          if (ready !== 200) return;
        }
        const r = await fetch(`${url}/boards/${created.body.id}`).then(
          async (res) => {
            await res.text();
            return res.status;
          },
          (e) => `error ${e.cause?.code ?? e}`,
        );
        if (r === 200) served++;
        else failures.push(String(r));
      }
    };
    const load = Promise.all(Array.from({ length: 8 }, client));
    // The signal comes once the load is under way (at least 50 requests served; bounded).
    for (let i = 0; i < 200 && served < 50; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    child.kill("SIGTERM");
    signalled = true;
    await new Promise((resolve) => setTimeout(resolve, 2_500)); // past the drain delay: the listener is closing
    await locker.query("COMMIT");
    await locker.end();

    const heldResult = await held;
    await load;
    assert.equal(heldResult.status, 200, "the in-flight request completed");
    assert.equal(heldResult.body.name, "Finished after SIGTERM");
    assert.deepEqual(failures, [], `no request failed:\n${output}`);
    assert.ok(served >= 50, `the load ran (${served} requests served)`);
    const code = await exit;
    assert.equal(code, 0, `exit code 0:\n${output}`);
    assert.ok(/shutting down: readiness fails, draining/.test(output), "structured log of the drain");
    assert.ok(received.includes("/v1/traces"), `traces exported over OTLP: ${JSON.stringify(received)}`);
    assert.ok(received.includes("/v1/metrics"), `metrics exported over OTLP: ${JSON.stringify(received)}`);
  } finally {
    if (child.exitCode === null) child.kill("SIGKILL");
  }
});
