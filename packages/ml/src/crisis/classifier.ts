/**
 * The trained half of the crisis gate: a small fastText-style network, GloVe-initialised.
 *
 *   tokens → frozen GloVe rows (mean and max pooled, 2×100) ⊕ trainable hashed rows for unigrams, bigrams and the
 *   character n-grams of words GloVe lacks (mean pooled, 100) ⊕ the signal rules' verdicts (which rules matched,
 *   which were explained away: see rules.ruleFeatures) → ReLU 64 → 5 sigmoid heads
 *   (crisis, suicidal_ideation, self_harm, harm_to_others, severe_episode).
 * Feeding the rules' verdicts in lets the network learn how far to trust each rule and each of its context checks.
 *
 * GloVe stays frozen so words never seen in training keep their place next to the words that were; the hashed rows
 * learn the phrases ("not suicidal", "kill time") and misspellings. Long texts are read in windows of WINDOW tokens
 * and each head takes the maximum over windows, so a crisis passage late in a long entry is not averaged away.
 *
 * The shipped classifier is a small ensemble: members trained from different seeds share the vocabulary and the
 * featurisation (done once per text) and their probabilities are averaged, which steadies the ranking that the
 * thresholds are tuned on.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CRISIS_CATEGORIES } from '@studio/core';
import { readTensors, writeTensors, type Tensor } from '../text/binary';
import { charNgrams, fnv1a, hashedFeatures } from '../text/hash';
import { Adam, SparseAdagrad, addOuter, glorot, matTVec, matVec, rng, sigmoid } from '../text/kernels';
import { tokenize } from '../text/tokenize';

export const HEADS = ['crisis', ...CRISIS_CATEGORIES] as const;
export type Head = (typeof HEADS)[number];
export const WINDOW = 256;

/**
 * Smooth inverse frequency weights (Arora et al., 2017) from GloVe frequency ranks, Zipf's law standing in for counts:
 * "the" weighs ~0.01, a word ranked 1,000th ~0.9, so the mean vector is about the content words. `sif` off → all 1.
 */
export function sifWeights(ranks: Int32Array, sif: boolean, a = 1e-3): Float32Array {
  const harmonic = Math.log(400_000) + 0.5772; // GloVe 6B has 400k words
  return Float32Array.from(ranks, (r) => (sif ? a / (a + 1 / ((r + 1) * harmonic)) : 1));
}
export const CLASSIFIER_FILE = 'classifier.stw';
const DIM = 100;

export interface ClassifierConfig {
  buckets: number;
  hidden: number;
  charMin: number;
  charMax: number;
  /** Max-pool the GloVe rows besides mean-pooling them. */
  maxPool: boolean;
  /** Weight the GloVe mean by smooth inverse frequency. */
  sif: boolean;
  /** Length of the extra input vector (the rule features), 0 for none. */
  extra: number;
}

export const DEFAULT_CONFIG: ClassifierConfig = { buckets: 1 << 15, hidden: 64, charMin: 3, charMax: 5, maxPool: true, sif: true, extra: 0 };

/** Feature ids of one window: GloVe rows and hashed rows. */
export interface WindowFeatures {
  glove: Int32Array;
  hashed: Int32Array;
  /** Text-level extra inputs (config.extra long). */
  extra: Float32Array;
  /** Tokens in the window. */
  tokens: number;
}

export class CrisisClassifier {
  readonly vocab: Map<string, number>;
  private readonly inputDim: number;
  // Scratch buffers: predict() allocates nothing per call.
  private readonly x: Float32Array;
  private readonly h: Float32Array;
  private readonly out: Float32Array;

