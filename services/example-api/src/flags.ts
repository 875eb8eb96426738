/**
 * Feature flags through OpenFeature with the flagd provider. In the cluster the OpenFeature operator injects
 * a flagd sidecar (the FeatureFlag resource PlugiloService renders; the provider reads FLAGD_HOST/FLAGD_PORT,
 * default localhost:8013). Locally and in the tests, the in-process resolver reads a flagd flag file and
 * watches it: a change applies without a restart. A flag that cannot be evaluated yields its default.
 * https://flagd.dev/providers/nodejs/
 */
import { randomUUID } from "node:crypto";
import { FlagdProvider } from "@openfeature/flagd-provider";
import { type Client, OpenFeature, ProviderStatus } from "@openfeature/server-sdk";

/** The flags this service reads, with the value used when flagd cannot answer. */
export const FLAG_DEFAULTS = {
  /** Board responses carry a summary (number of plugs). */
  "board-summary": false,
} as const;

export interface Flags {
  boardSummary(): Promise<boolean>;
  close(): Promise<void>;
}

export async function connectFlags(offlineFlagSourcePath: string | undefined, onError: (err: unknown) => void): Promise<Flags> {
  const provider = new FlagdProvider(
    offlineFlagSourcePath ? { resolverType: "in-process", offlineFlagSourcePath } : { resolverType: "rpc" },
  );
  // A domain per instance: two instances in one process (the tests) keep their own provider.
  const domain = `example-api-${randomUUID()}`;
  // Bounded: with no flagd reachable the service starts and serves the defaults until it is.
  const ready = OpenFeature.setProviderAndWait(domain, provider).catch(onError);
  await Promise.race([ready, new Promise((resolve) => setTimeout(resolve, 3_000).unref())]);
  const client: Client = OpenFeature.getClient(domain);
  return {
    // A request never waits for flagd: until the provider is ready, the default applies.
    boardSummary: async () =>
      client.providerStatus === ProviderStatus.READY || client.providerStatus === ProviderStatus.STALE
        ? client.getBooleanValue("board-summary", FLAG_DEFAULTS["board-summary"])
        : FLAG_DEFAULTS["board-summary"],
    close: async () => {
      await provider.onClose();
    },
  };
}
