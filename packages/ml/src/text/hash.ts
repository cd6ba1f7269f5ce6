/**
 * Hashed n-gram features (the "hashing trick"): word bigrams and character n-grams map to a fixed
 * number of buckets, so rare words, misspellings and emoji still get features without a vocabulary.
 */

/** 32-bit FNV-1a of a string (UTF-16 code units); stable across platforms and versions. */
export function fnv1a(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** Character n-grams of "<word>" (boundary marks included), for n in [minN, maxN]. */
export function charNgrams(word: string, minN: number, maxN: number): string[] {
  const chars = Array.from(`<${word}>`);
  const out: string[] = [];
  for (let n = minN; n <= maxN; n++) {
    for (let i = 0; i + n <= chars.length; i++) out.push(chars.slice(i, i + n).join(''));
  }
  return out;
}

export interface HashedFeatureOptions {
  buckets: number;
  /** Character n-gram lengths; [0, 0] turns them off. */
  charMin: number;
  charMax: number;
  /** Word n-grams from 2 up to this length (1 turns them off). */
  wordNgrams: number;
}

/**
 * Bucket ids for the hashed features of a token sequence. `owner[k]` is the index of the token the
 * k-th feature belongs to (the first token of a word n-gram), so attributions map back to words.
 */
export function hashedFeatures(tokens: readonly string[], opts: HashedFeatureOptions): { ids: Int32Array; owner: Int32Array } {
  const ids: number[] = [];
  const owner: number[] = [];
  const { buckets } = opts;
  tokens.forEach((tok, t) => {
    if (opts.charMax > 0 && tok.length > 1) {
      for (const g of charNgrams(tok, opts.charMin, opts.charMax)) {
        ids.push(fnv1a(g) % buckets);
        owner.push(t);
      }
    }
    for (let n = 2; n <= opts.wordNgrams && t + n <= tokens.length; n++) {
      ids.push(fnv1a(tokens.slice(t, t + n).join(' '), 0x9747b28c) % buckets);
      owner.push(t);
    }
  });
  return { ids: Int32Array.from(ids), owner: Int32Array.from(owner) };
}