  constructor(
    readonly config: ClassifierConfig,
    readonly words: readonly string[],
    /** words.length × DIM, frozen. */
    readonly glove: Float32Array,
    /** Per word, its weight in the mean (see sifWeights), frozen. */
    readonly gloveWeight: Float32Array,
    /** buckets × DIM, trained. */
    readonly hashed: Float32Array,
    readonly W1: Float32Array,
    readonly b1: Float32Array,
    readonly W2: Float32Array,
    readonly b2: Float32Array,
  ) {
    this.vocab = new Map(words.map((w, i) => [w, i]));
    this.inputDim = 3 * DIM + config.extra;
    this.x = new Float32Array(this.inputDim);
    this.h = new Float32Array(config.hidden);
    this.out = new Float32Array(HEADS.length);
  }

  static create(config: ClassifierConfig, words: string[], glove: Float32Array, gloveWeight: Float32Array, seed: number): CrisisClassifier {
    const random = rng(seed);
    const hashed = new Float32Array(config.buckets * DIM);
    for (let i = 0; i < hashed.length; i++) hashed[i] = (random() * 2 - 1) * 0.01;
    return new CrisisClassifier(
      config,
      words,
      glove,
      gloveWeight,
      hashed,
      glorot(config.hidden, 3 * DIM + config.extra, random),
      new Float32Array(config.hidden),
      glorot(HEADS.length, config.hidden, random),
      new Float32Array(HEADS.length),
    );
  }

  /** The text's token windows, featurised (one window for an empty text). */
  windows(text: string, extra: Float32Array): WindowFeatures[] {
    const tokens = tokenize(text);
    const out: WindowFeatures[] = [];
    for (let start = 0; start === 0 || start < tokens.length; start += WINDOW) out.push(this.featurize(tokens.slice(start, start + WINDOW), extra));
    return out;
  }

  featurize(tokens: readonly string[], extra: Float32Array): WindowFeatures {
    const { buckets, charMin, charMax } = this.config;
    const glove: number[] = [];
    const hashed: number[] = [];
    for (const tok of tokens) {
      const id = this.vocab.get(tok);
      if (id !== undefined) glove.push(id);
      else if (tok.length > 1) for (const g of charNgrams(tok, charMin, charMax)) hashed.push(fnv1a(g) % buckets);
      hashed.push(fnv1a(`u:${tok}`) % buckets);
    }
    const pairs = hashedFeatures(tokens, { buckets, charMin: 0, charMax: 0, wordNgrams: 2 });
    for (const id of pairs.ids) hashed.push(id);
    return { glove: Int32Array.from(glove), hashed: Int32Array.from(hashed), extra, tokens: tokens.length };
  }

  /** Fills this.x with the pooled input of a window. */
  private pool(f: WindowFeatures): void {
    const x = this.x;
    x.fill(0);
    const { glove, hashed, extra } = f;
    if (this.config.extra > 0) x.set(extra.subarray(0, this.config.extra), 3 * DIM);
    if (glove.length > 0) {
      const maxPool = this.config.maxPool;
      // Without max pooling that slice of the input stays zero (same layout either way).
      if (maxPool) for (let j = 0; j < DIM; j++) x[DIM + j] = -Infinity;
      let total = 0;
      for (const row of glove) {
        const off = row * DIM;
        const w = this.gloveWeight[row] as number;
        total += w;
        for (let j = 0; j < DIM; j++) {
          const v = this.glove[off + j] as number;
          x[j] = (x[j] as number) + w * v;
          if (maxPool && v > (x[DIM + j] as number)) x[DIM + j] = v;
        }
      }
      const inv = 1 / Math.max(total, 1e-6);
      for (let j = 0; j < DIM; j++) x[j] = (x[j] as number) * inv;
    }
    if (hashed.length > 0) {
      const inv = 1 / hashed.length;
      for (const row of hashed) {
        const off = row * DIM;
        for (let j = 0; j < DIM; j++) x[2 * DIM + j] = (x[2 * DIM + j] as number) + (this.hashed[off + j] as number) * inv;
      }
    }
  }

