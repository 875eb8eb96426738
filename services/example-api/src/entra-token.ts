/**
 * Entra ID access tokens for the data services, from the pod's workload identity (the webhook injects
 * AZURE_CLIENT_ID, AZURE_TENANT_ID and AZURE_FEDERATED_TOKEN_FILE; WorkloadIdentityCredential reads them).
 * A token is reused until REFRESH_BEFORE_MS before it expires, then replaced; `onRefresh` lets long-lived
 * connections (Redis) re-authenticate before the server drops them.
 * PostgreSQL scope: https://learn.microsoft.com/azure/postgresql/flexible-server/how-to-connect-with-managed-identity
 * Redis scope: https://learn.microsoft.com/azure/redis/entra-for-authentication
 */
import type { AccessToken, TokenCredential } from "@azure/identity";

export const POSTGRES_SCOPE = "https://ossrdbms-aad.database.windows.net/.default";
export const REDIS_SCOPE = "https://redis.azure.com/.default";

/** Refresh this long before expiry (tokens live 60-90 minutes). */
const REFRESH_BEFORE_MS = 5 * 60_000;

export class EntraTokenSource {
  private current?: AccessToken;
  private pending?: Promise<AccessToken>;
  private timer?: NodeJS.Timeout;
  private readonly credential: TokenCredential;
  private readonly scope: string;
  private readonly now: () => number;

  constructor(credential: TokenCredential, scope: string, now: () => number = Date.now) {
    this.credential = credential;
    this.scope = scope;
    this.now = now;
  }

  /** A token valid for at least REFRESH_BEFORE_MS more. */
  async token(): Promise<string> {
    if (this.current && this.current.expiresOnTimestamp - this.now() > REFRESH_BEFORE_MS) return this.current.token;
    this.pending ??= this.fetch().finally(() => {
      this.pending = undefined;
    });
    return (await this.pending).token;
  }

  /** Calls `onRefresh` with each new token, REFRESH_BEFORE_MS before the previous one expires. */
  refreshInBackground(onRefresh: (token: string) => Promise<void> | void, onError: (err: unknown) => void): void {
    const schedule = () => {
      const expires = this.current?.expiresOnTimestamp ?? this.now();
      const delay = Math.max(1_000, expires - REFRESH_BEFORE_MS - this.now());
      this.timer = setTimeout(async () => {
        try {
          await onRefresh(await this.token());
        } catch (err) {
          onError(err);
        }
        schedule();
      }, delay);
      this.timer.unref();
    };
    schedule();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
  }

  private async fetch(): Promise<AccessToken> {
    const token = await this.credential.getToken(this.scope);
    if (!token) throw new Error(`no Entra ID token for ${this.scope}: is the pod's workload identity configured?`);
    this.current = token;
    return token;
  }
}
