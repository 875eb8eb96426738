import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import pg from "pg";
import { migrateUp } from "../src/migrate.ts";
import { startPostgres, startRedis, type TestPostgres, type TestRedis } from "./servers.ts";
import { eventually, json, type RunningService, startService } from "./service-fixture.ts";

let db: TestPostgres;
let redis: TestRedis;
let flagDir: string;
let flagFile: string;
const running: RunningService[] = [];

/** flagd's flag file format: https://flagd.dev/reference/flag-definitions/ */
const writeFlags = (summary: "on" | "off") =>
  writeFileSync(
    flagFile,
    JSON.stringify({
      flags: { "board-summary": { state: "ENABLED", variants: { on: true, off: false }, defaultVariant: summary } },
    }),
  );

before(async () => {
  [db, redis] = await Promise.all([startPostgres(), startRedis()]);
  const pool = new pg.Pool({ host: db.host, port: db.port, user: db.user, password: db.password, database: db.database });
  await migrateUp(pool);
  await pool.end();
  flagDir = mkdtempSync(join(tmpdir(), "example-api-flags-"));
  flagFile = join(flagDir, "flags.json");
  writeFlags("off");
});
after(async () => {
  for (const s of running.splice(0)) await s.stop().catch(() => {});
  await Promise.allSettled([db?.stop(), redis?.stop()]);
  if (flagDir) rmSync(flagDir, { recursive: true, force: true });
});

async function instance(env: Record<string, string> = {}): Promise<RunningService> {
  const s = await startService({ ...db.env, ...redis.env, FLAGD_OFFLINE_FLAG_SOURCE_PATH: flagFile, ...env });
  running.push(s);
  return s;
}

const board = { name: "Reading list", description: "links", plugs: [{ title: "Plugilo", url: "https://plugilo.com/" }] };

describe("boards API", () => {
  test("create, read, update, list, and the errors", async () => {
    const { url } = await instance();
    const created = await json(`${url}/boards`, { method: "POST", body: JSON.stringify(board) });
    assert.equal(created.status, 201);
    assert.match(created.body.id, /^[0-9]+$/);
    assert.equal(created.body.name, "Reading list");
    assert.deepEqual(created.body.plugs, [{ title: "Plugilo", url: "https://plugilo.com/" }]);

    const read = await json(`${url}/boards/${created.body.id}`);
    assert.equal(read.status, 200);
    assert.deepEqual(read.body, created.body);

    const plugs = [
      { title: "B", url: "https://b.example/" },
      { title: "A", url: "https://a.example/" },
    ];
    const updated = await json(`${url}/boards/${created.body.id}`, {
      method: "PUT",
      body: JSON.stringify({ name: "Renamed", plugs }),
    });
    assert.equal(updated.status, 200);
    assert.equal(updated.body.name, "Renamed");
    assert.deepEqual(updated.body.plugs, plugs, "plugs keep their order");
    assert.equal((await json(`${url}/boards/${created.body.id}`)).body.name, "Renamed");

    const list = await json(`${url}/boards?limit=100`);
    assert.equal(list.status, 200);
    assert.ok(list.body.boards.some((b: { id: string; name: string }) => b.id === created.body.id && b.name === "Renamed"));

    assert.equal((await json(`${url}/boards/999999`)).status, 404);
    assert.equal((await json(`${url}/boards/999999`, { method: "PUT", body: JSON.stringify({ name: "x" }) })).status, 404);
    assert.equal((await json(`${url}/boards`, { method: "POST", body: JSON.stringify({ name: "" }) })).status, 400);
    assert.equal(
      (await json(`${url}/boards`, { method: "POST", body: JSON.stringify({ name: "x", plugs: [{ title: "t" }] }) })).status,
      400,
    );
    assert.equal((await json(`${url}/boards/abc`)).status, 400);
  });
});

