/**
 * Model 1, the studio's emotion classifier: loads the artifact in models/emotion and turns a journal
 * entry into an EmotionAnalysis (11 studio emotions with intensities, 28 GoEmotions labels, and the
 * words behind each predicted emotion). Inference needs only the artifact, not GloVe.
 *
 * Two towers share the tokenizer, vocabulary and features: the GoEmotions tower (trained on Reddit
 * comments) gives the 28 labels and a studio reading of them; the journal tower (trained on our
 * corpus) gives the studio emotions, their intensities and the primary emotion. Each studio logit is
 * a blend of the two towers with a per-emotion weight tuned on dev, like the thresholds.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import {
  GOEMOTIONS_LABELS,
  STUDIO_EMOTIONS,
  type EmotionAnalysis,
  type GoEmotionLabel,
  type GoEmotionScores,
  type StudioEmotion,
  type StudioScores,
  type TokenContribution,
} from '@studio/core';
import { repoPath } from '@studio/core/paths';
import { readTensors, writeTensors } from '../text/binary';
import { sigmoid } from '../text/kernels';
import { Vocabulary } from '../text/vocab';
import { GO_COUNT, HEADS, STUDIO_COUNT } from './data';
import { featurize } from './features';
import { EmotionNet, type NetParams, type NetShape } from './network';

export const MODEL_NAME = 'studio-emotion';
/** Bumped when the architecture or the training data changes in a way that changes predictions. */
export const MODEL_VERSION = '1.2.0';

const unitRecord = z.record(z.string(), z.number().min(0).max(1));

const NetShapeSchema = z.object({
  vocab: z.number().int(),
  wordDim: z.number().int(),
  buckets: z.number().int(),
  hashDim: z.number().int(),
  hidden: z.number().int(),
  outputs: z.number().int(),
});

export const EmotionModelMetaSchema = z.object({
  name: z.string(),
  version: z.string(),
  shapes: z.object({ go: NetShapeSchema, journal: NetShapeSchema }),
  features: z.object({
    buckets: z.number().int(),
    charMin: z.number().int(),
    charMax: z.number().int(),
    wordNgrams: z.number().int(),
    maxTokens: z.number().int(),
  }),
  /** Per-label decision thresholds, tuned on the dev splits. */
  thresholds: z.object({
    goemotions: unitRecord,
    studio: unitRecord,
    /** For evaluation only: the GoEmotions tower's own studio heads, tuned on GoEmotions dev alone. */
    goemotionsTowerStudio: unitRecord,
  }),
  /** Per studio emotion, the journal tower's weight in the blended logit (1 − weight: GoEmotions tower). */
  blend: unitRecord,
  /**
   * How the primary emotion is picked: the primary head's softmax, that softmax × the studio
   * probability, the highest studio probability, or the highest studio probability / threshold
   * (chosen on journal dev).
   */
  primaryRule: z.enum(['primary_head', 'head_x_probability', 'probability', 'threshold_ratio']),
  /** Training settings and dev metrics, for the card and for reproducibility. */
  training: z.record(z.string(), z.unknown()),
});
export type EmotionModelMeta = z.infer<typeof EmotionModelMetaSchema>;

/** Probabilities of every head for one text. */
export interface EmotionScores {
  go: Float32Array;
  /** Blended studio probabilities. */
  studio: Float32Array;
  /** The two towers' studio logits before blending (used to tune the blend). */
  studioLogits: { go: Float32Array; journal: Float32Array };
  /** Predicted intensity of each studio emotion, if it is felt. */
  intensity: Float32Array;
  /** Softmax over the studio emotions: which one leads the entry. */
  primary: Float32Array;
}