  /** Head logits of one window into this.out (hidden activations left in this.h). */
  private forward(f: WindowFeatures): Float32Array {
    this.pool(f);
    const { hidden } = this.config;
    matVec(this.W1, this.b1, this.x, this.h, hidden, this.inputDim);
    for (let i = 0; i < hidden; i++) if ((this.h[i] as number) < 0) this.h[i] = 0;
    matVec(this.W2, this.b2, this.h, this.out, HEADS.length, hidden);
    return this.out;
  }

  /** Probabilities per head for one window. */
  predictWindow(f: WindowFeatures): Record<Head, number> {
    const logits = this.forward(f);
    return Object.fromEntries(HEADS.map((h, i) => [h, sigmoid(logits[i] as number)])) as Record<Head, number>;
  }

  /** This member's view of the shared weights, to save: GloVe is stored once per ensemble. */
  tensors(): Record<string, Tensor> {
    return {
      hashed: { shape: [this.config.buckets, DIM], data: this.hashed },
      W1: { shape: [this.config.hidden, this.inputDim], data: this.W1 },
      b1: { shape: [this.config.hidden], data: this.b1 },
      W2: { shape: [HEADS.length, this.config.hidden], data: this.W2 },
      b2: { shape: [HEADS.length], data: this.b2 },
    };
  }

  /** Optimiser state bound to this network's parameters. */
  trainer(): ClassifierTrainer {
    return new ClassifierTrainer(this);
  }

  /** One example's gradient step pieces; used only by ClassifierTrainer. */
  backward(
    f: WindowFeatures,
    targets: Partial<Record<Head, number>>,
    weight: number,
    grads: { W1: Float32Array; b1: Float32Array; W2: Float32Array; b2: Float32Array; gx: Float32Array; gh: Float32Array; gout: Float32Array },
  ): number {
    const logits = this.forward(f);
    const { hidden } = this.config;
    let loss = 0;
    grads.gout.fill(0);
    HEADS.forEach((head, i) => {
      const y = targets[head];
      if (y === undefined) return;
      const p = sigmoid(logits[i] as number);
      loss += -weight * (y * Math.log(p + 1e-7) + (1 - y) * Math.log(1 - p + 1e-7));
      grads.gout[i] = weight * (p - y);
    });
    addOuter(grads.W2, grads.gout, this.h, HEADS.length, hidden);
    for (let i = 0; i < HEADS.length; i++) grads.b2[i] = (grads.b2[i] as number) + (grads.gout[i] as number);
    matTVec(this.W2, grads.gout, grads.gh, HEADS.length, hidden);
    for (let i = 0; i < hidden; i++) if ((this.h[i] as number) <= 0) grads.gh[i] = 0;
    addOuter(grads.W1, grads.gh, this.x, hidden, this.inputDim);
    for (let i = 0; i < hidden; i++) grads.b1[i] = (grads.b1[i] as number) + (grads.gh[i] as number);
    matTVec(this.W1, grads.gh, grads.gx, hidden, this.inputDim);
    return loss;
  }
}

/** Mini-batch training: Adam on the dense layers, row-sparse AdaGrad on the hashed rows (GloVe is frozen). */
export class ClassifierTrainer {
  private readonly grads;
  private readonly adam;
  private readonly rows: SparseAdagrad;
  private readonly rowGrad = new Float32Array(DIM);

  constructor(private readonly net: CrisisClassifier) {
    const { hidden } = net.config;
    this.grads = {
      W1: new Float32Array(net.W1.length),
      b1: new Float32Array(net.b1.length),
      W2: new Float32Array(net.W2.length),
      b2: new Float32Array(net.b2.length),
      gx: new Float32Array(3 * DIM + net.config.extra),
      gh: new Float32Array(hidden),
      gout: new Float32Array(HEADS.length),
    };
    this.adam = {
      W1: new Adam(net.W1),
      b1: new Adam(net.b1),
      W2: new Adam(net.W2),
      b2: new Adam(net.b2),
    };
    this.rows = new SparseAdagrad(net.hashed, DIM);
  }