describe("caches", () => {
  test("miss, then L1 hit; a second instance reads L2, and sees another instance's update", async () => {
    const a = await instance({ CACHE_L1_TTL_MS: "60000" });
    const b = await instance({ CACHE_L1_TTL_MS: "60000" });
    // Created through an instance with another cache namespace: the key is cold for A and B.
    const creator = await instance({ REDIS_KEY_PREFIX: "creator:" });
    const { body } = await json(`${creator.url}/boards`, { method: "POST", body: JSON.stringify(board) });
    const path = `/boards/${body.id}`;

    const first = await json(a.url + path);
    assert.equal(first.cache, "db", "cold key: from the database");
    assert.equal((await json(a.url + path)).cache, "l1", "then from L1");
    assert.equal((await json(b.url + path)).cache, "l2", "another instance: from L2, filled by the first");
    assert.equal((await json(b.url + path)).cache, "l1");

    await json(a.url + path, { method: "PUT", body: JSON.stringify({ name: "Changed by A" }) });
    // B held the old board in L1 for 60 s: only the invalidation message can make it read the new one now.
    await eventually("B sees A's update", async () => (await json(b.url + path)).body.name === "Changed by A", 3_000);
    const after = await json(b.url + path);
    assert.equal(after.body.name, "Changed by A");
    assert.equal(after.cache, "l1", "B refilled L1 from L2 after the invalidation");
  });

  test("entries expire: L1 after its TTL, L2 after its TTL", async () => {
    const s = await instance({ CACHE_L1_TTL_MS: "300", CACHE_L2_TTL_SECONDS: "1" });
    const { body } = await json(`${s.url}/boards`, { method: "POST", body: JSON.stringify(board) });
    const path = `${s.url}/boards/${body.id}`;
    // The create wrote L2 (SET with EX) and left L1 empty.
    assert.equal((await json(path)).cache, "l2");
    assert.equal((await json(path)).cache, "l1");
    await new Promise((resolve) => setTimeout(resolve, 450));
    assert.equal((await json(path)).cache, "l2", "L1 expired after 300 ms");
    await new Promise((resolve) => setTimeout(resolve, 1_300));
    assert.equal((await json(path)).cache, "db", "both expired after 1 s");
  });

  test("stampede: concurrent reads of a cold key cost one database query", async () => {
    const writer = await instance();
    const { body } = await json(`${writer.url}/boards`, { method: "POST", body: JSON.stringify(board) });
    // Another cache namespace on the same servers: the key is cold in its L1 and L2.
    const reader = await instance({ REDIS_KEY_PREFIX: "stampede:" });
    // The one load is held until all 25 requests have asked the cache, so every one of them is concurrent
    // with it however the machine schedules them (the cache joins a read to the load before any await).
    let asked = 0;
    let allAsked = () => {};
    const everyoneAsked = new Promise<void>((resolve) => {
      allAsked = resolve;
    });
    const cache = reader.service.cache;
    const get = cache.get.bind(cache);
    cache.get = (key, load) => {
      if (++asked === 25) allAsked();
      return get(key, load);
    };
    let boardQueries = 0;
    const pool = reader.service.pool;
    const query = pool.query.bind(pool);
    pool.query = ((...args: Parameters<typeof query>) => {
      if (!String(args[0]).includes("FROM boards b LEFT JOIN plugs")) return query(...args);
      boardQueries++;
      return everyoneAsked.then(() => query(...args));
    }) as typeof query;
    const reads = await Promise.all(Array.from({ length: 25 }, () => json(`${reader.url}/boards/${body.id}`)));
    assert.ok(reads.every((r) => r.status === 200 && r.body.id === body.id));
    assert.ok(
      reads.every((r) => r.cache === "db"),
      "all 25 waited for the one load",
    );
    assert.equal(boardQueries, 1, "25 concurrent cold reads, one query");
  });

  test("Redis down: reads and writes go to the database, readiness says degraded, and recovers", async () => {
    const s = await instance({ CACHE_L1_TTL_MS: "0" });
    const { body } = await json(`${s.url}/boards`, { method: "POST", body: JSON.stringify(board) });
    assert.deepEqual((await json(`${s.url}/ready`)).body, { status: "ready", database: "up", redis: "up" });

    await redis.stop();
    await eventually("the instance notices", async () => !s.service.cache.l2Available(), 5_000);
    const ready = await json(`${s.url}/ready`);
    assert.equal(ready.status, 200, "still ready: it serves from the database");
    assert.deepEqual(ready.body, { status: "degraded", database: "up", redis: "down" });
    const read = await json(`${s.url}/boards/${body.id}`);
    assert.equal(read.status, 200);
    assert.equal(read.cache, "db");
    const write = await json(`${s.url}/boards/${body.id}`, {
      method: "PUT",
      body: JSON.stringify({ name: "Written while Redis was down" }),
    });
    assert.equal(write.status, 200);
    assert.equal((await json(`${s.url}/boards/${body.id}`)).body.name, "Written while Redis was down");

    await redis.start();
    await eventually("readiness recovers", async () => (await json(`${s.url}/ready`)).body.status === "ready", 10_000);
  });
});

describe("feature flags", () => {
  test("a flag change in flagd's source applies without a restart", async () => {
    const s = await instance();
    const { body } = await json(`${s.url}/boards`, { method: "POST", body: JSON.stringify(board) });
    assert.equal((await json(`${s.url}/boards/${body.id}`)).body.summary, undefined, "flag off: no summary");
    writeFlags("on");
    // flagd's file source polls the file (fs.watchFile, about every 5 s).
    await eventually(
      "the flag turns on",
      async () => (await json(`${s.url}/boards/${body.id}`)).body.summary?.plugCount === 1,
      15_000,
    );
    writeFlags("off");
    await eventually("and off again", async () => (await json(`${s.url}/boards/${body.id}`)).body.summary === undefined, 15_000);
  });
});

describe("health", () => {
  test("liveness is independent of the dependencies; readiness fails when the database is down", async () => {
    const s = await instance({ DATABASE_PORT: String(db.port + 1 === redis.port ? db.port + 2 : db.port + 1) });
    assert.equal((await json(`${s.url}/healthz`)).status, 200);
    const ready = await json(`${s.url}/ready`);
    assert.equal(ready.status, 503);
    assert.equal(ready.body.database, "down");
  });
});
