/**
 * The service: Fastify routes over the boards repository and the two-tier cache, health and readiness that
 * reflect the dependencies, and a graceful shutdown (readiness fails first, then in-flight requests drain).
 */
import Fastify, { type FastifyInstance } from "fastify";
import type pg from "pg";
import { type Board, type BoardInput, BoardsRepository } from "./boards-repository.ts";
import type { ServiceConfig } from "./config.ts";
import { createPool } from "./database.ts";
import { connectFlags, type Flags } from "./flags.ts";
import { BOARDS_PAGE } from "./page.ts";
import { connectRedis, type RedisConnections } from "./redis.ts";
import { instrumentHttp } from "./telemetry.ts";
import { TwoTierCache } from "./two-tier-cache.ts";

export interface Service {
  app: FastifyInstance;
  pool: pg.Pool;
  cache: TwoTierCache<Board>;
  /** Listens; resolves with the bound port. */
  listen(): Promise<number>;
  /** Fails readiness, waits the drain delay, stops accepting, waits for in-flight requests, closes the clients. */
  shutdown(): Promise<void>;
}

const boardBody = {
  type: "object",
  required: ["name"],
  additionalProperties: false,
  properties: {
    name: { type: "string", minLength: 1, maxLength: 200 },
    description: { type: "string", maxLength: 2000 },
    plugs: {
      type: "array",
      maxItems: 500,
      items: {
        type: "object",
        required: ["title", "url"],
        additionalProperties: false,
        properties: { title: { type: "string", minLength: 1, maxLength: 200 }, url: { type: "string", format: "uri" } },
      },
    },
  },
} as const;
const idParams = {
  type: "object",
  required: ["id"],
  properties: { id: { type: "string", pattern: "^[1-9][0-9]{0,17}$" } },
} as const;

export async function createService(config: ServiceConfig): Promise<Service> {
  const app = Fastify({ logger: { level: config.logLevel }, return503OnClosing: true });
  const log = app.log;
  const pool = createPool(config.database);
  pool.on("error", (err) => log.warn({ err: String(err) }, "idle database connection failed"));
  let redisErrors = 0;
  const onRedisError = (err: unknown) => {
    // One line per outage burst rather than one per failed command.
    if (redisErrors++ % 100 === 0) log.warn({ err: String(err) }, "redis unavailable: serving from L1 and the database");
  };
  const redisConfig = config.redis;
  const redis: RedisConnections | undefined = redisConfig.host
    ? await connectRedis({ ...redisConfig, host: redisConfig.host }, onRedisError)
    : undefined;
  const cache = new TwoTierCache<Board>({ ...config.cache, keyPrefix: config.redis.keyPrefix, redis, onL2Error: onRedisError });
  await cache.start();
  const flags: Flags = await connectFlags(config.flags.offlineFlagSourcePath, (err) =>
    log.warn({ err: String(err) }, "feature flags unavailable: defaults apply"),
  );
  const boards = new BoardsRepository(pool);
  let shuttingDown = false;

  instrumentHttp(app);
  // While draining, every response closes its connection: a keep-alive connection whose request was in
  // flight at close would otherwise stay open and hold up the listener's close.
  app.addHook("onSend", async (_request, reply) => {
    if (shuttingDown) reply.header("connection", "close");
  });

  const present = async (board: Board) =>
    (await flags.boardSummary()) ? { ...board, summary: { plugCount: board.plugs.length } } : board;

  app.get("/healthz", async () => ({ status: "ok" }));

  app.get("/ready", async (_request, reply) => {
    if (shuttingDown) return reply.code(503).send({ status: "shutting-down" });
    const database = await pool
      .query("SELECT 1")
      .then(() => "up" as const)
      .catch(() => "down" as const);
    const l2 = redis ? (cache.l2Available() ? "up" : "down") : "not-configured";
    if (database === "down") return reply.code(503).send({ status: "unavailable", database, redis: l2 });
    // Without Redis the instance still serves (from the database): ready, and says it is degraded.
    return { status: l2 === "down" ? "degraded" : "ready", database, redis: l2 };
  });

  app.get("/", async (_request, reply) => reply.type("text/html; charset=utf-8").send(BOARDS_PAGE));

  app.get<{ Querystring: { limit: number; offset: number } }>(
    "/boards",
    {
      schema: {
        querystring: {
          type: "object",
          properties: {
            limit: { type: "integer", minimum: 1, maximum: 100, default: 20 },
            offset: { type: "integer", minimum: 0, default: 0 },
          },
        },
      },
    },
    async (request) => ({ boards: await boards.list(request.query.limit, request.query.offset) }),
  );

  app.post<{ Body: BoardInput }>("/boards", { schema: { body: boardBody } }, async (request, reply) => {
    const board = await boards.create(request.body);
    await cache.put(board.id, board);
    return reply
      .code(201)
      .header("location", `/boards/${board.id}`)
      .send(await present(board));
  });

  app.get<{ Params: { id: string } }>("/boards/:id", { schema: { params: idParams } }, async (request, reply) => {
    const { value, tier } = await cache.get(request.params.id, () => boards.get(request.params.id));
    reply.header("x-cache", tier);
    if (!value) return reply.code(404).send({ error: "not found" });
    return present(value);
  });

  app.put<{ Params: { id: string }; Body: BoardInput }>(
    "/boards/:id",
    { schema: { params: idParams, body: boardBody } },
    async (request, reply) => {
      const board = await boards.update(request.params.id, request.body);
      if (!board) return reply.code(404).send({ error: "not found" });
      await cache.put(board.id, board);
      return present(board);
    },
  );

  return {
    app,
    pool,
    cache,
    async listen() {
      await app.listen({ host: config.host, port: config.port });
      const address = app.server.address();
      return typeof address === "object" && address ? address.port : config.port;
    },
    async shutdown() {
      if (shuttingDown) return;
      shuttingDown = true;
      log.info({ drainDelayMs: config.shutdown.drainDelayMs }, "shutting down: readiness fails, draining");
      // Time for the endpoints to drop this pod before the listener closes (the kubelet's preStop window).
      await new Promise((resolve) => setTimeout(resolve, config.shutdown.drainDelayMs));
      await app.close();
      log.info("http server closed: in-flight requests finished");
      await Promise.allSettled([redis?.close(), flags.close()]);
      log.info("redis and flags closed");
      await pool.end();
      log.info("shut down");
    },
  };
}
