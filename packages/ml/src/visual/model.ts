/**
 * Model 3: emotion scores + intensity → six visual parameters (0..1), a 12→128→64→32→6 MLP
 * distilled from the documented mapping (./mapping) and people's slider corrections.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { VISUAL_PARAMS, type EmotionAnalysis, type StudioScores, type VisualParam, type VisualParams } from '@studio/core';
import type { VisualModel } from '@studio/core/pipeline';
import { repoPath } from '@studio/core/paths';
import { featuresOf, type VisualSample, type VisualSampleSource } from './data';
import { Mlp } from './mlp';

export const VISUAL_MODEL_NAME = 'visual-mlp';
export const VISUAL_MODEL_FILE = 'model.json';

const perParam = z.object(Object.fromEntries(VISUAL_PARAMS.map((p) => [p, z.number()])) as Record<VisualParam, z.ZodNumber>);

export const VisualModelFileSchema = z.object({
  name: z.literal(VISUAL_MODEL_NAME),
  version: z.number().int(),
  trained_at: z.string(),
  inputs: z.array(z.string()),
  outputs: z.array(z.string()),
  network: z.object({ sizes: z.array(z.number().int().positive()), layers: z.array(z.object({ w: z.array(z.number()), b: z.array(z.number()) })) }),
  training: z.record(z.string(), z.unknown()),
  metrics: z.object({ held_out_mae: perParam, held_out_mae_by_source: z.record(z.string(), perParam), held_out_size: z.number().int() }),
});
export type VisualModelFile = z.infer<typeof VisualModelFileSchema>;

export function defaultVisualModelDir(): string {
  return repoPath('models', 'visual');
}

export class VisualMlpModel implements VisualModel {
  constructor(private readonly net: Mlp, readonly file?: VisualModelFile) {}

  predictScores(scores: StudioScores, intensity: number): VisualParams {
    const out = this.net.predict(featuresOf(scores, intensity));
    return Object.fromEntries(VISUAL_PARAMS.map((p, i) => [p, out[i]!])) as VisualParams;
  }

  predict(emotions: EmotionAnalysis): VisualParams {
    return this.predictScores(emotions.scores, emotions.intensity);
  }
}

/** Loads the trained model; throws with the command to run when it has not been trained. */
export function loadVisualModel(dir: string = defaultVisualModelDir()): VisualMlpModel {
  const path = join(dir, VISUAL_MODEL_FILE);
  if (!existsSync(path)) throw new Error(`No visual model at ${path}; run \`npm run train:visual\``);
  const file = VisualModelFileSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
  return new VisualMlpModel(Mlp.fromJson(file.network), file);
}

export interface VisualMetrics {
  mae: VisualParams;
  maeBySource: Partial<Record<VisualSampleSource, VisualParams>>;
  size: number;
}

/** Mean absolute error per parameter, overall and by sample source. */
export function evaluateVisual(model: Pick<VisualMlpModel, 'predictScores'>, samples: VisualSample[]): VisualMetrics {
  const sums = new Map<string, { n: number; err: number[] }>();
  const add = (key: string, err: number[]) => {
    const s = sums.get(key) ?? { n: 0, err: VISUAL_PARAMS.map(() => 0) };
    s.n++;
    err.forEach((e, i) => (s.err[i]! += e));
    sums.set(key, s);
  };
  for (const s of samples) {
    const pred = model.predictScores(s.scores, s.intensity);
    const err = VISUAL_PARAMS.map((p) => Math.abs(pred[p] - s.target[p]));
    add('all', err);
    add(s.source, err);
  }
  const toParams = (key: string): VisualParams => {
    const s = sums.get(key);
    return Object.fromEntries(VISUAL_PARAMS.map((p, i) => [p, s ? s.err[i]! / s.n : 0])) as VisualParams;
  };
  const maeBySource: VisualMetrics['maeBySource'] = {};
  for (const source of ['corpus', 'synthetic', 'feedback'] as const) if (sums.has(source)) maeBySource[source] = toParams(source);
  return { mae: toParams('all'), maeBySource, size: samples.length };
}
