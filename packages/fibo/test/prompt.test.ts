import { describe, expect, it } from 'vitest';
import {
  FIBO_OBJECT_KEYS,
  FIBO_TOP_LEVEL_KEYS,
  FiboStructuredPromptSchema,
  GOEMOTIONS_LABELS,
  STUDIO_EMOTIONS,
  VISUAL_PARAMS,
  type EmotionAnalysis,
  type FiboObject,
  type Scene,
  type VisualParams,
} from '@studio/core';
import { buildFiboPrompt, canonicalize, createPromptBuilder, toApiString } from '@studio/fibo/prompt';
import { GOVERNED_FIELDS, PHRASE_SCALES, visualHintsFromPrompt } from '@studio/fibo/vocabulary';

function rngOf(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (Math.imul(a, 1664525) + 1013904223) >>> 0;
    return a / 4294967296;
  };
}
type Rng = ReturnType<typeof rngOf>;
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
const WORDS = ['quiet', 'grey', 'harbour', 'lantern', 'wave', 'a', 'of', 'under', 'golden', 'small', 'field', 'cloud', 'with', 'the'];
const words = (rng: Rng, n: number) => Array.from({ length: n }, () => pick(rng, WORDS)).join(' ');

function randomEmotions(rng: Rng): EmotionAnalysis {
  const scores = Object.fromEntries(STUDIO_EMOTIONS.map((e) => [e, rng()])) as EmotionAnalysis['scores'];
  const primary = pick(rng, STUDIO_EMOTIONS);
  const secondary = rng() < 0.5 ? null : pick(rng, STUDIO_EMOTIONS);
  return {
    scores,
    labels: [primary],
    primary,
    secondary,
    intensity: rng(),
    intensities: scores,
    confidence: rng(),
    goemotions: Object.fromEntries(GOEMOTIONS_LABELS.map((g) => [g, rng()])) as EmotionAnalysis['goemotions'],
    goemotions_labels: [],
  };
}

function randomVisuals(rng: Rng): VisualParams {
  return Object.fromEntries(VISUAL_PARAMS.map((p) => [p, rng()])) as VisualParams;
}

function randomScene(rng: Rng): Scene {
  const objects: FiboObject[] = Array.from({ length: Math.floor(rng() * 6) }, () => ({
    description: words(rng, 1 + Math.floor(rng() * 12)),
    location: pick(rng, ['center', 'lower left', 'upper right', 'background', '']),
    relationship: words(rng, 3),
    ...(rng() < 0.5 ? { relative_size: pick(rng, ['small', 'medium', 'large within frame']) } : {}),
    ...(rng() < 0.3 ? { number_of_objects: 1 + Math.floor(rng() * 4) } : {}),
    ...(rng() < 0.3 ? { texture: '' } : {}),
  }));
  return {
    family: 'test',
    // Occasionally far past the 200-word limit, as a free-form LLM metaphor could be.
    metaphor: words(rng, rng() < 0.05 ? 260 : 4 + Math.floor(rng() * 20)),
    objects,
    background_setting: words(rng, 6),
    seed: Math.floor(rng() * 1e6),
    source: rng() < 0.8 ? 'bank' : 'llm',
  };
}

const get = (obj: unknown, path: string): unknown => path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], obj);

