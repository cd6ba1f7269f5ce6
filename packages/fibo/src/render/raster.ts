/** SVG → pixels with @resvg/resvg-js, plus the film-grain tile the scenes overlay. */
import { deflateSync } from 'node:zlib';
import { renderAsync, Resvg, type ResvgRenderOptions } from '@resvg/resvg-js';
import { rng } from '@studio/core/random';

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[i] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  out.set(data, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/**
 * A small 8-bit PNG encoder (RGB or RGBA) with the Paeth filter and maximum deflate: used for the grain tile and
 * for documentation images, where resvg's RGBA output would be larger than it needs to be.
 */
export function encodePng(width: number, height: number, channels: 3 | 4, data: Uint8Array): Buffer {
  const stride = width * channels;
  const rows = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    const out = y * (stride + 1);
    rows[out] = 4; // Paeth
    for (let i = 0; i < stride; i++) {
      const x = data[y * stride + i]!;
      const a = i >= channels ? data[y * stride + i - channels]! : 0;
      const b = y > 0 ? data[(y - 1) * stride + i]! : 0;
      const c = i >= channels && y > 0 ? data[(y - 1) * stride + i - channels]! : 0;
      const p = a + b - c;
      const pa = Math.abs(p - a);
      const pb = Math.abs(p - b);
      const pc = Math.abs(p - c);
      rows[out + 1 + i] = (x - (pa <= pb && pa <= pc ? a : pb <= pc ? b : c)) & 0xff;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = channels === 3 ? 2 : 6; // truecolour, truecolour + alpha
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

/** RGBA → RGB, for opaque images. */
export function dropAlpha(rgba: Uint8Array): Uint8Array {
  const rgb = new Uint8Array((rgba.length / 4) * 3);
  for (let i = 0, j = 0; i < rgba.length; i += 4, j += 3) {
    rgb[j] = rgba[i]!;
    rgb[j + 1] = rgba[i + 1]!;
    rgb[j + 2] = rgba[i + 2]!;
  }
  return rgb;
}

const GRAIN = 128;
const grainCache = new Map<number, string>();

/**
 * A tileable film-grain tile as a data URI: light and dark specks whose alpha carries the noise, so the grain
 * textures the picture with plain alpha blending (a blend mode would cost a fifth of the render) and, being
 * zero-mean, does not shift its brightness. Eight variants by seed keep the cache small while seeds still differ.
 */
export function grainTile(seed: number): string {
  const variant = seed & 7;
  const cached = grainCache.get(variant);
  if (cached) return cached;
  const r = rng(0x5eed + variant);
  const rgba = new Uint8Array(GRAIN * GRAIN * 4);
  for (let i = 0; i < GRAIN * GRAIN; i++) {
    // Sum of two uniforms: a softer, roughly triangular grain than plain uniform noise; on a few alpha levels,
    // which look the same and keep the PNGs smaller.
    const noise = r() + r() - 1;
    const level = Math.round(Math.abs(noise) * 4) * 48;
    rgba.fill(noise > 0 ? 200 : 50, i * 4, i * 4 + 3);
    rgba[i * 4 + 3] = Math.min(255, level);
  }
  const uri = `data:image/png;base64,${encodePng(GRAIN, GRAIN, 4, rgba).toString('base64')}`;
  grainCache.set(variant, uri);
  return uri;
}

export interface Raster {
  width: number;
  height: number;
  /** RGBA, row-major. */
  pixels: Uint8Array;
  png: Uint8Array;
}

function options(size: number): ResvgRenderOptions {
  // Nearest-neighbour image sampling: the only raster image is the grain tile, drawn at 1:1, and smooth sampling of
  // it costs a third of the render.
  return { fitTo: { mode: 'width', value: size }, font: { loadSystemFonts: false }, background: '#000', imageRendering: 1 };
}

export function rasterise(svg: string, size: number, withPixels = false): Raster {
  const image = new Resvg(svg, options(size)).render();
  return {
    width: image.width,
    height: image.height,
    pixels: withPixels ? new Uint8Array(image.pixels) : new Uint8Array(0),
    png: new Uint8Array(image.asPng()),
  };
}

/** The same, rendered on libuv's thread pool so a server's event loop stays free; cancellable. */
export async function rasteriseAsync(svg: string, size: number, signal?: AbortSignal): Promise<Raster> {
  const image = await renderAsync(svg, options(size), signal);
  return { width: image.width, height: image.height, pixels: new Uint8Array(0), png: new Uint8Array(image.asPng()) };
}
