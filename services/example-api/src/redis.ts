/**
 * The Redis connections of one instance: commands, and a subscriber for cache invalidation (a connection in
 * subscriber mode takes no other commands). Both fail fast while Redis is unreachable (no offline queue),
 * so a request falls through to the database instead of waiting, and reconnect in the background.
 * With Entra ID the user is the identity's object ID and the password a token; Azure Managed Redis closes a
 * connection whose token expires, so both connections re-AUTH with each refreshed token.
 * https://learn.microsoft.com/azure/redis/entra-for-authentication
 */
import { DefaultAzureCredential } from "@azure/identity";
import { Redis, type RedisOptions } from "ioredis";
import type { ServiceConfig } from "./config.ts";
import { EntraTokenSource, REDIS_SCOPE } from "./entra-token.ts";

export interface RedisConnections {
  commands: Redis;
  subscriber: Redis;
  close(): Promise<void>;
}

export async function connectRedis(
  config: ServiceConfig["redis"] & { host: string },
  onError: (err: unknown) => void,
  tokens?: EntraTokenSource,
): Promise<RedisConnections> {
  const source =
    config.auth === "entra" ? (tokens ?? new EntraTokenSource(new DefaultAzureCredential(), REDIS_SCOPE)) : undefined;
  const password = source ? await source.token() : config.auth === "password" ? config.password : undefined;
  const options: RedisOptions = {
    host: config.host,
    port: config.port,
    ...(config.user ? { username: config.user } : {}),
    ...(password ? { password } : {}),
    ...(config.tls ? { tls: { servername: config.host } } : {}),
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 2_000,
    commandTimeout: 1_000,
    // Reconnect forever, at most every 2 s: readiness reports the outage meanwhile.
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  };
  const commands = new Redis(options);
  // The subscriber queues its SUBSCRIBE until connected and re-subscribes after each reconnect.
  const subscriber = new Redis({ ...options, commandTimeout: undefined, enableOfflineQueue: true, maxRetriesPerRequest: null });
  commands.on("error", onError);
  subscriber.on("error", onError);
  if (source) {
    source.refreshInBackground(async (token) => {
      for (const connection of [commands, subscriber]) {
        // Reconnects use the new token; open connections re-authenticate now.
        connection.options.password = token;
        if (connection.status === "ready") await connection.call("AUTH", config.user as string, token);
      }
    }, onError);
  }
  return {
    commands,
    subscriber,
    async close() {
      source?.stop();
      await Promise.allSettled([commands.quit(), subscriber.quit()]);
      commands.disconnect();
      subscriber.disconnect();
    },
  };
}
