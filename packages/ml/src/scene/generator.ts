/**
 * Model 2: emotions → a symbolic scene (metaphor sentence, up to five FIBO objects, background).
 * The learned sampler (./sampler) draws a family and its elements from the bank, seeded and with a
 * temperature; an optional OpenAI-compatible chat backend writes free-form metaphors instead, and
 * any failure there (network, schema, safety) falls back to the bank. Every scene passes the
 * safety filter before it leaves this module.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { SceneSchema, type EmotionAnalysis, type FiboObject, type Scene } from '@studio/core';
import { env } from '@studio/core/env';
import { repoPath } from '@studio/core/paths';
import type { SceneGenerator } from '@studio/core/pipeline';
import { rng as createRng } from '@studio/core/random';
import { defaultSceneDataDir, loadSceneBank, type BankObject, type SceneFamily } from './bank';
import { llmScene, type LlmConfig } from './llm';
import { isSceneSafe } from './safety';
import { SceneSampler, SceneSamplerParamsSchema, type SceneInput } from './sampler';

export const SCENE_MODEL_NAME = 'scene-sampler';
export const SCENE_MODEL_FILE = 'model.json';
export const DEFAULT_TEMPERATURE = 1;
/** Redraws allowed when a composed scene trips the safety filter (the bank is tested to need none). */
const MAX_DRAWS = 25;

export const SceneModelFileSchema = z.object({
  name: z.literal(SCENE_MODEL_NAME),
  version: z.number().int(),
  trained_at: z.string(),
  params: SceneSamplerParamsSchema,
  training: z.record(z.string(), z.unknown()),
  metrics: z.record(z.string(), z.unknown()),
});
export type SceneModelFile = z.infer<typeof SceneModelFileSchema>;

export function defaultSceneModelDir(): string {
  return repoPath('models', 'scene');
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** "a pair of gulls" → "the pair of gulls", so details can refer to the subject by name. */
function definite(text: string): string {
  return `the ${text.replace(/^(a|an|the)\s+/i, '')}`;
}

function toObject(el: BankObject, subjectName: string, action?: string): FiboObject {
  return {
    description: el.description ?? capitalise(el.text),
    location: el.location,
    relationship: el.relationship.replace(/\bthe subject\b/g, subjectName),
    relative_size: el.relative_size,
    ...(el.number_of_objects ? { number_of_objects: el.number_of_objects } : {}),
    ...(action ? { action } : {}),
  };
}

/**
 * Elements are drawn at this fraction of the temperature: the family choice carries the variety,
 * while sharper element choices keep each scene coherent with the feeling (fewer storms for joy).
 */
export const ELEMENT_TEMPERATURE_SCALE = 0.6;

/** One draw from the bank: family, then setting, subject, motion, weather, light and 1–3 details. */
export function drawBankScene(sampler: SceneSampler, x: SceneInput, seed: number, temperature: number): Scene {
  const rng = createRng(seed);
  const t = temperature * ELEMENT_TEMPERATURE_SCALE;
  for (let attempt = 0; attempt < MAX_DRAWS; attempt++) {
    const family: SceneFamily = sampler.pickFamily(x, rng, temperature);
    const [setting] = sampler.pick(x, family, 'settings', rng, t);
    const [subject] = sampler.pick(x, family, 'subjects', rng, t, 1, setting);
    const [motion] = sampler.pick(x, family, 'motion', rng, t, 1, setting);
    const [weather] = sampler.pick(x, family, 'weather', rng, t, 1, setting);
    const [light] = sampler.pick(x, family, 'light', rng, t, 1, setting);
    const detailCount = 1 + (rng() < 0.7 ? 1 : 0) + (rng() < 0.3 ? 1 : 0);
    const details = sampler.pick(x, family, 'details', rng, t, detailCount, setting);
    const subjectName = definite(subject!.text);
    const scene: Scene = {
      family: family.family,
      metaphor: `${capitalise(subject!.text)} ${motion!.text} ${setting!.text} ${weather!.text}`,
      objects: [toObject(subject!, subjectName, motion!.action), ...details.map((d) => toObject(d, subjectName))],
      background_setting: `${setting!.background}, ${weather!.text}, lit by ${light!.text}`,
      weather: weather!.text,
      light: light!.text,
      motion: motion!.action,
      seed,
      source: 'bank',
    };
    if (isSceneSafe(scene)) return SceneSchema.parse(scene);
  }
  throw new Error(`No safe scene after ${MAX_DRAWS} draws; check the scene bank against the safety filter`);
}

export interface SceneGeneratorOptions {
  /** Free-form backend; defaults to LLM_BASE_URL / LLM_MODEL / LLM_API_KEY, null turns it off. */
  llm?: LlmConfig | null;
  temperature?: number;
  modelDir?: string;
  dataDir?: string;
  fetch?: typeof fetch;
}

export class BankSceneGenerator implements SceneGenerator {
  /** Why the last free-form attempt fell back to the bank (no journal text, just the error). */
  lastFallback: string | null = null;

  constructor(
    readonly sampler: SceneSampler,
    readonly temperature: number,
    private readonly llm: LlmConfig | null,
    private readonly fetchImpl: typeof fetch,
  ) {}

  generateFromBank(input: { emotions: Pick<EmotionAnalysis, 'scores' | 'intensity'>; seed: number }): Scene {
    return drawBankScene(this.sampler, { scores: input.emotions.scores, intensity: input.emotions.intensity }, input.seed, this.temperature);
  }

  /** The pipeline stage. Visual params are the prompt builder's business; the scene depends on emotions and seed. */
  async generate(input: Parameters<SceneGenerator['generate']>[0]): Promise<Scene> {
    if (this.llm) {
      const result = await llmScene(this.llm, input, this.fetchImpl);
      if ('scene' in result) {
        this.lastFallback = null;
        return result.scene;
      }
      this.lastFallback = result.error;
    }
    return this.generateFromBank(input);
  }
}

function llmFromEnv(): LlmConfig | null {
  const e = env();
  return e.LLM_BASE_URL ? { baseUrl: e.LLM_BASE_URL, model: e.LLM_MODEL, ...(e.LLM_API_KEY ? { apiKey: e.LLM_API_KEY } : {}) } : null;
}

export function loadSceneModelFile(dir: string = defaultSceneModelDir()): SceneModelFile {
  const path = join(dir, SCENE_MODEL_FILE);
  if (!existsSync(path)) throw new Error(`No scene model at ${path}; run \`npm run train:scene\``);
  return SceneModelFileSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
}

export function loadSceneGenerator(opts: SceneGeneratorOptions = {}): BankSceneGenerator {
  const bank = loadSceneBank(opts.dataDir ?? defaultSceneDataDir());
  const file = loadSceneModelFile(opts.modelDir);
  return new BankSceneGenerator(
    new SceneSampler(bank, file.params),
    opts.temperature ?? DEFAULT_TEMPERATURE,
    opts.llm === undefined ? llmFromEnv() : opts.llm,
    opts.fetch ?? fetch,
  );
}
