import {
  CRISIS_CATEGORIES,
  GOEMOTIONS_LABELS,
  STUDIO_EMOTIONS,
  PipelineResultSchema,
  type PipelineResult,
} from '@studio/core';

const zeros = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/** A schema-valid pipeline result built by hand, so store tests don't depend on trained models. */
export function sampleResult(crisis = false): PipelineResult {
  const scores = { ...zeros(STUDIO_EMOTIONS), overwhelm: 0.8, anxiety: 0.4 };
  return PipelineResultSchema.parse({
    crisis: {
      is_crisis: crisis,
      risk_score: crisis ? 0.9 : 0.05,
      needs_escalation: crisis,
      categories: { ...zeros(CRISIS_CATEGORIES), suicidal_ideation: crisis ? 0.9 : 0.02 },
      signals: crisis ? [{ id: 'rule:goodbye', category: 'suicidal_ideation', source: 'rule', weight: 0.9, note: 'goodbye' }] : [],
    },
    resources: crisis ? [{ name: '988', contact: 'Call 988', description: 'Lifeline' }] : null,
    emotions: crisis
      ? null
      : {
          scores,
          labels: ['overwhelm', 'anxiety'],
          primary: 'overwhelm',
          secondary: 'anxiety',
          intensity: 0.7,
          intensities: { ...zeros(STUDIO_EMOTIONS), overwhelm: 0.7, anxiety: 0.3 },
          confidence: 0.8,
          goemotions: { ...zeros(GOEMOTIONS_LABELS), nervousness: 0.4 },
          goemotions_labels: ['nervousness'],
        },
    visuals: crisis
      ? null
      : { light_level: 0.3, warmth: 0.4, saturation: 0.5, openness: 0.2, camera_distance: 0.3, contrast: 0.7 },
    scene: crisis
      ? null
      : {
          family: 'ocean',
          metaphor: 'A small boat on a heaving sea',
          objects: [{ description: 'a small boat', location: 'center', relationship: 'alone on the waves' }],
          background_setting: 'open sea under low clouds',
          seed: 7,
          source: 'bank',
        },
    fibo_prompt: crisis
      ? null
      : {
          short_description: 'A small boat on a heaving sea.',
          objects: [{ description: 'a small boat', location: 'center', relationship: 'alone on the waves' }],
          background_setting: 'open sea under low clouds',
          lighting: { conditions: 'overcast', direction: 'diffuse' },
          aesthetics: { composition: 'centered', color_scheme: 'cool greys', mood_atmosphere: 'tense' },
          context: 'a journal illustration',
        },
    image: null,
  });
}

export const sampleImage = (tag: string) => ({
  bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, ...Buffer.from(tag)]),
  info: { id: `img-${tag}`, renderer: 'offline' as const, seed: 7, width: 1024, height: 1024, mime: 'image/png' as const },
});
