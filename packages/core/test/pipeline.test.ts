/** The pipeline's orchestration, with small in-test stages that record what they were asked. */
import { describe, expect, it } from 'vitest';
import { CRISIS_CATEGORIES, GOEMOTIONS_LABELS, STUDIO_EMOTIONS, PipelineResultSchema, type EmotionAnalysis } from '../src/index';
import { analyzeEntry, seedFor, type Stages } from '../src/pipeline';
import { helpResources } from '../src/resources';

const zeros = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

function stages(isCrisis: boolean, calls: string[]): Stages {
  const emotions: EmotionAnalysis = {
    scores: { ...zeros(STUDIO_EMOTIONS), joy: 0.9 },
    labels: ['joy'],
    primary: 'joy',
    secondary: null,
    intensity: 0.6,
    intensities: { ...zeros(STUDIO_EMOTIONS), joy: 0.6 },
    confidence: 0.9,
    goemotions: { ...zeros(GOEMOTIONS_LABELS), joy: 0.9 },
    goemotions_labels: ['joy'],
  };
  return {
    crisis: {
      assess: () => {
        calls.push('crisis');
        return {
          is_crisis: isCrisis,
          risk_score: isCrisis ? 0.95 : 0.01,
          needs_escalation: isCrisis,
          categories: zeros(CRISIS_CATEGORIES),
          signals: [],
        };
      },
    },
    emotions: { analyze: () => (calls.push('emotions'), emotions) },
    visuals: {
      predict: () => (
        calls.push('visuals'),
        { light_level: 0.8, warmth: 0.8, saturation: 0.6, openness: 0.7, camera_distance: 0.6, contrast: 0.4 }
      ),
    },
    scenes: {
      generate: async ({ seed }) => (
        calls.push('scene'),
        { family: 'field', metaphor: 'A field of sunflowers', objects: [], background_setting: 'a field', seed, source: 'bank' as const }
      ),
    },
    prompts: {
      build: ({ visuals, scene }) => (
        calls.push('prompt'),
        {
          short_description: scene.metaphor,
          objects: [],
          background_setting: scene.background_setting,
          lighting: { conditions: `light ${visuals.light_level}`, direction: 'above' },
          aesthetics: { composition: 'wide', color_scheme: 'warm', mood_atmosphere: 'joyful' },
          context: 'test',
        }
      ),
    },
    images: {
      generate: async (_prompt, { seed }) => (
        calls.push('image'),
        { bytes: new Uint8Array([1]), info: { id: 'i', renderer: 'offline', seed, width: 8, height: 8, mime: 'image/png' } }
      ),
    },
    resources: helpResources,
  };
}

describe('analyzeEntry', () => {
  it('runs every stage top-down and returns a valid result', async () => {
    const calls: string[] = [];
    const { result, image } = await analyzeEntry('a good day', stages(false, calls), { seed: 4 });
    expect(calls).toEqual(['crisis', 'emotions', 'visuals', 'scene', 'prompt', 'image']);
    expect(PipelineResultSchema.parse(result).scene?.seed).toBe(4);
    expect(result.resources).toBeNull();
    expect(image?.info.seed).toBe(4);
  });

  it('stops at the crisis gate: resources, no emotions, no scene, no image', async () => {
    const calls: string[] = [];
    const { result, image } = await analyzeEntry('…', stages(true, calls), { region: 'UK' });
    expect(calls).toEqual(['crisis']);
    expect(result.resources?.[0]?.name).toBe('Samaritans');
    expect([result.emotions, result.scene, result.fibo_prompt, result.image, image]).toEqual([null, null, null, null, null]);
  });

  it('applies slider overrides over the model and can skip rendering', async () => {
    const calls: string[] = [];
    const { result } = await analyzeEntry('a good day', stages(false, calls), { overrides: { light_level: 0.1 }, render: false });
    expect(result.visuals?.light_level).toBe(0.1);
    expect(result.visuals?.warmth).toBe(0.8);
    expect(result.fibo_prompt?.lighting.conditions).toBe('light 0.1');
    expect(result.image).toBeNull();
    expect(calls).not.toContain('image');
  });

  it('derives a stable default seed from the text', () => {
    expect(seedFor('same words')).toBe(seedFor('same words'));
    expect(seedFor('same words')).not.toBe(seedFor('other words'));
    expect(seedFor('x')).toBeGreaterThanOrEqual(0);
  });
});
