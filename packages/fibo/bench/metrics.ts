/**
 * Pixel measurements of rendered images (RGBA), shared by the fidelity tests and the fidelity report:
 * luminance, RMS contrast, mean colour and hue, where the open sky ends, how much of a room is view, what changed
 * between two renders, and Spearman's rank correlation.
 */

export function lum(px: Uint8Array, i: number): number {
  return 0.2126 * px[i]! + 0.7152 * px[i + 1]! + 0.0722 * px[i + 2]!;
}

export function meanLum(px: Uint8Array): number {
  let s = 0;
  for (let i = 0; i < px.length; i += 4) s += lum(px, i);
  return s / (px.length / 4);
}

export function rmsContrast(px: Uint8Array): number {
  const m = meanLum(px);
  let s = 0;
  for (let i = 0; i < px.length; i += 4) s += (lum(px, i) - m) ** 2;
  return Math.sqrt(s / (px.length / 4)) / 255;
}

export function meanRgb(px: Uint8Array): [number, number, number] {
  const s = [0, 0, 0];
  for (let i = 0; i < px.length; i += 4) for (let k = 0; k < 3; k++) s[k]! += px[i + k]!;
  const count = px.length / 4;
  return [s[0]! / count, s[1]! / count, s[2]! / count];
}

export function hue([r, g, b]: [number, number, number]): number {
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  if (max === min) return 0;
  const d = max - min;
  const h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return (h * 60 + 360) % 360;
}

/**
 * How far down the frame the open sky reaches: the row where the picture steps down most sharply from the bright
 * sky (or window) to the darker land (or wall), as a fraction of the height.
 */
export function horizonRow(px: Uint8Array, size: number): number {
  const rows: number[] = [];
  for (let y = 0; y < size; y++) {
    let s = 0;
    for (let x = 0; x < size; x++) s += lum(px, (y * size + x) * 4);
    rows.push(s / size);
  }
  let best = 0;
  let at = 0;
  for (let y = 3; y < size - 3; y++) {
    const drop = rows[y - 3]! - rows[y + 3]!;
    if (drop > best) {
      best = drop;
      at = y;
    }
  }
  return at / size;
}

/** Indoors the open space is the view out: pixels clearly brighter than the wall (the frame's top strip is wall). */
export function viewArea(px: Uint8Array, size: number): number {
  let wall = 0;
  const strip = Math.round(size * 0.08);
  for (let i = 0; i < strip * size * 4; i += 4) wall += lum(px, i);
  wall /= strip * size;
  let bright = 0;
  for (let i = 0; i < px.length; i += 4) if (lum(px, i) > wall + 15) bright++;
  return bright / (px.length / 4);
}

/** Pixels that differ between two renders, and their mean x (0..1). */
export function difference(a: Uint8Array, b: Uint8Array, size: number): { area: number; cx: number } {
  let area = 0;
  let sx = 0;
  for (let i = 0; i < a.length; i += 4) {
    if (Math.abs(lum(a, i) - lum(b, i)) > 10) {
      area++;
      sx += ((i / 4) % size) / size;
    }
  }
  return { area: area / (a.length / 4), cx: area ? sx / area : 0.5 };
}

export function ranks(xs: number[]): number[] {
  const order = xs.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const r = new Array<number>(xs.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]![0] === order[i]![0]) j++;
    for (let k = i; k <= j; k++) r[order[k]![1]] = (i + j) / 2;
    i = j + 1;
  }
  return r;
}

export function spearman(xs: number[], ys: number[]): number {
  const rx = ranks(xs);
  const ry = ranks(ys);
  const mx = rx.reduce((a, b) => a + b, 0) / rx.length;
  const my = ry.reduce((a, b) => a + b, 0) / ry.length;
  let num = 0;
  let dx = 0;
  let dy = 0;
  for (let i = 0; i < rx.length; i++) {
    num += (rx[i]! - mx) * (ry[i]! - my);
    dx += (rx[i]! - mx) ** 2;
    dy += (ry[i]! - my) ** 2;
  }
  return num / Math.sqrt(dx * dy);
}
