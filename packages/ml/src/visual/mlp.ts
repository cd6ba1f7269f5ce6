/**
 * A small fully-connected network (ReLU hidden layers, sigmoid outputs) with weighted MSE and Adam,
 * in plain TypeScript: Model 3 has ~12k parameters, so typed arrays and loops are fast enough.
 */
import { gaussian, type Rng } from '@studio/core/random';

export interface MlpLayer {
  /** Row-major [out][in]. */
  w: Float64Array;
  b: Float64Array;
  inSize: number;
  outSize: number;
}

export interface MlpJson {
  sizes: number[];
  layers: { w: number[]; b: number[] }[];
}

export class Mlp {
  readonly layers: MlpLayer[];

  constructor(readonly sizes: number[], rng?: Rng, json?: MlpJson) {
    this.layers = [];
    for (let l = 0; l + 1 < sizes.length; l++) {
      const inSize = sizes[l]!;
      const outSize = sizes[l + 1]!;
      const saved = json?.layers[l];
      if (json && (!saved || saved.w.length !== inSize * outSize || saved.b.length !== outSize))
        throw new Error(`MLP weights do not match the architecture at layer ${l}`);
      const w = saved ? Float64Array.from(saved.w) : new Float64Array(inSize * outSize);
      if (!saved) {
        if (!rng) throw new Error('an Rng is needed to initialise new weights');
        const scale = Math.sqrt(2 / inSize); // He initialisation for ReLU
        for (let i = 0; i < w.length; i++) w[i] = gaussian(rng) * scale;
      }
      this.layers.push({ w, b: saved ? Float64Array.from(saved.b) : new Float64Array(outSize), inSize, outSize });
    }
  }

  static fromJson(json: MlpJson): Mlp {
    return new Mlp(json.sizes, undefined, json);
  }

  toJson(digits = 6): MlpJson {
    const round = (v: number) => Number(v.toFixed(digits));
    return { sizes: this.sizes, layers: this.layers.map((l) => ({ w: Array.from(l.w, round), b: Array.from(l.b, round) })) };
  }

  /** Activations of every layer (index 0 is the input); the last is the sigmoid output. */
  forwardAll(x: ArrayLike<number>): Float64Array[] {
    const acts: Float64Array[] = [Float64Array.from(x)];
    this.layers.forEach((layer, l) => {
      const input = acts[l]!;
      const out = new Float64Array(layer.outSize);
      const last = l === this.layers.length - 1;
      for (let o = 0; o < layer.outSize; o++) {
        let z = layer.b[o]!;
        const row = o * layer.inSize;
        for (let i = 0; i < layer.inSize; i++) z += layer.w[row + i]! * input[i]!;
        out[o] = last ? 1 / (1 + Math.exp(-z)) : z > 0 ? z : 0;
      }
      acts.push(out);
    });
    return acts;
  }

  predict(x: ArrayLike<number>): Float64Array {
    const acts = this.forwardAll(x);
    return acts[acts.length - 1]!;
  }
}

export interface TrainOptions {
  epochs: number;
  batchSize: number;
  learningRate: number;
  rng: Rng;
  /** Called after each epoch with the mean weighted training loss. */
  onEpoch?: (epoch: number, trainLoss: number) => void;
}

/** Minimises weighted MSE with Adam; returns the per-epoch training losses. */
export function trainMlp(net: Mlp, xs: number[][], ys: number[][], weights: number[], opts: TrainOptions): number[] {
  const grads = net.layers.map((l) => ({ w: new Float64Array(l.w.length), b: new Float64Array(l.b.length) }));
  const m = net.layers.map((l) => ({ w: new Float64Array(l.w.length), b: new Float64Array(l.b.length) }));
  const v = net.layers.map((l) => ({ w: new Float64Array(l.w.length), b: new Float64Array(l.b.length) }));
  const [beta1, beta2, eps] = [0.9, 0.999, 1e-8];
  let step = 0;
  const order = xs.map((_, i) => i);
  const losses: number[] = [];

  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(opts.rng() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    let lossSum = 0;
    let weightSum = 0;
    for (let start = 0; start < order.length; start += opts.batchSize) {
      const batch = order.slice(start, start + opts.batchSize);
      for (const g of grads) {
        g.w.fill(0);
        g.b.fill(0);
      }
      let batchWeight = 0;
      for (const idx of batch) {
        const acts = net.forwardAll(xs[idx]!);
        const y = ys[idx]!;
        const sw = weights[idx]!;
        batchWeight += sw;
        const out = acts[acts.length - 1]!;
        // dL/dz at the output: MSE through the sigmoid.
        let delta = new Float64Array(out.length);
        for (let o = 0; o < out.length; o++) {
          const err = out[o]! - y[o]!;
          lossSum += sw * err * err;
          delta[o] = (sw * 2 * err * out[o]! * (1 - out[o]!)) / out.length;
        }
        weightSum += sw * out.length;
        for (let l = net.layers.length - 1; l >= 0; l--) {
          const layer = net.layers[l]!;
          const input = acts[l]!;
          const g = grads[l]!;
          const prevDelta = new Float64Array(layer.inSize);
          for (let o = 0; o < layer.outSize; o++) {
            const d = delta[o]!;
            if (d === 0) continue;
            g.b[o]! += d;
            const row = o * layer.inSize;
            for (let i = 0; i < layer.inSize; i++) {
              g.w[row + i]! += d * input[i]!;
              prevDelta[i]! += d * layer.w[row + i]!;
            }
          }
          if (l > 0) for (let i = 0; i < layer.inSize; i++) if (input[i]! <= 0) prevDelta[i] = 0; // ReLU'
          delta = prevDelta;
        }
      }
      if (batchWeight === 0) continue;
      step++;
      const lr = (opts.learningRate * Math.sqrt(1 - beta2 ** step)) / (1 - beta1 ** step);
      net.layers.forEach((layer, l) => {
        for (const key of ['w', 'b'] as const) {
          const p = layer[key];
          const g = grads[l]![key];
          const mm = m[l]![key];
          const vv = v[l]![key];
          for (let i = 0; i < p.length; i++) {
            const gi = g[i]! / batchWeight;
            mm[i] = beta1 * mm[i]! + (1 - beta1) * gi;
            vv[i] = beta2 * vv[i]! + (1 - beta2) * gi * gi;
            p[i]! -= (lr * mm[i]!) / (Math.sqrt(vv[i]!) + eps);
          }
        }
      });
    }
    const loss = lossSum / Math.max(weightSum, 1e-12);
    losses.push(loss);
    opts.onEpoch?.(epoch, loss);
  }
  return losses;
}
