/** SVG → pixels with @resvg/resvg-js, plus the film-grain tile the scenes overlay. */
import { deflateSync } from 'node:zlib';
import { Resvg } from '@resvg/resvg-js';
import { rng } from './random';

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

/** A minimal 8-bit greyscale PNG encoder (for the grain tile only; scenes are encoded by resvg). */
export function encodeGreyPng(width: number, height: number, grey: Uint8Array): Buffer {
  const rows = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) rows.set(grey.subarray(y * width, (y + 1) * width), y * (width + 1) + 1);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

const GRAIN = 128;
const grainCache = new Map<number, string>();

/**
 * A tileable grey noise tile around mid-grey (overlay-blended, so it textures without shifting brightness), as a data
 * URI. Eight variants by seed keep the cache small while neighbouring seeds still differ.
 */
export function grainTile(seed: number): string {
  const variant = seed & 7;
  const cached = grainCache.get(variant);
  if (cached) return cached;
  const r = rng(0x5eed + variant);
  const grey = new Uint8Array(GRAIN * GRAIN);
  for (let i = 0; i < grey.length; i++) {
    // Sum of two uniforms: a softer, roughly triangular grain than plain uniform noise.
    grey[i] = Math.round(128 + (r() + r() - 1) * 90);
  }
  const uri = `data:image/png;base64,${encodeGreyPng(GRAIN, GRAIN, grey).toString('base64')}`;
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

export function rasterise(svg: string, size: number, withPixels = false): Raster {
  const resvg = new Resvg(svg, { fitTo: { mode: 'width', value: size }, font: { loadSystemFonts: false }, background: '#000' });
  const image = resvg.render();
  return {
    width: image.width,
    height: image.height,
    pixels: withPixels ? new Uint8Array(image.pixels) : new Uint8Array(0),
    png: new Uint8Array(image.asPng()),
  };
}
