import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Adam, addOuter, glorot, matTVec, matVec, rng, shuffle, sigmoid, SparseAdagrad } from '../src/text/kernels';
import { readTensors, writeTensors } from '../src/text/binary';
import { charNgrams, fnv1a, hashedFeatures } from '../src/text/hash';
import { EmotionNet, type NetShape } from '../src/emotion/network';
import { bestThreshold, multiLabelReport } from '../src/emotion/metrics';

describe('kernels', () => {
  it('rng and shuffle are reproducible from a seed', () => {
    const a = rng(42);
    const b = rng(42);
    const xs = Array.from({ length: 5 }, () => a());
    expect(xs).toEqual(Array.from({ length: 5 }, () => b()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(shuffle([1, 2, 3, 4, 5, 6], rng(1))).toEqual(shuffle([1, 2, 3, 4, 5, 6], rng(1)));
    expect(shuffle([1, 2, 3, 4, 5, 6], rng(1)).sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('matVec, matTVec and addOuter agree with hand-computed values', () => {
    const W = Float32Array.from([1, 2, 3, 4, 5, 6]); // 2 × 3
    const out = new Float32Array(2);
    matVec(W, Float32Array.from([0.5, -1]), Float32Array.from([1, 0, -1]), out, 2, 3);
    expect(Array.from(out)).toEqual([1 - 3 + 0.5, 4 - 6 - 1]);
    const back = new Float32Array(3);
    matTVec(W, Float32Array.from([1, -1]), back, 2, 3);
    expect(Array.from(back)).toEqual([-3, -3, -3]);
    const G = new Float32Array(6);
    addOuter(G, Float32Array.from([2, 0]), Float32Array.from([1, 2, 3]), 2, 3);
    expect(Array.from(G)).toEqual([2, 4, 6, 0, 0, 0]);
  });

  it('sigmoid is stable for large inputs', () => {
    expect(sigmoid(0)).toBe(0.5);
    expect(sigmoid(800)).toBe(1);
    expect(sigmoid(-800)).toBe(0);
    expect(Number.isFinite(sigmoid(-800))).toBe(true);
  });

  it('Adam minimises a quadratic', () => {
    const x = Float32Array.from([3, -2]);
    const opt = new Adam(x);
    const g = new Float32Array(2);
    for (let i = 0; i < 2000; i++) {
      g[0] = 2 * ((x[0] as number) - 1);
      g[1] = 2 * ((x[1] as number) + 0.5);
      opt.step(g, 0.01);
    }
    expect(x[0]).toBeCloseTo(1, 2);
    expect(x[1]).toBeCloseTo(-0.5, 2);
  });
});

describe('EmotionNet gradients', () => {
  const shape: NetShape = { vocab: 6, wordDim: 4, buckets: 7, hashDim: 3, hidden: 5, outputs: 3 };
  const make = () => {
    const r = rng(3);
    const params = {
      wordEmb: glorot(shape.vocab, shape.wordDim, r),
      hashEmb: glorot(shape.buckets, shape.hashDim, r),
      W1: glorot(shape.hidden, 2 * shape.wordDim + shape.hashDim, r),
      b1: Float32Array.from({ length: shape.hidden }, () => r() * 0.2),
      W2: glorot(shape.outputs, shape.hidden, r),
      b2: new Float32Array(shape.outputs),
    };
    return new EmotionNet(shape, params);
  };
  const input = { words: Int32Array.from([0, 3, 1]), hashed: Int32Array.from([2, 5]) };
  const c = Float32Array.from([0.7, -1.3, 0.4]);
  // L = c · logits, so dL/dlogits = c.
  const lossOf = (net: EmotionNet) => {
    const out = net.forward(input);
    return out.reduce((a, v, i) => a + v * (c[i] as number), 0);
  };
  const numeric = (net: EmotionNet, arr: Float32Array, i: number) => {
    const eps = 1e-3;
    const orig = arr[i] as number;
    arr[i] = orig + eps;
    const up = lossOf(net);
    arr[i] = orig - eps;
    const down = lossOf(net);
    arr[i] = orig;
    return (up - down) / (2 * eps);
  };

  it('dense gradients match finite differences', () => {
    const net = make();
    const grads = {
      W1: new Float32Array(net.params.W1.length),
      b1: new Float32Array(net.params.b1.length),
      W2: new Float32Array(net.params.W2.length),
      b2: new Float32Array(net.params.b2.length),
    };
    net.forward(input);
    const frozen = { words: new SparseAdagrad(net.params.wordEmb, 4), hashed: new SparseAdagrad(net.params.hashEmb, 3), wordLr: 0, hashLr: 0 };
    net.backward(c, grads, frozen);
    for (const name of ['W1', 'b1', 'W2', 'b2'] as const) {
      for (let i = 0; i < grads[name].length; i++) {
        expect(grads[name][i]).toBeCloseTo(numeric(net, net.params[name], i), 2);
      }
    }
  });

  it('embedding updates move each used row against its gradient', () => {
    const net = make();
    const reference = make();
    const grads = {
      W1: new Float32Array(net.params.W1.length),
      b1: new Float32Array(net.params.b1.length),
      W2: new Float32Array(net.params.W2.length),
      b2: new Float32Array(net.params.b2.length),
    };
    net.forward(input);
    const lr = 1e-4;
    net.backward(c, grads, { words: new SparseAdagrad(net.params.wordEmb, 4), hashed: new SparseAdagrad(net.params.hashEmb, 3), wordLr: lr, hashLr: lr });
    const check = (table: 'wordEmb' | 'hashEmb', row: number, dim: number) => {
      const delta = Array.from({ length: dim }, (_, j) => (net.params[table][row * dim + j] as number) - (reference.params[table][row * dim + j] as number));
      const grad = Array.from({ length: dim }, (_, j) => numeric(reference, reference.params[table], row * dim + j));
      const dot = delta.reduce((a, d, j) => a + d * (grad[j] as number), 0);
      const norm = Math.hypot(...delta) * Math.hypot(...grad);
      expect(dot / norm).toBeLessThan(-0.999); // AdaGrad's first step is −lr · g / ‖g‖-ish: exactly anti-parallel
    };
    for (const row of [0, 3, 1]) check('wordEmb', row, 4);
    for (const row of [2, 5]) check('hashEmb', row, 3);
    // Rows the example did not use stay put.
    expect(Array.from(net.params.wordEmb.slice(2 * 4, 3 * 4))).toEqual(Array.from(reference.params.wordEmb.slice(2 * 4, 3 * 4)));
  });

  it('attributions are gradient × input of each token\'s rows', () => {
    const net = make();
    const logit0 = (n: EmotionNet) => n.forward(input)[0] as number;
    const gradTimesInput = (table: 'wordEmb' | 'hashEmb', row: number, dim: number) => {
      let s = 0;
      for (let j = 0; j < dim; j++) {
        const i = row * dim + j;
        const v = net.params[table][i] as number;
        net.params[table][i] = v + 1e-3;
        const up = logit0(net);
        net.params[table][i] = v - 1e-3;
        const down = logit0(net);
        net.params[table][i] = v;
        s += ((up - down) / 2e-3) * v;
      }
      return s;
    };
    // Words at token positions 0, 1, 2 (rows 0, 3, 1); hashed rows 2 and 5 belong to tokens 0 and 2.
    const expected = [
      gradTimesInput('wordEmb', 0, 4) + gradTimesInput('hashEmb', 2, 3),
      gradTimesInput('wordEmb', 3, 4),
      gradTimesInput('wordEmb', 1, 4) + gradTimesInput('hashEmb', 5, 3),
    ];
    net.forward(input);
    const [contrib, again] = net.attribute([0, 0], Int32Array.from([0, 1, 2]), Int32Array.from([0, 2]), 3);
    expected.forEach((e, p) => expect(contrib?.[p]).toBeCloseTo(e, 3));
    expect(again).toEqual(contrib);
  });
});

describe('binary weights', () => {
  it('round-trips float32 tensors exactly and int8 rows within half a step', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stw-'));
    const r = rng(9);
    const emb = Float32Array.from({ length: 40 * 7 }, () => r() * 2 - 1);
    const bias = Float32Array.from([1.5, -2.25, 3]);
    const path = join(dir, 'w.bin');
    const bytes = writeTensors(path, { emb: { shape: [40, 7], data: emb }, bias: { shape: [3], data: bias } }, new Set(['emb']));
    expect(bytes).toBeLessThan(40 * 7 * 4);
    const back = readTensors(path);
    expect(Array.from(back.bias?.data ?? [])).toEqual([1.5, -2.25, 3]);
    expect(back.emb?.shape).toEqual([40, 7]);
    for (let row = 0; row < 40; row++) {
      const max = Math.max(...Array.from(emb.slice(row * 7, row * 7 + 7), Math.abs));
      for (let j = 0; j < 7; j++) {
        expect(Math.abs((back.emb?.data[row * 7 + j] as number) - (emb[row * 7 + j] as number))).toBeLessThanOrEqual(max / 127 / 2 + 1e-7);
      }
    }
  });
});

describe('hashed features', () => {
  it('are stable and point back to their tokens', () => {
    expect(fnv1a('hello')).toBe(1335831723);
    expect(charNgrams('cat', 3, 4)).toEqual(['<ca', 'cat', 'at>', '<cat', 'cat>']);
    const { ids, owner } = hashedFeatures(['not', 'happy'], { buckets: 1000, charMin: 3, charMax: 3, wordNgrams: 2 });
    expect(ids.length).toBe(owner.length);
    expect(Array.from(owner)).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 1]); // 3 char 3-grams + 1 bigram, then 5 char 3-grams
    expect(Array.from(ids).every((i) => i >= 0 && i < 1000)).toBe(true);
  });
});

describe('metrics', () => {
  it('bestThreshold finds the F1-optimal cut', () => {
    const { threshold, f1 } = bestThreshold([0.9, 0.8, 0.3, 0.2, 0.1], [true, true, false, true, false]);
    expect(f1).toBeCloseTo(2 * 3 / (2 * 3 + 1), 5); // cut below 0.2: tp 3, fp 1
    expect(threshold).toBeCloseTo(0.15, 5);
  });

  it('multiLabelReport computes per-label, macro and micro F1', () => {
    const r = multiLabelReport(['a', 'b'], [[0.9, 0.1], [0.2, 0.8], [0.7, 0.7]], [[true, false], [false, true], [false, true]], [0.5, 0.5]);
    expect(r.perLabel[0]).toMatchObject({ precision: 0.5, recall: 1, support: 1 });
    expect(r.perLabel[1]).toMatchObject({ precision: 1, recall: 1, f1: 1, support: 2 });
    expect(r.macroF1).toBeCloseTo((2 / 3 + 1) / 2, 6);
    expect(r.microF1).toBeCloseTo(6 / 7, 6);
  });
});
