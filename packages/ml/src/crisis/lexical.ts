/**
 * The crisis gate's second, diverse classifier: a sparse logistic regression on TF-IDF features of hashed word 1–2-grams
 * and character 3–5-grams (of each word, boundaries marked). It sees the whole text at once (no windows, no GloVe, no
 * rule inputs), so its errors differ from the neural classifier's and their average ranks crisis entries better than
 * either alone (measured out-of-fold on journal train, see ./cv).
 *
 * TF-IDF: sublinear term frequency (1 + ln count) × smoothed idf from the training texts, L2-normalised.
 * Training: weighted logistic loss with L2, per-coordinate AdaGrad, a fixed seeded shuffle (deterministic).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readTensors, writeTensors } from '../text/binary';
import { charNgrams, fnv1a } from '../text/hash';
import { rng, shuffle, sigmoid } from '../text/kernels';
import { NEGATIONS, tokenize } from '../text/tokenize';

export const LEXICAL_FILE = 'lexical.stw';

export interface LexicalConfig {
  buckets: number;
  charMin: number;
  charMax: number;
}

export const DEFAULT_LEXICAL_CONFIG: LexicalConfig = { buckets: 1 << 18, charMin: 3, charMax: 5 };

export interface LexicalTrainOptions {
  epochs: number;
  lr: number;
  l2: number;
  seed: number;
}

export const DEFAULT_LEXICAL_TRAINING: LexicalTrainOptions = { epochs: 8, lr: 0.5, l2: 1e-5, seed: 7 };

/** A text as hashed term counts, before idf weighting. */
export interface Terms {
  ids: Int32Array;
  counts: Float32Array;
}

export interface LexicalExample {
  terms: Terms;
  label: number;
  weight: number;
}

const SURROGATE = /[\uD800-\uDFFF]/;

/** Tokens after a negation word that count as negated (the tokenizer drops full stops, so scopes stay short). */
const NEGATION_SCOPE = 3;

/**
 * Hashed term counts of a text: word unigrams, negated unigrams, word bigrams and per-word char n-grams, each kind in
 * its own hash space.
 */
export function lexicalTerms(text: string, config: LexicalConfig = DEFAULT_LEXICAL_CONFIG): Terms {
  const tokens = tokenize(text);
  const counts = new Map<number, number>();
  const add = (key: string, seed: number) => {
    const id = fnv1a(key, seed) % config.buckets;
    counts.set(id, (counts.get(id) ?? 0) + 1);
  };
  let negatedFor = 0;
  tokens.forEach((tok, i) => {
    add(tok, 0x811c9dc5);
    // Words in a negation's short scope also count as their own negated term ("not" + "suicidal" → "¬suicidal").
    if (NEGATIONS.has(tok)) negatedFor = NEGATION_SCOPE;
    else if (negatedFor > 0) {
      if (tok === '!' || tok === '?' || tok === '...') negatedFor = 0;
      else {
        add(`¬${tok}`, 0x811c9dc5);
        negatedFor--;
      }
    }
    if (i + 1 < tokens.length) add(`${tok} ${tokens[i + 1]}`, 0x9747b28c);
    if (tok.length > 1) {
      // The same n-grams as charNgrams (code points), without its per-gram arrays when the word has no surrogate pairs.
      if (SURROGATE.test(tok)) for (const g of charNgrams(tok, config.charMin, config.charMax)) add(g, 0x2f5a1d3b);
      else {
        const w = `<${tok}>`;
        for (let n = config.charMin; n <= config.charMax; n++) for (let k = 0; k + n <= w.length; k++) add(w.substring(k, k + n), 0x2f5a1d3b);
      }
    }
  });
  return { ids: Int32Array.from(counts.keys()), counts: Float32Array.from(counts.values()) };
}

export class LexicalModel {
  constructor(
    readonly config: LexicalConfig,
    /** buckets: inverse document frequency per hashed term. */
    readonly idf: Float32Array,
    /** buckets: logistic regression weights. */
    readonly weights: Float32Array,
    public bias: number,
  ) {}

  /** Smoothed idf from the training texts (each counted once, whatever its weight). */
  static fit(config: LexicalConfig, texts: readonly Terms[]): LexicalModel {
    const df = new Float32Array(config.buckets);
    for (const t of texts) for (const id of t.ids) df[id] = (df[id] as number) + 1;
    const n = texts.length;
    const idf = Float32Array.from(df, (d) => Math.log((1 + n) / (1 + d)) + 1);
    return new LexicalModel(config, idf, new Float32Array(config.buckets), 0);
  }

