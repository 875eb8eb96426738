// biome-ignore-all lint/suspicious/noExplicitAny: the tests read response JSON whose shape they assert.
/** One in-process instance of the service against the test servers, listening on a random loopback port. */

import { createService, type Service } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";

export interface RunningService {
  service: Service;
  url: string;
  stop(): Promise<void>;
}

export async function startService(env: Record<string, string>): Promise<RunningService> {
  const config = loadConfig({ HOST: "127.0.0.1", PORT: "0", LOG_LEVEL: "silent", SHUTDOWN_DRAIN_DELAY_MS: "0", ...env });
  const service = await createService(config);
  const port = await service.listen();
  return { service, url: `http://127.0.0.1:${port}`, stop: () => service.shutdown() };
}

export async function json(url: string, init?: RequestInit): Promise<{ status: number; body: any; cache: string | null }> {
  const response = await fetch(
    url,
    init?.body ? { ...init, headers: { "content-type": "application/json", ...init.headers } } : init,
  );
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, cache: response.headers.get("x-cache") };
}

/** Polls `probe` every 50 ms until it returns true, at most `timeoutMs`. */
export async function eventually(what: string, probe: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${what}: not within ${timeoutMs} ms`);
}
