/**
 * Training of the emotion model's two towers (GoEmotions, journal). Each tower: multi-task loss over
 * the heads its data labels, class-weighted BCE for the emotion heads, softmax cross-entropy for the
 * primary head, AdamW for the dense layers and row-sparse AdaGrad for the embedding tables, dev
 * evaluation after every epoch and the best epoch (or epoch average) kept. Deterministic for a seed.
 */
import { Adam, glorot, rng, shuffle, SparseAdagrad, sigmoid } from '../text/kernels';
import type { GloveVectors } from '../text/glove';
import { countTokens, Vocabulary } from '../text/vocab';
import { GO_COUNT, HEADS, STUDIO_COUNT, type EmotionExample } from './data';
import { evaluate, predictAll, tuneThresholds, type DevSets, type EmotionReport } from './evaluate';
import { featurize, type FeatureConfig, type Features } from './features';
import { EmotionModel, MODEL_NAME, MODEL_VERSION } from './model';
import { tokenize } from '../text/tokenize';
import { EmotionNet, type DenseGrads, type NetParams, type NetShape } from './network';

export interface TrainConfig {
  seed: number;
  epochs: number;
  batchSize: number;
  /** AdamW learning rate of the dense layers (linearly decayed to 10% over training). */
  lr: number;
  weightDecay: number;
  /** AdaGrad learning rates of the word and hashed n-gram tables (0 freezes a table). */
  wordLr: number;
  hashLr: number;
  hidden: number;
  hashDim: number;
  dropoutInput: number;
  dropoutHidden: number;
  /** Loss weight of the intensity head. */
  intensityWeight: number;
  /** Loss weight of the primary-emotion softmax head. */
  primaryWeight: number;
  /** Positive-class weight of a label is min(cap, sqrt(negatives / positives)). */
  posWeightCap: number;
  /**
   * From this epoch on, the weights at the end of each epoch are also averaged (Polyak averaging over
   * epochs), and the average competes with the raw weights for the best epoch; 0 turns it off.
   */
  averageFrom: number;
}

/** Inputs shared by both towers (one vocabulary, one hashing of n-grams). */
export const FEATURE_CONFIG: FeatureConfig = { buckets: 1 << 17, charMin: 3, charMax: 5, wordNgrams: 2, maxTokens: 400 };

/** Words without a GloVe vector join the vocabulary when seen this often in training text. */
export const MIN_COUNT = 3;

/** The GoEmotions tower: 43k short comments. */
export const GO_TOWER_CONFIG: TrainConfig = {
  seed: 7,
  epochs: 5,
  batchSize: 32,
  lr: 0.002,
  weightDecay: 0.0001,
  wordLr: 0.05,
  hashLr: 0.1,
  hidden: 256,
  hashDim: 64,
  dropoutInput: 0.15,
  dropoutHidden: 0.3,
  intensityWeight: 1,
  primaryWeight: 1,
  posWeightCap: 6,
  averageFrom: 2,
};

/** The journal tower: ~2k longer entries, so a wider hidden layer, more epochs, gentler embedding updates. */
export const JOURNAL_TOWER_CONFIG: TrainConfig = {
  ...GO_TOWER_CONFIG,
  epochs: 16,
  wordLr: 0.02,
  hashLr: 0.05,
  hidden: 384,
  hashDim: 48,
  averageFrom: 6,
};

export type TowerName = 'go' | 'journal';

export interface EpochStats {
  epoch: number;
  trainLoss: number;
  devLossGo: number | null;
  devLossJournal: number | null;
  report: EmotionReport;
  /** Dev report of the weights averaged over epochs averageFrom..epoch, when averaging. */
  averaged: EmotionReport | null;
  seconds: number;
}

export interface TowerResult {
  /** Float parameters of the best epoch (the artifact quantises the embedding tables). */
  params: NetParams;
  shape: NetShape;
  history: EpochStats[];
  bestEpoch: number;
  /** Whether the kept weights are the epoch average rather than that epoch's raw weights. */
  bestIsAverage: boolean;
}

export interface WordTable {
  vocab: Vocabulary;
  /** Initial word embeddings (GloVe rows, small random rows for words without one). */
  init: Float32Array;
  wordDim: number;
}

export interface TrainProgress {
  startEpoch(epoch: number, total: number): void;
  tick(done: number, loss: number): void;
  endEpoch(stats: EpochStats): void;
}

/**
 * The vocabulary: every word that has a pretrained vector in `pretrained` (the caller keeps the
 * words of the training text plus a list of common English words), and words without one seen at
 * least `minCount` times in training (emoji, slang). Returns the initial embedding table too.
 */