  /** TF-IDF values of `terms`, L2-normalised, aligned with terms.ids. */
  values(terms: Terms): Float32Array {
    const v = new Float32Array(terms.ids.length);
    let norm = 0;
    for (let i = 0; i < v.length; i++) {
      const x = (1 + Math.log(terms.counts[i] as number)) * (this.idf[terms.ids[i] as number] as number);
      v[i] = x;
      norm += x * x;
    }
    const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let i = 0; i < v.length; i++) v[i] = (v[i] as number) * inv;
    return v;
  }

  private logit(terms: Terms, values: Float32Array): number {
    let z = this.bias;
    for (let i = 0; i < values.length; i++) z += (this.weights[terms.ids[i] as number] as number) * (values[i] as number);
    return z;
  }

  /** Crisis probability of a text; an empty text carries no evidence and scores 0. */
  predictTerms(terms: Terms): number {
    if (terms.ids.length === 0) return 0;
    return sigmoid(this.logit(terms, this.values(terms)));
  }

  predict(text: string): number {
    return this.predictTerms(lexicalTerms(text, this.config));
  }

  /** Weighted logistic regression, L2 on the touched weights, AdaGrad per coordinate; returns the loss per epoch. */
  train(examples: readonly LexicalExample[], opts: LexicalTrainOptions): number[] {
    const random = rng(opts.seed);
    const values = examples.map((e) => this.values(e.terms));
    const order = examples.map((_, i) => i);
    const acc = new Float32Array(this.config.buckets);
    let biasAcc = 0;
    const losses: number[] = [];
    for (let epoch = 0; epoch < opts.epochs; epoch++) {
      shuffle(order, random);
      let loss = 0;
      let total = 0;
      for (const i of order) {
        const ex = examples[i] as LexicalExample;
        const v = values[i] as Float32Array;
        const p = sigmoid(this.logit(ex.terms, v));
        loss -= ex.weight * (ex.label * Math.log(p + 1e-7) + (1 - ex.label) * Math.log(1 - p + 1e-7));
        total += ex.weight;
        const g = ex.weight * (p - ex.label);
        for (let k = 0; k < v.length; k++) {
          const id = ex.terms.ids[k] as number;
          const grad = g * (v[k] as number) + opts.l2 * (this.weights[id] as number);
          acc[id] = (acc[id] as number) + grad * grad;
          this.weights[id] = (this.weights[id] as number) - (opts.lr * grad) / Math.sqrt((acc[id] as number) + 1e-8);
        }
        biasAcc += g * g;
        this.bias -= (opts.lr * g) / Math.sqrt(biasAcc + 1e-8);
      }
      losses.push(loss / Math.max(total, 1e-9));
    }
    return losses;
  }

  save(dir: string): number {
    const { buckets } = this.config;
    return writeTensors(join(dir, LEXICAL_FILE), {
      idf: { shape: [buckets], data: this.idf },
      weights: { shape: [buckets], data: this.weights },
      bias: { shape: [1], data: Float32Array.of(this.bias) },
    });
  }

  static load(dir: string, config: LexicalConfig): LexicalModel {
    const path = join(dir, LEXICAL_FILE);
    if (!existsSync(path)) throw new Error(`No lexical crisis classifier at ${path}; run npm run train:crisis`);
    const t = readTensors(path);
    const get = (name: string) => {
      const tensor = t[name];
      if (!tensor) throw new Error(`${path} lacks tensor ${name}`);
      return tensor.data;
    };
    return new LexicalModel(config, get('idf'), get('weights'), get('bias')[0] as number);
  }
}

/** Weights of the lexical model's training sources (journal crisis and ordinary entries weigh 1). */
export interface LexicalDataWeights {
  hardNegative: number;
  /** Per post of a C-SSRS user; an at-risk user's posts are all positives (a noisy label, hence the small weight). */
  cssrsPost: number;
  goemotions: number;
}

export const DEFAULT_LEXICAL_WEIGHTS: LexicalDataWeights = { hardNegative: 2, cssrsPost: 0.05, goemotions: 0.25 };

export function lexicalExamples(
  journal: readonly { text: string; crisis: boolean; hardNegative: string | null }[],
  cssrs: readonly { posts: readonly string[]; atRisk: boolean }[],
  goemotionsNegatives: readonly string[],
  weights: LexicalDataWeights,
  config: LexicalConfig = DEFAULT_LEXICAL_CONFIG,
): LexicalExample[] {
  const out: LexicalExample[] = journal.map((item) => ({
    terms: lexicalTerms(item.text, config),
    label: item.crisis ? 1 : 0,
    weight: item.hardNegative ? weights.hardNegative : 1,
  }));
  if (weights.cssrsPost > 0) {
    for (const u of cssrs) for (const p of u.posts) out.push({ terms: lexicalTerms(p, config), label: u.atRisk ? 1 : 0, weight: weights.cssrsPost });
  }
  if (weights.goemotions > 0) {
    for (const text of goemotionsNegatives) out.push({ terms: lexicalTerms(text, config), label: 0, weight: weights.goemotions });
  }
  return out.filter((e) => e.terms.ids.length > 0);
}