// Function words never make a useful "why" for the person reading it.
const EXPLANATION_STOPWORDS = new Set(
  ('i me my myself we our you your he him his she her it its they them their this that these those am is are was were be ' +
    'been being have has had do does did a an the and but if or because as until while of at by for with about against ' +
    'between into through during before after above below to from up down in out on off over under again then once here ' +
    'there when where why how all any both each few more most other some such only own same so than too very can will ' +
    'just should now would could s t d ll m re ve y <name> <religion> <url>').split(' '),
);

const TOP_WORDS = 4;

export interface Towers {
  go: EmotionNet;
  journal: EmotionNet;
}

export class EmotionModel {
  readonly thresholdsGo: Float32Array;
  readonly thresholdsStudio: Float32Array;
  readonly blend: Float32Array;

  constructor(
    readonly meta: EmotionModelMeta,
    readonly vocab: Vocabulary,
    readonly towers: Towers,
  ) {
    this.thresholdsGo = Float32Array.from(GOEMOTIONS_LABELS, (l) => meta.thresholds.goemotions[l] ?? 0.5);
    this.thresholdsStudio = Float32Array.from(STUDIO_EMOTIONS, (e) => meta.thresholds.studio[e] ?? 0.5);
    this.blend = Float32Array.from(STUDIO_EMOTIONS, (e) => meta.blend[e] ?? 1);
  }

  /** The same model with other thresholds / blend / primary rule (for tuning). */
  with(changes: Partial<Pick<EmotionModelMeta, 'thresholds' | 'blend' | 'primaryRule'>>): EmotionModel {
    return new EmotionModel({ ...this.meta, ...changes }, this.vocab, this.towers);
  }

  get id(): string {
    return `${this.meta.name}@${this.meta.version}`;
  }

  scores(text: string): EmotionScores {
    const features = featurize(text, this.vocab, this.meta.features);
    return probabilities(this.towers.go.forward(features), this.towers.journal.forward(features), this.blend);
  }

  /** Index of the primary studio emotion under the model's primary rule. */
  primaryOf(scores: EmotionScores): number {
    let best = 0;
    let bestValue = -Infinity;
    for (let e = 0; e < STUDIO_COUNT; e++) {
      const p = scores.studio[e] as number;
      const rule = this.meta.primaryRule;
      const head = scores.primary[e] as number;
      const v =
        rule === 'primary_head' ? head : rule === 'head_x_probability' ? head * p : rule === 'probability' ? p : p / (this.thresholdsStudio[e] as number);
      if (v > bestValue) {
        bestValue = v;
        best = e;
      }
    }
    return best;
  }

  analyze(text: string): EmotionAnalysis {
    const features = featurize(text, this.vocab, this.meta.features);
    const all = probabilities(this.towers.go.forward(features), this.towers.journal.forward(features), this.blend);
    const { go, studio, intensity } = all;
    const primaryIndex = this.primaryOf(all);
    // Primary first, then the other emotions above their thresholds by probability.
    const order = Array.from({ length: STUDIO_COUNT }, (_, i) => i).sort((a, b) => (studio[b] as number) - (studio[a] as number));
    const labelled = [primaryIndex, ...order.filter((e) => e !== primaryIndex && (studio[e] as number) >= (this.thresholdsStudio[e] as number))];
    const secondaryIndex = labelled.find((e) => e !== primaryIndex);

    const scores = {} as StudioScores;
    const intensities = {} as StudioScores;
    STUDIO_EMOTIONS.forEach((e, i) => {
      scores[e] = round(studio[i] as number);
      // Intensity if felt; emotions below their threshold are scaled by their probability.
      const ifFelt = intensity[i] as number;
      intensities[e] = round(labelled.includes(i) ? ifFelt : ifFelt * (studio[i] as number));
    });
    const goemotions = {} as GoEmotionScores;
    GOEMOTIONS_LABELS.forEach((l, i) => {
      goemotions[l] = round(go[i] as number);
    });
    const goemotionsLabels = GOEMOTIONS_LABELS.map((_, i) => i)
      .filter((i) => (go[i] as number) >= (this.thresholdsGo[i] as number))
      .sort((a, b) => (go[b] as number) - (go[a] as number))
      .map((i) => GOEMOTIONS_LABELS[i] as GoEmotionLabel);

    const explanations = this.explain(features, labelled);

    const primary = STUDIO_EMOTIONS[primaryIndex] as StudioEmotion;
    return {
      scores,
      labels: labelled.map((e) => STUDIO_EMOTIONS[e] as StudioEmotion),
      primary,
      secondary: secondaryIndex === undefined ? null : (STUDIO_EMOTIONS[secondaryIndex] as StudioEmotion),
      intensity: intensities[primary],
      intensities,
      confidence: scores[primary],
      goemotions,
      goemotions_labels: goemotionsLabels,
      explanations,
      model: this.id,
    };
  }