/** Every leaf path of a prompt (objects compared as a whole). */
function leafPaths(obj: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    v && typeof v === 'object' && !Array.isArray(v) ? leafPaths(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

const wordCount = (s: string) => s.trim().split(/\s+/).filter(Boolean).length;

describe('FIBO prompt builder', () => {
  it('emits schema-valid, canonical prompts for 3000 random inputs', () => {
    const rng = rngOf(42);
    const builder = createPromptBuilder();
    for (let i = 0; i < 3000; i++) {
      const input = { emotions: randomEmotions(rng), visuals: randomVisuals(rng), scene: randomScene(rng) };
      const prompt = builder.build(input);
      const parsed = FiboStructuredPromptSchema.safeParse(prompt);
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
      expect(wordCount(prompt.short_description)).toBeLessThanOrEqual(200);
      expect(wordCount(prompt.artistic_style ?? '')).toBeLessThanOrEqual(3);
      expect(prompt.objects.length).toBeLessThanOrEqual(5);
      const keys = Object.keys(prompt);
      expect(keys).toEqual(FIBO_TOP_LEVEL_KEYS.filter((k) => keys.includes(k)));
      for (const o of prompt.objects) {
        const ok = Object.keys(o);
        expect(ok).toEqual(FIBO_OBJECT_KEYS.filter((k) => ok.includes(k)));
        for (const v of Object.values(o)) expect(v === '' || v === null).toBe(false);
      }
      expect(JSON.parse(toApiString(prompt))).toEqual(prompt);
      expect(toApiString(canonicalize(prompt))).toBe(toApiString(prompt));
      expect(prompt.short_description.startsWith(input.scene.metaphor.split(' ')[0]!.replace(/^./, (c) => c.toUpperCase()))).toBe(true);
    }
  });

  it('carries every visual parameter to within one half-step (±0.0625) through its phrases', () => {
    const rng = rngOf(7);
    for (let i = 0; i < 2000; i++) {
      const visuals = randomVisuals(rng);
      const hints = visualHintsFromPrompt(buildFiboPrompt({ emotions: randomEmotions(rng), visuals, scene: randomScene(rng) }));
      for (const p of VISUAL_PARAMS) expect(Math.abs(hints[p]! - visuals[p]), p).toBeLessThanOrEqual(0.0625 + 1e-9);
    }
  });

  it('slider refine: changing one parameter changes only the fields it governs and short_description', () => {
    const rng = rngOf(99);
    for (let i = 0; i < 300; i++) {
      const base = { emotions: randomEmotions(rng), visuals: randomVisuals(rng), scene: randomScene(rng) };
      const before = buildFiboPrompt(base);
      for (const param of VISUAL_PARAMS) {
        const moved = { ...base, visuals: { ...base.visuals, [param]: (base.visuals[param] + 0.5) % 1 } };
        const after = buildFiboPrompt(moved);
        const changed = leafPaths({ ...before, ...after }).filter((p) => JSON.stringify(get(before, p)) !== JSON.stringify(get(after, p)));
        const allowed = new Set([...GOVERNED_FIELDS[param], 'short_description']);
        expect(changed.filter((p) => !allowed.has(p)), param).toEqual([]);
        expect(changed, param).toContain(GOVERNED_FIELDS[param][0]);
        expect(changed, param).toContain('short_description');
        expect(after.objects).toEqual(before.objects);
      }
    }
  });

  it('maps the parameters in the documented direction', () => {
    const rng = rngOf(3);
    const input = { emotions: randomEmotions(rng), scene: randomScene(rng) };
    const mid = randomVisuals(rng);
    const dark = buildFiboPrompt({ ...input, visuals: { ...mid, light_level: 0.05, contrast: 0.95, warmth: 0.05 } });
    const bright = buildFiboPrompt({ ...input, visuals: { ...mid, light_level: 0.95, contrast: 0.05, warmth: 0.95 } });
    expect(dark.lighting.conditions).toMatch(/dark/);
    expect(dark.lighting.shadows).toMatch(/chiaroscuro/);
    expect(dark.aesthetics.color_scheme).toMatch(/blue/);
    expect(bright.lighting.conditions).toMatch(/high-key/);
    expect(bright.aesthetics.color_scheme).toMatch(/red-gold/);
    const close = buildFiboPrompt({ ...input, visuals: { ...mid, camera_distance: 0, openness: 0 } });
    const far = buildFiboPrompt({ ...input, visuals: { ...mid, camera_distance: 1, openness: 1 } });
    expect(close.aesthetics.composition).toMatch(/close-up.*no sky/);
    expect(close.photographic_characteristics?.depth_of_field).toMatch(/shallow/);
    expect(far.aesthetics.composition).toMatch(/long shot.*boundless/);
    expect(far.photographic_characteristics?.lens_focal_length).toMatch(/wide-angle/);
  });

  it('names the primary emotion, its strength and the secondary feeling in the mood', () => {
    const rng = rngOf(5);
    const emotions = { ...randomEmotions(rng), primary: 'sadness' as const, secondary: 'hope' as const, intensity: 0.9 };
    const prompt = buildFiboPrompt({ emotions, visuals: randomVisuals(rng), scene: randomScene(rng) });
    expect(prompt.aesthetics.mood_atmosphere).toBe('deeply sorrowful, with an undercurrent of hope');
  });
});

describe('vocabulary', () => {
  it('has unambiguous phrase scales, also across parameters that share a field', () => {
    const contains = (a: string, b: string) => a !== b && a.toLowerCase().includes(b.toLowerCase());
    const groups = [['light_level'], ['contrast'], ['warmth', 'saturation'], ['openness', 'camera_distance']] as const;
    for (const group of groups) {
      const phrases = group.flatMap((p) => PHRASE_SCALES[p].map((l) => l.phrase));
      expect(new Set(phrases).size).toBe(phrases.length);
      for (const a of phrases) for (const b of phrases) expect(contains(a, b), `${a} ⊃ ${b}`).toBe(false);
    }
  });
});

describe('canonicalize', () => {
  it('orders keys, drops unknown top-level keys and removes null and empty values', () => {
    const messy = {
      extra_field: 'dropped',
      context: 'ctx',
      aesthetics: { mood_atmosphere: 'calm', color_scheme: 'blue', composition: 'centered', aesthetic_score: '' },
      lighting: { shadows: null, direction: 'above', conditions: 'soft' },
      text_render: [],
      objects: [{ relationship: 'alone', texture: '', location: 'center', description: 'a boat', pose: null }],
      background_setting: 'sea',
      short_description: 'A boat.',
      photographic_characteristics: { focus: ' ', depth_of_field: '', camera_angle: '', lens_focal_length: '' },
    };
    const c = canonicalize(messy);
    expect(toApiString(c)).toBe(
      '{"short_description":"A boat.","objects":[{"description":"a boat","location":"center","relationship":"alone"}],' +
        '"background_setting":"sea","lighting":{"conditions":"soft","direction":"above"},' +
        '"aesthetics":{"composition":"centered","color_scheme":"blue","mood_atmosphere":"calm"},"context":"ctx"}',
    );
    expect(FiboStructuredPromptSchema.safeParse(c).success).toBe(true);
  });
});
