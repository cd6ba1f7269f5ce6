/**
 * Model 3's training data: score vectors from the journal corpus labels, sampled synthetic emotion
 * mixtures (both with the documented mapping as the target) and people's slider corrections, whose
 * adjusted values replace the mapping's target for that input.
 */
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import {
  describeIssues,
  STUDIO_EMOTIONS,
  StudioScoresSchema,
  VISUAL_PARAMS,
  VisualParamsSchema,
  type StudioEmotion,
  type StudioScores,
  type VisualParams,
} from '@studio/core';
import type { JournalCorpusEntry } from '../data/journal';
import { clamp01, mapEmotionsToVisuals } from './mapping';
import { rng as createRng, gaussian, shuffle, type Rng } from '@studio/core/random';

/** One slider correction, as the store exports it (one JSON object per line). */
export const VisualFeedbackRecordSchema = z.object({
  scores: StudioScoresSchema,
  intensity: z.number().min(0).max(1),
  adjusted: VisualParamsSchema,
});
export type VisualFeedbackRecord = z.infer<typeof VisualFeedbackRecordSchema>;

export type VisualSampleSource = 'corpus' | 'synthetic' | 'feedback';

export interface VisualSample {
  scores: StudioScores;
  intensity: number;
  target: VisualParams;
  source: VisualSampleSource;
  /** Loss weight: a person's correction counts more than one teacher sample. */
  weight: number;
}

/** Network input: the 11 studio scores in taxonomy order, then intensity. */
export const VISUAL_INPUTS = [...STUDIO_EMOTIONS, 'intensity'] as const;

export function featuresOf(scores: StudioScores, intensity: number): number[] {
  return [...STUDIO_EMOTIONS.map((e) => scores[e]), intensity];
}

export function targetVector(v: VisualParams): number[] {
  return VISUAL_PARAMS.map((p) => v[p]);
}

/** Reads a feedback JSONL file; throws with the line number on a malformed record. */
export function readVisualFeedback(path: string): VisualFeedbackRecord[] {
  if (!existsSync(path)) throw new Error(`Feedback file not found: ${path}`);
  const out: VisualFeedbackRecord[] = [];
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (!line.trim()) return;
      const parsed = VisualFeedbackRecordSchema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${path}:${i + 1}: ${describeIssues(parsed.error).join('; ')}`);
      out.push(parsed.data);
    });
  return out;
}

function emptyScores(): StudioScores {
  return Object.fromEntries(STUDIO_EMOTIONS.map((e) => [e, 0])) as StudioScores;
}

/**
 * Score vectors an emotion model would plausibly give a labelled corpus entry: labelled emotions
 * high (rising with their annotated intensity), the rest low, with noise.
 */
export function corpusScoreVariants(entry: JournalCorpusEntry, variants: number, rng: Rng): { scores: StudioScores; intensity: number }[] {
  const out: { scores: StudioScores; intensity: number }[] = [];
  for (let k = 0; k < variants; k++) {
    const scores = emptyScores();
    for (const e of STUDIO_EMOTIONS) {
      const labelled = entry.intensities[e];
      scores[e] = labelled === undefined ? rng() * 0.12 : clamp01(0.35 + 0.6 * labelled + 0.05 * gaussian(rng));
    }
    const intensity = clamp01((entry.intensities[entry.primary] ?? 0.5) + 0.04 * gaussian(rng));
    out.push({ scores, intensity });
  }
  return out;
}

/** A random emotion mixture: 0–3 dominant emotions over a low background, independent intensity. */
export function syntheticMixture(rng: Rng): { scores: StudioScores; intensity: number } {
  const scores = emptyScores();
  for (const e of STUDIO_EMOTIONS) scores[e] = rng() * 0.15;
  const dominant = Math.floor(rng() * 4); // 0 gives a weak, near-neutral vector
  const picked = shuffle([...STUDIO_EMOTIONS], rng).slice(0, dominant) as StudioEmotion[];
  for (const e of picked) scores[e] = 0.25 + 0.75 * rng();
  return { scores, intensity: rng() };
}

export interface VisualDatasetOptions {
  corpus: JournalCorpusEntry[];
  feedback: VisualFeedbackRecord[];
  synthetic: number;
  corpusVariants: number;
  feedbackWeight: number;
  seed: number;
}

/**
 * All samples, split 80/20 into train and held-out. The split is by source item, so the noisy
 * variants of one corpus entry never sit on both sides.
 */
export function buildVisualDataset(opts: VisualDatasetOptions): { train: VisualSample[]; heldOut: VisualSample[] } {
  const rng = createRng(opts.seed);
  const groups: VisualSample[][] = [];
  for (const entry of opts.corpus) {
    if (entry.crisis) continue; // crisis entries never reach the visual stage
    groups.push(
      corpusScoreVariants(entry, opts.corpusVariants, rng).map(({ scores, intensity }) => ({
        scores,
        intensity,
        target: mapEmotionsToVisuals(scores, intensity),
        source: 'corpus' as const,
        weight: 1,
      })),
    );
  }
  for (let i = 0; i < opts.synthetic; i++) {
    const { scores, intensity } = syntheticMixture(rng);
    groups.push([{ scores, intensity, target: mapEmotionsToVisuals(scores, intensity), source: 'synthetic', weight: 1 }]);
  }
  for (const f of opts.feedback)
    groups.push([{ scores: f.scores, intensity: f.intensity, target: f.adjusted, source: 'feedback', weight: opts.feedbackWeight }]);
  shuffle(groups, rng);
  const cut = Math.round(groups.length * 0.8);
  return { train: shuffle(groups.slice(0, cut).flat(), rng), heldOut: groups.slice(cut).flat() };
}
