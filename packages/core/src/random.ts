/**
 * Seeded randomness shared by training, scene sampling and rendering: the same seed gives the same
 * stream on every platform, so models retrain reproducibly and a seed always gives the same picture.
 */
export type Rng = () => number;

/** mulberry32: small, fast, and good enough for initialisation, sampling and composition jitter. */
export function rng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a 32-bit hash of a string, as an unsigned integer. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export const between = (random: Rng, lo: number, hi: number) => lo + (hi - lo) * random();

/** Standard normal sample (Box–Muller). */
export function gaussian(random: Rng): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** In-place Fisher–Yates shuffle. */
export function shuffle<T>(items: T[], random: Rng): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}
