/** Just enough of PNG and JPEG headers to know what Bria sent back and how large it is. */

export interface ImageMeta {
  mime: 'image/png' | 'image/jpeg';
  width: number;
  height: number;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Mime type and size from the bytes themselves (never from a header the server sent), or null if neither format. */
export function imageMeta(bytes: Uint8Array): ImageMeta | null {
  if (bytes.length >= 24 && PNG_SIGNATURE.every((b, i) => bytes[i] === b)) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return { mime: 'image/png', width: view.getUint32(16), height: view.getUint32(20) };
  }
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8) return jpegMeta(bytes);
  return null;
}

function jpegMeta(bytes: Uint8Array): ImageMeta | null {
  let i = 2;
  while (i + 9 < bytes.length) {
    if (bytes[i] !== 0xff) return null;
    const marker = bytes[i + 1]!;
    const length = (bytes[i + 2]! << 8) | bytes[i + 3]!;
    // Start-of-frame markers (baseline, progressive, …) carry the size; 0xc4/0xc8/0xcc are not frames.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      const height = (bytes[i + 5]! << 8) | bytes[i + 6]!;
      const width = (bytes[i + 7]! << 8) | bytes[i + 8]!;
      return { mime: 'image/jpeg', width, height };
    }
    i += 2 + length;
  }
  return null;
}