export function buildVocabulary(
  trainTokens: readonly string[][],
  pretrained: GloveVectors | null,
  minCount: number,
  random: () => number,
): WordTable {
  const wordDim = pretrained?.dim ?? 100;
  const counts = countTokens(trainTokens);
  const known = new Set(pretrained?.words ?? []);
  const extra = [...counts]
    .filter(([w, c]) => c >= minCount && !known.has(w))
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([w]) => w);
  const words = [...(pretrained?.words ?? []), ...extra];
  const init = new Float32Array(words.length * wordDim);
  if (pretrained) init.set(pretrained.vectors);
  // New words start small and random, at about a tenth of a GloVe vector's per-dimension scale.
  for (let i = (pretrained?.words.length ?? 0) * wordDim; i < init.length; i++) init[i] = (random() * 2 - 1) * 0.05;
  return { vocab: new Vocabulary(words), init, wordDim };
}

function positiveWeights(examples: EmotionExample[], cap: number): { go: Float32Array; studio: Float32Array } {
  const goPos = new Float64Array(GO_COUNT);
  let goN = 0;
  const stPos = new Float64Array(STUDIO_COUNT);
  const stN = new Float64Array(STUDIO_COUNT);
  for (const ex of examples) {
    if (ex.go) {
      goN++;
      ex.go.forEach((v, l) => (goPos[l] = (goPos[l] as number) + v));
    }
    for (let e = 0; e < STUDIO_COUNT; e++) {
      if (!ex.studioKnown[e]) continue;
      stN[e] = (stN[e] as number) + 1;
      stPos[e] = (stPos[e] as number) + (ex.studio[e] as number);
    }
  }
  const w = (pos: number, n: number) => (pos > 0 ? Math.min(cap, Math.sqrt((n - pos) / pos)) : 1);
  return {
    go: Float32Array.from(goPos, (p) => w(p, goN)),
    studio: Float32Array.from(stPos, (p, e) => w(p, stN[e] as number)),
  };
}

/** Weighted BCE of one example; writes d(loss)/d(logits) into dOut and returns the loss. */
function lossAndGrad(
  logits: Float32Array,
  ex: EmotionExample,
  pw: { go: Float32Array; studio: Float32Array },
  config: TrainConfig,
  dOut: Float32Array,
): number {
  dOut.fill(0);
  let loss = 0;
  const bce = (z: number, y: number, posWeight: number, unit: number, scale: number) => {
    const p = sigmoid(z);
    const w = y > 0 ? posWeight : 1;
    loss += -scale * w * (y * Math.log(p + 1e-7) + (1 - y) * Math.log(1 - p + 1e-7));
    dOut[unit] = scale * w * (p - y);
  };
  if (ex.go) for (let l = 0; l < GO_COUNT; l++) bce(logits[HEADS.go + l] as number, ex.go[l] as number, pw.go[l] as number, HEADS.go + l, 1);
  for (let e = 0; e < STUDIO_COUNT; e++) {
    if (ex.studioKnown[e]) bce(logits[HEADS.studio + e] as number, ex.studio[e] as number, pw.studio[e] as number, HEADS.studio + e, 1);
    const target = ex.intensity[e] as number;
    // Intensity is learnt as a soft-target BCE (gradient p − y), only where the corpus labels it.
    if (!Number.isNaN(target)) bce(logits[HEADS.intensity + e] as number, target, 1, HEADS.intensity + e, config.intensityWeight);
  }
  if (ex.primary >= 0) {
    // Softmax cross-entropy over the primary head.
    let max = -Infinity;
    for (let e = 0; e < STUDIO_COUNT; e++) max = Math.max(max, logits[HEADS.primary + e] as number);
    let sum = 0;
    for (let e = 0; e < STUDIO_COUNT; e++) sum += Math.exp((logits[HEADS.primary + e] as number) - max);
    const scale = config.primaryWeight;
    for (let e = 0; e < STUDIO_COUNT; e++) {
      const p = Math.exp((logits[HEADS.primary + e] as number) - max) / sum;
      dOut[HEADS.primary + e] = scale * (p - (e === ex.primary ? 1 : 0));
      if (e === ex.primary) loss -= scale * Math.log(p + 1e-7);
    }
  }
  return loss;
}

function devLoss(preds: { go: Float32Array; studio: Float32Array }[], examples: EmotionExample[], head: 'go' | 'studio'): number | null {
  let loss = 0;
  let n = 0;
  examples.forEach((ex, i) => {
    const gold = head === 'go' ? ex.go : ex.studio;
    const p = preds[i]?.[head];
    if (!gold || !p) return;
    gold.forEach((y, l) => {
      const q = p[l] as number;
      loss += -(y * Math.log(q + 1e-7) + (1 - y) * Math.log(1 - q + 1e-7));
      n++;
    });
  });
  return n ? loss / n : null;
}

