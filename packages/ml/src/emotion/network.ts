/**
 * The emotion network: an embedding bag with two tables — known words (initialised from GloVe) and
 * hashed word bigrams / character n-grams — pooled as [mean(words); max(words); mean(hashed)], then one
 * ReLU hidden layer and a linear output layer whose units are the multi-task heads (see HEADS).
 */
import { addOuter, matTVec, matVec, type SparseAdagrad } from '../text/kernels';

export interface NetShape {
  vocab: number;
  wordDim: number;
  buckets: number;
  hashDim: number;
  hidden: number;
  outputs: number;
}

export interface NetParams {
  wordEmb: Float32Array;
  hashEmb: Float32Array;
  W1: Float32Array;
  b1: Float32Array;
  W2: Float32Array;
  b2: Float32Array;
}

export interface NetInput {
  words: Int32Array;
  hashed: Int32Array;
}

export interface Dropout {
  random: () => number;
  input: number;
  hidden: number;
}

/** Dense gradients, accumulated over a mini-batch by backward(). */
export interface DenseGrads {
  W1: Float32Array;
  b1: Float32Array;
  W2: Float32Array;
  b2: Float32Array;
}

export class EmotionNet {
  readonly inDim: number;
  // Forward state, reused between calls (one example at a time).
  readonly x: Float32Array;
  readonly z1: Float32Array;
  readonly a1: Float32Array;
  readonly out: Float32Array;
  private readonly argmax: Int32Array;
  private readonly inMask: Float32Array;
  private readonly hiddenMask: Float32Array;
  private readonly dx: Float32Array;
  private readonly da1: Float32Array;
  private readonly rowGrad: Float32Array;
  private lastInput: NetInput = { words: new Int32Array(0), hashed: new Int32Array(0) };

  constructor(
    readonly shape: NetShape,
    readonly params: NetParams,
  ) {
    const { wordDim, hashDim, hidden, outputs, vocab, buckets } = shape;
    this.inDim = 2 * wordDim + hashDim;
    const expect: [keyof NetParams, number][] = [
      ['wordEmb', vocab * wordDim],
      ['hashEmb', buckets * hashDim],
      ['W1', hidden * this.inDim],
      ['b1', hidden],
      ['W2', outputs * hidden],
      ['b2', outputs],
    ];
    for (const [name, size] of expect) {
      if (params[name].length !== size) throw new Error(`${name}: expected ${size} values, got ${params[name].length}`);
    }
    this.x = new Float32Array(this.inDim);
    this.z1 = new Float32Array(hidden);
    this.a1 = new Float32Array(hidden);
    this.out = new Float32Array(outputs);
    this.argmax = new Int32Array(wordDim);
    this.inMask = new Float32Array(this.inDim).fill(1);
    this.hiddenMask = new Float32Array(hidden).fill(1);
    this.dx = new Float32Array(this.inDim);
    this.da1 = new Float32Array(hidden);
    this.rowGrad = new Float32Array(Math.max(wordDim, hashDim));
  }

  /** Pools the inputs into this.x (before dropout). */
  private pool(input: NetInput): void {
    const { wordDim: dw, hashDim: dh } = this.shape;
    const { wordEmb, hashEmb } = this.params;
    const { x, argmax } = this;
    x.fill(0);
    const T = input.words.length;
    if (T > 0) {
      for (let j = 0; j < dw; j++) x[dw + j] = -Infinity;
      for (let t = 0; t < T; t++) {
        const off = (input.words[t] as number) * dw;
        for (let j = 0; j < dw; j++) {
          const v = wordEmb[off + j] as number;
          x[j] = (x[j] as number) + v;
          if (v > (x[dw + j] as number)) {
            x[dw + j] = v;
            argmax[j] = t;
          }
        }
      }
      for (let j = 0; j < dw; j++) x[j] = (x[j] as number) / T;
    }
    const K = input.hashed.length;
    if (K > 0) {
      const base = 2 * dw;
      for (let k = 0; k < K; k++) {
        const off = (input.hashed[k] as number) * dh;
        for (let j = 0; j < dh; j++) x[base + j] = (x[base + j] as number) + (hashEmb[off + j] as number);
      }
      for (let j = 0; j < dh; j++) x[base + j] = (x[base + j] as number) / K;
    }
  }