  /** Trains on one batch; returns the summed weighted loss. */
  step(
    batch: { features: WindowFeatures; targets: Partial<Record<Head, number>>; weight: number }[],
    lr: { dense: number; rows: number },
    weightDecay: number,
  ): number {
    let loss = 0;
    for (const ex of batch) {
      loss += this.net.backward(ex.features, ex.targets, ex.weight, this.grads);
      const { hashed } = ex.features;
      if (hashed.length === 0) continue;
      // d pooled-mean / d row = 1/n for each occurrence.
      const inv = 1 / hashed.length;
      for (let j = 0; j < DIM; j++) this.rowGrad[j] = (this.grads.gx[2 * DIM + j] as number) * inv;
      for (const row of hashed) this.rows.update(row, this.rowGrad, lr.rows);
    }
    const scale = 1 / Math.max(1, batch.length);
    for (const key of ['W1', 'b1', 'W2', 'b2'] as const) {
      const g = this.grads[key];
      for (let i = 0; i < g.length; i++) g[i] = (g[i] as number) * scale;
      this.adam[key].step(g, lr.dense, key === 'W1' || key === 'W2' ? weightDecay : 0);
    }
    return loss;
  }
}

/** Members trained from different seeds; probabilities are the members' mean, then the maximum over windows. */
export class CrisisEnsemble {
  constructor(readonly members: readonly CrisisClassifier[]) {
    if (members.length === 0) throw new Error('an ensemble needs at least one member');
  }

  /** Featurisation depends only on the shared vocabulary and config, so any member does it for all. */
  windows(text: string, extra: Float32Array): WindowFeatures[] {
    return (this.members[0] as CrisisClassifier).windows(text, extra);
  }

  predictWindows(windows: readonly WindowFeatures[]): Record<Head, number> {
    const best = Object.fromEntries(HEADS.map((h) => [h, 0])) as Record<Head, number>;
    const share = 1 / this.members.length;
    for (const w of windows) {
      // A text with no tokens (empty, whitespace) carries no evidence; the bias alone must not speak for it.
      if (w.glove.length + w.hashed.length === 0) continue;
      const mean = Object.fromEntries(HEADS.map((h) => [h, 0])) as Record<Head, number>;
      for (const m of this.members) {
        const p = m.predictWindow(w);
        for (const h of HEADS) mean[h] += p[h] * share;
      }
      for (const h of HEADS) best[h] = Math.max(best[h], mean[h]);
    }
    return best;
  }

  predict(text: string, extra: Float32Array): Record<Head, number> {
    return this.predictWindows(this.windows(text, extra));
  }

  save(dir: string): number {
    const first = this.members[0] as CrisisClassifier;
    const tensors: Record<string, Tensor> = {
      glove: { shape: [first.words.length, DIM], data: first.glove },
      gloveWeight: { shape: [first.words.length], data: first.gloveWeight },
    };
    const quantize = new Set(['glove']);
    this.members.forEach((m, i) => {
      for (const [name, t] of Object.entries(m.tensors())) tensors[`m${i}.${name}`] = t;
      quantize.add(`m${i}.hashed`);
    });
    return writeTensors(join(dir, CLASSIFIER_FILE), tensors, quantize);
  }

  static load(dir: string, config: ClassifierConfig, words: readonly string[], size: number): CrisisEnsemble {
    const path = join(dir, CLASSIFIER_FILE);
    if (!existsSync(path)) throw new Error(`No crisis classifier at ${path}; run npm run train:crisis`);
    const t = readTensors(path);
    const get = (name: string) => {
      const tensor = t[name];
      if (!tensor) throw new Error(`${path} lacks tensor ${name}`);
      return tensor.data;
    };
    const glove = get('glove');
    const gloveWeight = get('gloveWeight');
    const members = Array.from(
      { length: size },
      (_, i) => new CrisisClassifier(config, words, glove, gloveWeight, get(`m${i}.hashed`), get(`m${i}.W1`), get(`m${i}.b1`), get(`m${i}.W2`), get(`m${i}.b2`)),
    );
    return new CrisisEnsemble(members);
  }
}