  /**
   * For each given studio emotion, the words that raised its blended logit the most (gradient × input
   * through both towers, which still hold this text's forward state), strongest first.
   */
  private explain(features: ReturnType<typeof featurize>, emotions: number[]): Partial<Record<StudioEmotion, TokenContribution[]>> {
    const outputs = emotions.map((e) => HEADS.studio + e);
    const args = [features.wordPos, features.hashPos, features.tokens.length] as const;
    const fromJournal = this.towers.journal.attribute(outputs, ...args);
    const fromGo = emotions.some((e) => (this.blend[e] as number) < 1) ? this.towers.go.attribute(outputs, ...args) : null;
    const out: Partial<Record<StudioEmotion, TokenContribution[]>> = {};
    emotions.forEach((emotion, n) => {
      const w = this.blend[emotion] as number;
      const journal = fromJournal[n] as Float32Array;
      const go = fromGo?.[n];
      const byToken = new Map<string, number>();
      features.tokens.forEach((token, i) => {
        if (EXPLANATION_STOPWORDS.has(token) || !/[\p{L}\p{Extended_Pictographic}]/u.test(token)) return;
        const c = w * (journal[i] as number) + (go ? (1 - w) * (go[i] as number) : 0);
        byToken.set(token, (byToken.get(token) ?? 0) + c);
      });
      out[STUDIO_EMOTIONS[emotion] as StudioEmotion] = [...byToken]
        .map(([token, weight]) => ({ token, weight: Math.round(weight * 1000) / 1000 }))
        .filter((c) => c.weight > 0)
        .sort((a, b) => b.weight - a.weight || (a.token < b.token ? -1 : 1))
        .slice(0, TOP_WORDS);
    });
    return out;
  }
}

function round(x: number): number {
  return Math.min(1, Math.max(0, Math.round(x * 10000) / 10000));
}

/** Blended studio probability from the two towers' logits. */
export function blendStudio(goLogit: number, journalLogit: number, journalWeight: number): number {
  return sigmoid(journalWeight * journalLogit + (1 - journalWeight) * goLogit);
}

function probabilities(goTower: Float32Array, journalTower: Float32Array, blend: Float32Array): EmotionScores {
  const go = new Float32Array(GO_COUNT);
  const studio = new Float32Array(STUDIO_COUNT);
  const intensity = new Float32Array(STUDIO_COUNT);
  const primary = new Float32Array(STUDIO_COUNT);
  const studioLogits = {
    go: goTower.slice(HEADS.studio, HEADS.studio + STUDIO_COUNT),
    journal: journalTower.slice(HEADS.studio, HEADS.studio + STUDIO_COUNT),
  };
  const logits = journalTower;
  for (let i = 0; i < GO_COUNT; i++) go[i] = sigmoid(goTower[HEADS.go + i] as number);
  let max = -Infinity;
  for (let i = 0; i < STUDIO_COUNT; i++) {
    studio[i] = blendStudio(studioLogits.go[i] as number, studioLogits.journal[i] as number, blend[i] as number);
    intensity[i] = sigmoid(logits[HEADS.intensity + i] as number);
    max = Math.max(max, logits[HEADS.primary + i] as number);
  }
  let sum = 0;
  for (let i = 0; i < STUDIO_COUNT; i++) {
    primary[i] = Math.exp((logits[HEADS.primary + i] as number) - max);
    sum += primary[i] as number;
  }
  for (let i = 0; i < STUDIO_COUNT; i++) primary[i] = (primary[i] as number) / sum;
  return { go, studio, studioLogits, intensity, primary };
}

