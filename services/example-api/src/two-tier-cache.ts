/**
 * The design's caching tiers L1 and L2 (section 7; L3 is Front Door at the edge):
 *   - L1: in this process, bounded (lru-cache, max entries) with a short TTL: the staleness an instance can
 *     show when it missed an invalidation;
 *   - L2: Redis, shared by every instance, longer TTL.
 * Reads go L1 -> L2 -> loader (the database), through single-flight. A write goes to the database first,
 * then `put` overwrites L2 and publishes the key on the invalidation channel: every instance drops it from
 * L1. Fills from a read use SET NX, so a reader that loaded the old row before the write cannot overwrite
 * the writer's newer value. When Redis is unreachable, reads fall through to the database (the instance is
 * degraded, readiness says so) and L1 alone bounds staleness; after Redis returns, L1 is cleared because
 * invalidations may have been missed meanwhile.
 */
import { metrics } from "@opentelemetry/api";
import { LRUCache } from "lru-cache";
import type { RedisConnections } from "./redis.ts";
import { SingleFlight } from "./single-flight.ts";

export type CacheTier = "l1" | "l2" | "db";

export interface CacheOptions {
  l1Max: number;
  l1TtlMs: number;
  l2TtlSeconds: number;
  keyPrefix: string;
  redis?: RedisConnections;
  onL2Error?: (err: unknown) => void;
}

export interface CacheRead<T> {
  value: T | undefined;
  tier: CacheTier;
}

const meter = metrics.getMeter("example-api");
const lookups = meter.createCounter("cache.lookups", { description: "Cache reads by the tier that answered" });

export class TwoTierCache<T extends object> {
  private readonly l1: LRUCache<string, T>;
  private readonly flight = new SingleFlight<CacheRead<T>>();
  private readonly options: CacheOptions;
  private readonly channel: string;
  private l2WasDown = false;

  constructor(options: CacheOptions) {
    this.options = options;
    this.l1 = new LRUCache<string, T>({ max: options.l1Max, ttl: options.l1TtlMs });
    this.channel = `${options.keyPrefix}invalidate`;
  }

  /** Subscribes to invalidations from the other instances. */
  async start(): Promise<void> {
    const redis = this.options.redis;
    if (!redis) return;
    redis.subscriber.on("message", (channel: string, key: string) => {
      if (channel === this.channel) this.l1.delete(key);
    });
    redis.subscriber.on("ready", () => {
      if (this.l2WasDown) this.l1.clear();
      this.l2WasDown = false;
    });
    redis.subscriber.on("close", () => {
      this.l2WasDown = true;
    });
    // Not awaited: with Redis down at start, the subscription happens when it comes up.
    redis.subscriber.subscribe(this.channel).catch((err) => this.options.onL2Error?.(err));
  }

  /** Whether L2 answers now (readiness reports this). */
  l2Available(): boolean {
    return this.options.redis?.commands.status === "ready";
  }

  get l1Size(): number {
    return this.l1.size;
  }

  async get(key: string, load: () => Promise<T | undefined>): Promise<CacheRead<T>> {
    const local = this.l1.get(key);
    if (local) return this.count({ value: local, tier: "l1" });
    return this.flight.do(key, async () => {
      const shared = await this.l2Get(key);
      if (shared) {
        this.l1.set(key, shared);
        return this.count({ value: shared, tier: "l2" });
      }
      const value = await load();
      if (value) {
        this.l1.set(key, value);
        await this.l2Set(key, value, true);
      }
      return this.count({ value, tier: "db" });
    });
  }

  /** After a write to the database: the new value to L2, the key out of every instance's L1. */
  async put(key: string, value: T): Promise<void> {
    this.l1.delete(key);
    await this.l2Set(key, value, false);
    const redis = this.options.redis;
    if (redis && this.l2Available())
      await redis.commands.publish(this.channel, key).catch((err) => this.options.onL2Error?.(err));
  }

  private count(read: CacheRead<T>): CacheRead<T> {
    lookups.add(1, { "cache.tier": read.tier });
    return read;
  }

  private async l2Get(key: string): Promise<T | undefined> {
    const redis = this.options.redis;
    if (!redis || !this.l2Available()) return undefined;
    try {
      const raw = await redis.commands.get(this.options.keyPrefix + key);
      return raw ? (JSON.parse(raw) as T) : undefined;
    } catch (err) {
      this.options.onL2Error?.(err);
      return undefined;
    }
  }

  private async l2Set(key: string, value: T, onlyIfAbsent: boolean): Promise<void> {
    const redis = this.options.redis;
    if (!redis || !this.l2Available()) return;
    const k = this.options.keyPrefix + key;
    const ttl = this.options.l2TtlSeconds;
    try {
      if (onlyIfAbsent) await redis.commands.set(k, JSON.stringify(value), "EX", ttl, "NX");
      else await redis.commands.set(k, JSON.stringify(value), "EX", ttl);
    } catch (err) {
      this.options.onL2Error?.(err);
    }
  }
}
