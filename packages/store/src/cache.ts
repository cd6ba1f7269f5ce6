/**
 * Shared cache and rate limiter: Redis when REDIS_URL is set (several studio processes share it),
 * else an in-process LRU. Used for rendered images (slider round-trips) and request rate limits.
 */
import { LRUCache } from 'lru-cache';

export interface Cache {
  readonly kind: 'memory' | 'redis';
  get(key: string): Promise<Buffer | null>;
  set(key: string, value: Uint8Array, ttlSeconds: number): Promise<void>;
  /** Counts one hit in a fixed window; returns the count so far in that window. */
  hit(key: string, windowSeconds: number): Promise<number>;
  clear(): Promise<void>;
  close(): Promise<void>;
}

export async function openCache(
  options: { redisUrl?: string; maxBytes?: number; prefix?: string } = {},
): Promise<Cache> {
  return options.redisUrl
    ? openRedis(options.redisUrl, options.prefix ?? 'studio:')
    : openMemory(options.maxBytes ?? 128 * 1024 * 1024);
}

function openMemory(maxBytes: number): Cache {
  const values = new LRUCache<string, Buffer>({
    maxSize: maxBytes,
    sizeCalculation: (v) => Math.max(1, v.byteLength),
    ttlAutopurge: false,
  });
  const windows = new LRUCache<string, { count: number }>({ max: 10_000 });
  return {
    kind: 'memory',
    get: async (key) => values.get(key) ?? null,
    set: async (key, value, ttl) => void values.set(key, Buffer.from(value), { ttl: ttl * 1000 }),
    async hit(key, windowSeconds) {
      const w = windows.get(key) ?? { count: 0 };
      if (w.count === 0) windows.set(key, w, { ttl: windowSeconds * 1000 });
      w.count += 1;
      return w.count;
    },
    clear: async () => {
      values.clear();
      windows.clear();
    },
    close: async () => undefined,
  };
}

async function openRedis(url: string, prefix: string): Promise<Cache> {
  const { Redis } = await import('ioredis');
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2, enableOfflineQueue: false });
  await redis.connect();
  return {
    kind: 'redis',
    get: (key) => redis.getBuffer(prefix + key),
    set: async (key, value, ttl) => void (await redis.set(prefix + key, Buffer.from(value), 'EX', ttl)),
    async hit(key, windowSeconds) {
      const k = `${prefix}rate:${key}`;
      const [[, count]] = (await redis.multi().incr(k).expire(k, windowSeconds, 'NX').exec()) as [[null, number]];
      return count;
    },
    async clear() {
      // SCAN, not KEYS: never block a shared Redis.
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
        if (keys.length) await redis.del(...keys);
        cursor = next;
      } while (cursor !== '0');
    },
    close: async () => void (await redis.quit()),
  };
}
