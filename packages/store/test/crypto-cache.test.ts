import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createCipher, openCache, parseKey } from '../src/index';

describe('AES-256-GCM cipher', () => {
  const cipher = createCipher(randomBytes(32));

  it('round-trips and uses a fresh IV each time', () => {
    const a = cipher.encrypt('dear diary');
    const b = cipher.encrypt('dear diary');
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
    expect(cipher.decrypt(a)).toBe('dear diary');
  });

  it('rejects tampered ciphertext', () => {
    const sealed = Buffer.from(cipher.encrypt('dear diary'));
    sealed[sealed.length - 1]! ^= 1;
    expect(() => cipher.decrypt(sealed)).toThrow();
  });

  it('rejects the wrong key', () => {
    const other = createCipher(randomBytes(32));
    expect(() => other.decrypt(cipher.encrypt('x'))).toThrow();
  });

  it('parses hex and base64 keys and refuses short ones', () => {
    const key = randomBytes(32);
    expect(parseKey(key.toString('hex')).equals(key)).toBe(true);
    expect(parseKey(key.toString('base64')).equals(key)).toBe(true);
    expect(() => parseKey('abcd')).toThrow(/32 bytes/);
  });
});

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

describe.each([
  { name: 'memory', redisUrl: undefined },
  { name: 'redis', redisUrl: REDIS_URL },
])('cache on $name', ({ redisUrl }) => {
  it('stores bytes with a TTL and counts rate-limit hits per window', async () => {
    const cache = await openCache({ redisUrl, prefix: `studio-test-${process.pid}-${Date.now()}:` });
    try {
      expect(await cache.get('k')).toBeNull();
      await cache.set('k', new Uint8Array([1, 2, 3]), 60);
      expect([...(await cache.get('k'))!]).toEqual([1, 2, 3]);
      expect(await cache.hit('ip', 60)).toBe(1);
      expect(await cache.hit('ip', 60)).toBe(2);
      expect(await cache.hit('other', 60)).toBe(1);
      await cache.clear();
      expect(await cache.get('k')).toBeNull();
      expect(await cache.hit('ip', 60)).toBe(1);
    } finally {
      await cache.close();
    }
  });
});