const FILES = { meta: 'model.json', vocab: 'vocab.txt', weights: 'weights.bin' } as const;
// The embedding tables are most of the model: they are stored as int8 rows (a quarter of the bytes).

/** Writes the artifact files into `dir`; returns the weights file size in bytes. */
export function saveEmotionModel(dir: string, meta: EmotionModelMeta, vocab: Vocabulary, params: Record<keyof Towers, NetParams>): number {
  const tensors: Record<string, { shape: number[]; data: Float32Array }> = {};
  const quantise = new Set<string>();
  for (const tower of ['go', 'journal'] as const) {
    const shape = meta.shapes[tower];
    const p = params[tower];
    tensors[`${tower}.wordEmb`] = { shape: [shape.vocab, shape.wordDim], data: p.wordEmb };
    tensors[`${tower}.hashEmb`] = { shape: [shape.buckets, shape.hashDim], data: p.hashEmb };
    tensors[`${tower}.W1`] = { shape: [shape.hidden, 2 * shape.wordDim + shape.hashDim], data: p.W1 };
    tensors[`${tower}.b1`] = { shape: [shape.hidden], data: p.b1 };
    tensors[`${tower}.W2`] = { shape: [shape.outputs, shape.hidden], data: p.W2 };
    tensors[`${tower}.b2`] = { shape: [shape.outputs], data: p.b2 };
    quantise.add(`${tower}.wordEmb`).add(`${tower}.hashEmb`);
  }
  const bytes = writeTensors(join(dir, FILES.weights), tensors, quantise);
  writeMeta(dir, meta);
  writeVocab(dir, vocab);
  return bytes;
}

export function writeMeta(dir: string, meta: EmotionModelMeta): void {
  writeFileAtomic(join(dir, FILES.meta), `${JSON.stringify(meta, null, 2)}\n`);
}

function writeVocab(dir: string, vocab: Vocabulary): void {
  writeFileAtomic(join(dir, FILES.vocab), `${vocab.words.join('\n')}\n`);
}

function writeFileAtomic(path: string, text: string): void {
  writeFileSync(`${path}.tmp`, text);
  renameSync(`${path}.tmp`, path);
}

export function loadEmotionModel(dir: string = repoPath('models', 'emotion')): EmotionModel {
  const metaPath = join(dir, FILES.meta);
  if (!existsSync(metaPath)) throw new Error(`No emotion model in ${dir}: run \`npm run train:emotion\``);
  const meta = EmotionModelMetaSchema.parse(JSON.parse(readFileSync(metaPath, 'utf8')));
  const words = readFileSync(join(dir, FILES.vocab), 'utf8').split('\n');
  words.pop(); // trailing newline
  const vocab = new Vocabulary(words);
  const t = readTensors(join(dir, FILES.weights));
  const towerOf = (tower: keyof Towers): EmotionNet => {
    const get = (name: string) => {
      const tensor = t[`${tower}.${name}`];
      if (!tensor) throw new Error(`${dir}/${FILES.weights} lacks tensor ${tower}.${name}`);
      return tensor.data;
    };
    const shape: NetShape = meta.shapes[tower];
    return new EmotionNet(shape, {
      wordEmb: get('wordEmb'),
      hashEmb: get('hashEmb'),
      W1: get('W1'),
      b1: get('b1'),
      W2: get('W2'),
      b2: get('b2'),
    });
  };
  return new EmotionModel(meta, vocab, { go: towerOf('go'), journal: towerOf('journal') });
}
