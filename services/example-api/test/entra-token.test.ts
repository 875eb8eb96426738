/**
 * Token reuse and refresh, with a credential that counts its calls (the Entra ID endpoint itself is not
 * reachable offline). Tokens are refreshed 5 minutes before they expire.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { AccessToken, TokenCredential } from "@azure/identity";
import { EntraTokenSource } from "../src/entra-token.ts";

function countingCredential(lifetimeMs: number, now: () => number) {
  const calls: string[] = [];
  const credential: TokenCredential = {
    async getToken(scopes) {
      calls.push(String(scopes));
      await new Promise((resolve) => setTimeout(resolve, 10));
      return { token: `token-${calls.length}`, expiresOnTimestamp: now() + lifetimeMs } as AccessToken;
    },
  };
  return { credential, calls };
}

test("a token is reused while more than 5 minutes remain, and replaced after", async () => {
  let clock = 1_000_000;
  const now = () => clock;
  const { credential, calls } = countingCredential(60 * 60_000, now);
  const source = new EntraTokenSource(credential, "https://ossrdbms-aad.database.windows.net/.default", now);
  assert.equal(await source.token(), "token-1");
  clock += 54 * 60_000; // 6 minutes left
  assert.equal(await source.token(), "token-1");
  clock += 2 * 60_000; // 4 minutes left
  assert.equal(await source.token(), "token-2");
  assert.deepEqual(calls, [
    "https://ossrdbms-aad.database.windows.net/.default",
    "https://ossrdbms-aad.database.windows.net/.default",
  ]);
});

test("concurrent requests for a token share one call to Entra ID", async () => {
  const { credential, calls } = countingCredential(60 * 60_000, Date.now);
  const source = new EntraTokenSource(credential, "https://redis.azure.com/.default");
  const tokens = await Promise.all(Array.from({ length: 10 }, () => source.token()));
  assert.deepEqual(new Set(tokens), new Set(["token-1"]));
  assert.equal(calls.length, 1);
});

test("background refresh hands each new token to the connections before the old one expires", async () => {
  // Tokens that live 5 min + 1.2 s: the refresh is due 1.2 s after each token is issued.
  const { credential } = countingCredential(5 * 60_000 + 1_200, Date.now);
  const source = new EntraTokenSource(credential, "https://redis.azure.com/.default");
  assert.equal(await source.token(), "token-1");
  const refreshed: string[] = [];
  await new Promise<void>((resolve, reject) => {
    source.refreshInBackground((token) => {
      refreshed.push(token);
      if (refreshed.length === 2) resolve();
    }, reject);
    setTimeout(() => reject(new Error(`refreshed only ${JSON.stringify(refreshed)}`)), 6_000).unref();
  });
  source.stop();
  assert.deepEqual(refreshed, ["token-2", "token-3"]);
});

test("no token from the credential: a clear error", async () => {
  const source = new EntraTokenSource({ getToken: async () => null }, "https://redis.azure.com/.default");
  await assert.rejects(
    source.token(),
    /no Entra ID token for https:\/\/redis\.azure\.com\/\.default: is the pod's workload identity configured\?/,
  );
});