/** The dev score that picks a tower's best epoch: the mean of the scores that tower is for. */
function selectionScore(tower: TowerName, r: EmotionReport): number {
  const parts = (tower === 'go' ? [r.goemotions28?.macroF1, r.goemotionsMappedTower?.macroF1] : [r.journal?.macroF1, r.primaryAccuracy]).filter(
    (v): v is number => typeof v === 'number',
  );
  return parts.length ? parts.reduce((a, b) => a + b, 0) / parts.length : 0;
}

/**
 * Trains one tower on `train`. Each epoch ends with a dev evaluation of a model that uses this tower
 * for everything, thresholds tuned; the epoch with the best score for the tower's own metrics is kept.
 */
export function trainTower(
  tower: TowerName,
  train: EmotionExample[],
  dev: DevSets,
  words: WordTable,
  config: TrainConfig,
  progress?: TrainProgress,
): TowerResult {
  const random = rng(config.seed);
  const { vocab, wordDim } = words;
  const shape: NetShape = {
    vocab: vocab.size,
    wordDim,
    buckets: FEATURE_CONFIG.buckets,
    hashDim: config.hashDim,
    hidden: config.hidden,
    outputs: HEADS.outputs,
  };
  const inDim = 2 * wordDim + config.hashDim;
  const params: NetParams = {
    wordEmb: words.init.slice(),
    hashEmb: new Float32Array(shape.buckets * config.hashDim),
    W1: glorot(config.hidden, inDim, random),
    b1: new Float32Array(config.hidden),
    W2: glorot(HEADS.outputs, config.hidden, random),
    b2: new Float32Array(HEADS.outputs),
  };
  const net = new EmotionNet(shape, params);
  const grads: DenseGrads = {
    W1: new Float32Array(params.W1.length),
    b1: new Float32Array(params.b1.length),
    W2: new Float32Array(params.W2.length),
    b2: new Float32Array(params.b2.length),
  };
  const adam = { W1: new Adam(params.W1), b1: new Adam(params.b1), W2: new Adam(params.W2), b2: new Adam(params.b2) };
  const sparse = {
    words: new SparseAdagrad(params.wordEmb, wordDim),
    hashed: new SparseAdagrad(params.hashEmb, config.hashDim),
    wordLr: config.wordLr,
    hashLr: config.hashLr,
  };
  const pw = positiveWeights(train, config.posWeightCap);
  const inputs: Features[] = train.map((ex) => featurize(ex.text, vocab, FEATURE_CONFIG));
  const dropout = { random, input: config.dropoutInput, hidden: config.dropoutHidden };
  const dOut = new Float32Array(HEADS.outputs);
  // During training the tower stands in for both; only its own metrics choose the epoch.
  const fixedBlend = tower === 'journal' ? 1 : 0;
  const evalMeta = {
    name: MODEL_NAME,
    version: 'training',
    shapes: { go: shape, journal: shape },
    features: FEATURE_CONFIG,
    thresholds: { goemotions: {}, studio: {}, goemotionsTowerStudio: {} },
    blend: {},
    primaryRule: 'primary_head' as const,
    training: {},
  };
  const evalModel = new EmotionModel(evalMeta, vocab, { go: net, journal: net });
  const average = zerosLike(params);
  const averageNet = new EmotionNet(shape, average);
  const averageModel = new EmotionModel(evalMeta, vocab, { go: averageNet, journal: averageNet });
  let averaged = 0;
  const devReport = (model: EmotionModel) => {
    const preds = predictAll(model, dev);
    return { preds, report: evaluate(model.with(tuneThresholds(preds, dev, [fixedBlend])), preds, dev) };
  };

  const history: EpochStats[] = [];
  let best: { score: number; epoch: number; params: NetParams; isAverage: boolean } | null = null;
  const order = train.map((_, i) => i);
  const totalSteps = config.epochs * Math.ceil(order.length / config.batchSize);
  let step = 0;
  for (let epoch = 1; epoch <= config.epochs; epoch++) {
    const started = performance.now();
    progress?.startEpoch(epoch, order.length);
    shuffle(order, random);
    let lossSum = 0;
    for (let b = 0; b < order.length; b += config.batchSize) {
      const batch = order.slice(b, b + config.batchSize);
      for (const i of batch) {
        const logits = net.forward(inputs[i] as Features, dropout);
        lossSum += lossAndGrad(logits, train[i] as EmotionExample, pw, config, dOut);
        net.backward(dOut, grads, sparse);
      }
      const lr = config.lr * (1 - 0.9 * (step / totalSteps));
      step++;
      const scale = 1 / batch.length;
      for (const k of ['W1', 'b1', 'W2', 'b2'] as const) {
        const g = grads[k];
        for (let j = 0; j < g.length; j++) g[j] = (g[j] as number) * scale;
        adam[k].step(g, lr, k.startsWith('W') ? config.weightDecay : 0);
      }
      const done = Math.min(b + config.batchSize, order.length);
      progress?.tick(done, lossSum / done);
    }
    const { preds, report } = devReport(evalModel);
    let averagedReport: EmotionReport | null = null;
    if (config.averageFrom > 0 && epoch >= config.averageFrom) {
      averaged++;
      runningMean(average, params, averaged);
      if (averaged > 1) averagedReport = devReport(averageModel).report;
    }
    const stats: EpochStats = {
      epoch,
      trainLoss: lossSum / order.length,
      devLossGo: devLoss(preds.goemotions, dev.goemotions, 'go'),
      devLossJournal: devLoss(preds.journal, dev.journal, 'studio'),
      report,
      averaged: averagedReport,
      seconds: (performance.now() - started) / 1000,
    };
    history.push(stats);
    progress?.endEpoch(stats);
    const score = selectionScore(tower, report);
    if (!best || score > best.score) best = { score, epoch, params: cloneParams(params), isAverage: false };
    const averageScore = averagedReport ? selectionScore(tower, averagedReport) : -Infinity;
    if (averageScore > best.score) best = { score: averageScore, epoch, params: cloneParams(average), isAverage: true };
  }
  if (!best) throw new Error('training needs at least one epoch');
  return { params: best.params, shape, history, bestEpoch: best.epoch, bestIsAverage: best.isAverage };
}

