import { describe, expect, it } from 'vitest';
import { GLOVE_DIM, loadGlove } from '../src/text/glove';

describe('loadGlove', () => {
  it('keeps only the requested rows, with meaningful vectors', () => {
    const wanted = new Set(['happy', 'glad', 'table', '"', 'overwhelmed']);
    const g = loadGlove((word, rank) => wanted.has(word) || rank < 3);
    expect(g.dim).toBe(GLOVE_DIM);
    expect(new Set(g.words)).toEqual(new Set([...wanted, 'the', ',', '.']));
    expect(g.vectors.length).toBe(g.words.length * GLOVE_DIM);
    const vec = (w: string) => {
      const i = g.words.indexOf(w);
      return g.vectors.subarray(i * GLOVE_DIM, (i + 1) * GLOVE_DIM);
    };
    const cos = (a: Float32Array, b: Float32Array) => {
      let dot = 0;
      let na = 0;
      let nb = 0;
      a.forEach((v, j) => {
        dot += v * (b[j] as number);
        na += v * v;
        nb += (b[j] as number) ** 2;
      });
      return dot / Math.sqrt(na * nb);
    };
    expect(cos(vec('happy'), vec('glad'))).toBeGreaterThan(cos(vec('happy'), vec('table')) + 0.2);
  });
});
