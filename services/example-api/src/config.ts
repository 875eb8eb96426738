/**
 * Configuration from the environment (the ConfigMap and the workload identity webhook's variables). Every
 * value has a default that fits the cluster; the tests and local runs override them. Authentication to the
 * data services is Entra ID unless configured otherwise: passwords exist only for local test servers.
 */

export type DataAuth = "entra" | "password";

export interface ServiceConfig {
  host: string;
  port: number;
  logLevel: string;
  database: {
    host: string;
    port: number;
    database: string;
    user: string;
    auth: DataAuth;
    /** Only with auth password. */
    password?: string;
    ssl: boolean;
    poolMax: number;
  };
  redis: {
    /** Unset: no L2 (the service runs on L1 and the database). */
    host?: string;
    port: number;
    auth: DataAuth | "none";
    /** With Entra ID: the object (principal) ID of the identity the access policy is assigned to. */
    user?: string;
    password?: string;
    tls: boolean;
    keyPrefix: string;
  };
  cache: { l1Max: number; l1TtlMs: number; l2TtlSeconds: number };
  flags: { offlineFlagSourcePath?: string };
  shutdown: { drainDelayMs: number; timeoutMs: number };
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`configuration ${name}: "${raw}" is not a non-negative integer`);
  return value;
}

function oneOf<T extends string>(env: NodeJS.ProcessEnv, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name] ?? fallback;
  if (!(allowed as readonly string[]).includes(raw))
    throw new Error(`configuration ${name}: "${raw}" is not one of ${allowed.join(", ")}`);
  return raw as T;
}

const bool = (env: NodeJS.ProcessEnv, name: string, fallback: boolean) =>
  env[name] === undefined || env[name] === "" ? fallback : env[name] === "true";

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServiceConfig {
  const dbAuth = oneOf(env, "DATABASE_AUTH", ["entra", "password"] as const, "entra");
  const redisAuth = oneOf(env, "REDIS_AUTH", ["entra", "password", "none"] as const, "entra");
  if (dbAuth === "password" && !env.DATABASE_PASSWORD)
    throw new Error("configuration DATABASE_PASSWORD: required with DATABASE_AUTH=password");
  if (dbAuth === "entra" && !env.DATABASE_USER)
    throw new Error(
      "configuration DATABASE_USER: required with DATABASE_AUTH=entra (the Entra role name of the service's identity)",
    );
  if (env.REDIS_HOST && redisAuth === "entra" && !env.REDIS_USER)
    throw new Error("configuration REDIS_USER: required with REDIS_AUTH=entra (the object ID of the service's identity)");
  return {
    host: env.HOST ?? "0.0.0.0",
    port: int(env, "PORT", 8080),
    logLevel: env.LOG_LEVEL ?? "info",
    database: {
      host: env.DATABASE_HOST ?? "localhost",
      port: int(env, "DATABASE_PORT", 5432),
      database: env.DATABASE_NAME ?? "example_api",
      user: env.DATABASE_USER ?? "example_api",
      auth: dbAuth,
      ...(env.DATABASE_PASSWORD ? { password: env.DATABASE_PASSWORD } : {}),
      // Azure Database for PostgreSQL requires TLS; Entra tokens are only sent over it.
      ssl: bool(env, "DATABASE_SSL", dbAuth === "entra"),
      poolMax: int(env, "DATABASE_POOL_MAX", 10),
    },
    redis: {
      ...(env.REDIS_HOST ? { host: env.REDIS_HOST } : {}),
      // Azure Managed Redis listens on 10000 (TLS).
      port: int(env, "REDIS_PORT", 10000),
      auth: redisAuth,
      ...(env.REDIS_USER ? { user: env.REDIS_USER } : {}),
      ...(env.REDIS_PASSWORD ? { password: env.REDIS_PASSWORD } : {}),
      tls: bool(env, "REDIS_TLS", redisAuth === "entra"),
      keyPrefix: env.REDIS_KEY_PREFIX ?? "example-api:",
    },
    cache: {
      l1Max: int(env, "CACHE_L1_MAX", 10_000),
      l1TtlMs: int(env, "CACHE_L1_TTL_MS", 5_000),
      l2TtlSeconds: int(env, "CACHE_L2_TTL_SECONDS", 300),
    },
    flags: { ...(env.FLAGD_OFFLINE_FLAG_SOURCE_PATH ? { offlineFlagSourcePath: env.FLAGD_OFFLINE_FLAG_SOURCE_PATH } : {}) },
    shutdown: { drainDelayMs: int(env, "SHUTDOWN_DRAIN_DELAY_MS", 5_000), timeoutMs: int(env, "SHUTDOWN_TIMEOUT_MS", 20_000) },
  };
}