function zerosLike(p: NetParams): NetParams {
  return {
    wordEmb: new Float32Array(p.wordEmb.length),
    hashEmb: new Float32Array(p.hashEmb.length),
    W1: new Float32Array(p.W1.length),
    b1: new Float32Array(p.b1.length),
    W2: new Float32Array(p.W2.length),
    b2: new Float32Array(p.b2.length),
  };
}

/** mean += (x − mean) / n for every parameter. */
function runningMean(mean: NetParams, x: NetParams, n: number): void {
  for (const k of ['wordEmb', 'hashEmb', 'W1', 'b1', 'W2', 'b2'] as const) {
    const m = mean[k];
    const v = x[k];
    for (let i = 0; i < m.length; i++) m[i] = (m[i] as number) + ((v[i] as number) - (m[i] as number)) / n;
  }
}

function cloneParams(p: NetParams): NetParams {
  return {
    wordEmb: p.wordEmb.slice(),
    hashEmb: p.hashEmb.slice(),
    W1: p.W1.slice(),
    b1: p.b1.slice(),
    W2: p.W2.slice(),
    b2: p.b2.slice(),
  };
}

export interface EmotionTrainResult {
  /** The trained model in memory (float weights), thresholds and blend tuned on dev. */
  model: EmotionModel;
  params: Record<TowerName, NetParams>;
  history: Record<TowerName, EpochStats[]>;
  bestEpoch: Record<TowerName, { epoch: number; averaged: boolean }>;
}

/**
 * Trains both towers, the GoEmotions tower on the comments and the journal tower on our corpus, over
 * one vocabulary, then tunes thresholds, blend and primary rule on dev.
 */
export function trainEmotionModel(
  data: { goemotions: EmotionExample[]; journal: EmotionExample[] },
  dev: DevSets,
  pretrained: GloveVectors | null,
  configs: Record<TowerName, TrainConfig>,
  progress?: (tower: TowerName) => TrainProgress,
): EmotionTrainResult {
  const all = [...data.goemotions, ...data.journal];
  const words = buildVocabulary(all.map((ex) => tokenize(ex.text)), pretrained, MIN_COUNT, rng(configs.go.seed));
  const go = trainTower('go', data.goemotions, dev, words, configs.go, progress?.('go'));
  const journal = trainTower('journal', data.journal, dev, words, configs.journal, progress?.('journal'));
  const draft = new EmotionModel(
    {
      name: MODEL_NAME,
      version: MODEL_VERSION,
      shapes: { go: go.shape, journal: journal.shape },
      features: FEATURE_CONFIG,
      thresholds: { goemotions: {}, studio: {}, goemotionsTowerStudio: {} },
      blend: {},
      primaryRule: 'primary_head',
      training: {},
    },
    words.vocab,
    { go: new EmotionNet(go.shape, go.params), journal: new EmotionNet(journal.shape, journal.params) },
  );
  return {
    model: draft.with(tuneThresholds(predictAll(draft, dev), dev)),
    params: { go: go.params, journal: journal.params },
    history: { go: go.history, journal: journal.history },
    bestEpoch: {
      go: { epoch: go.bestEpoch, averaged: go.bestIsAverage },
      journal: { epoch: journal.bestEpoch, averaged: journal.bestIsAverage },
    },
  };
}
