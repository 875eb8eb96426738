/**
 * The PostgreSQL pool. With Entra ID, every new connection asks the token source for a token (cached until
 * shortly before expiry): PostgreSQL checks the token at connection time only, so pooled connections stay
 * valid and new ones always carry a fresh token.
 */
import { DefaultAzureCredential } from "@azure/identity";
import pg from "pg";
import type { ServiceConfig } from "./config.ts";
import { EntraTokenSource, POSTGRES_SCOPE } from "./entra-token.ts";

export function createPool(config: ServiceConfig["database"], tokens?: EntraTokenSource): pg.Pool {
  const password =
    config.auth === "entra"
      ? (() => {
          const source = tokens ?? new EntraTokenSource(new DefaultAzureCredential(), POSTGRES_SCOPE);
          return () => source.token();
        })()
      : config.password;
  return new pg.Pool({
    host: config.host,
    port: config.port,
    database: config.database,
    user: config.user,
    password,
    ssl: config.ssl ? { rejectUnauthorized: true } : false,
    max: config.poolMax,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    application_name: "example-api",
  });
}