  /** Logits of every output unit (in this.out). With `dropout`, samples masks for backward(). */
  forward(input: NetInput, dropout?: Dropout): Float32Array {
    const { hidden, outputs } = this.shape;
    const { params, x, z1, a1, out } = this;
    this.lastInput = input;
    this.pool(input);
    if (dropout) {
      const keepIn = 1 - dropout.input;
      for (let i = 0; i < this.inDim; i++) {
        const m = dropout.random() < keepIn ? 1 / keepIn : 0;
        this.inMask[i] = m;
        x[i] = (x[i] as number) * m;
      }
    }
    matVec(params.W1, params.b1, x, z1, hidden, this.inDim);
    const keepHidden = dropout ? 1 - dropout.hidden : 1;
    for (let h = 0; h < hidden; h++) {
      const m = dropout ? (dropout.random() < keepHidden ? 1 / keepHidden : 0) : 1;
      this.hiddenMask[h] = m;
      a1[h] = (z1[h] as number) > 0 ? (z1[h] as number) * m : 0;
    }
    matVec(params.W2, params.b2, a1, out, outputs, hidden);
    return out;
  }

  /**
   * Gradient of d(loss)/d(logits) = dOut for the last forward(): accumulates dense gradients into
   * `grads` and applies sparse AdaGrad steps to the embedding rows the example used.
   */
  backward(
    dOut: Float32Array,
    grads: DenseGrads,
    sparse: { words: SparseAdagrad; hashed: SparseAdagrad; wordLr: number; hashLr: number },
  ): void {
    const { hidden, outputs, wordDim: dw, hashDim: dh } = this.shape;
    const { params, x, z1, a1, dx, da1, rowGrad, argmax } = this;
    addOuter(grads.W2, dOut, a1, outputs, hidden);
    for (let o = 0; o < outputs; o++) grads.b2[o] = (grads.b2[o] as number) + (dOut[o] as number);
    matTVec(params.W2, dOut, da1, outputs, hidden);
    for (let h = 0; h < hidden; h++) {
      da1[h] = (z1[h] as number) > 0 ? (da1[h] as number) * (this.hiddenMask[h] as number) : 0;
      grads.b1[h] = (grads.b1[h] as number) + (da1[h] as number);
    }
    addOuter(grads.W1, da1, x, hidden, this.inDim);
    matTVec(params.W1, da1, dx, hidden, this.inDim);
    for (let i = 0; i < this.inDim; i++) dx[i] = (dx[i] as number) * (this.inMask[i] as number);

    const { words, hashed } = this.lastInput;
    const T = words.length;
    if (T > 0 && sparse.wordLr > 0) {
      for (let t = 0; t < T; t++) {
        for (let j = 0; j < dw; j++) rowGrad[j] = (dx[j] as number) / T + (argmax[j] === t ? (dx[dw + j] as number) : 0);
        sparse.words.update(words[t] as number, rowGrad, sparse.wordLr);
      }
    }
    const K = hashed.length;
    if (K > 0 && sparse.hashLr > 0) {
      for (let j = 0; j < dh; j++) rowGrad[j] = (dx[2 * dw + j] as number) / K;
      for (let k = 0; k < K; k++) sparse.hashed.update(hashed[k] as number, rowGrad, sparse.hashLr);
    }
  }

  /**
   * Gradient × input attribution of output logits to the inputs of the last forward() (run it without
   * dropout first): for each output, one contribution per token position (length `tokenCount`).
   * A token's hashed n-gram rows are summed once and shared by all outputs.
   */
  attribute(outputs: readonly number[], wordPos: Int32Array, hashPos: Int32Array, tokenCount: number): Float32Array[] {
    const { hidden, wordDim: dw, hashDim: dh } = this.shape;
    const { params, z1, da1, dx, argmax } = this;
    const { words, hashed } = this.lastInput;
    const T = words.length;
    const K = hashed.length;
    const tokenHash = new Float32Array(tokenCount * dh);
    for (let k = 0; k < K; k++) {
      const off = (hashed[k] as number) * dh;
      const to = (hashPos[k] as number) * dh;
      for (let j = 0; j < dh; j++) tokenHash[to + j] = (tokenHash[to + j] as number) + (params.hashEmb[off + j] as number);
    }
    return outputs.map((output) => {
      for (let h = 0; h < hidden; h++) da1[h] = (z1[h] as number) > 0 ? (params.W2[output * hidden + h] as number) : 0;
      matTVec(params.W1, da1, dx, hidden, this.inDim);
      const contrib = new Float32Array(tokenCount);
      for (let t = 0; t < T; t++) {
        const off = (words[t] as number) * dw;
        let s = 0;
        for (let j = 0; j < dw; j++) {
          const v = params.wordEmb[off + j] as number;
          s += ((dx[j] as number) * v) / T;
          if (argmax[j] === t) s += (dx[dw + j] as number) * v;
        }
        const p = wordPos[t] as number;
        contrib[p] = (contrib[p] as number) + s;
      }
      if (K > 0) {
        for (let p = 0; p < tokenCount; p++) {
          let s = 0;
          for (let j = 0; j < dh; j++) s += (dx[2 * dw + j] as number) * (tokenHash[p * dh + j] as number);
          contrib[p] = (contrib[p] as number) + s / K;
        }
      }
      return contrib;
    });
  }
}
