/**
 * Caches rendered images by (prompt, seed, visuals): moving a slider back to an earlier value,
 * or re-opening an entry, costs a lookup instead of a render or a paid API call.
 */
import { createHash } from 'node:crypto';
import { ImageInfoSchema } from '@studio/core';
import type { ImageGenerator } from '@studio/core/pipeline';
import type { Cache } from '@studio/store';

const TTL_SECONDS = 24 * 3600;

export function cachedImages(inner: ImageGenerator, cache: Cache): ImageGenerator {
  return {
    async generate(prompt, options) {
      const key =
        'img:' +
        createHash('sha256')
          .update(JSON.stringify([prompt, options.seed, options.visuals ?? null]))
          .digest('hex');
      const hit = await cache.get(key);
      if (hit) {
        const headerLength = hit.readUInt32BE(0);
        const info = ImageInfoSchema.parse(JSON.parse(hit.subarray(4, 4 + headerLength).toString('utf8')));
        return { info, bytes: new Uint8Array(hit.subarray(4 + headerLength)) };
      }
      const image = await inner.generate(prompt, options);
      // A fallback render stands in for a failed API call; don't pin it, so the next try can reach Bria again.
      if (!image.info.note) {
        const header = Buffer.from(JSON.stringify(image.info), 'utf8');
        const length = Buffer.alloc(4);
        length.writeUInt32BE(header.length);
        await cache.set(key, Buffer.concat([length, header, image.bytes]), TTL_SECONDS);
      }
      return image;
    },
  };
}
