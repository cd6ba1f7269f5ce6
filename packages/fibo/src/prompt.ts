/**
 * Builds the FIBO v1 structured prompt from the visual parameters, the scene and the emotions.
 *
 * Every visual parameter writes only the fields listed in GOVERNED_FIELDS (plus short_description,
 * which summarises them all), so a slider change refines the image the way Bria's refine flow does:
 * same scene, same seed, only the governed attributes move.
 */
import {
  FIBO_OBJECT_KEYS,
  FIBO_TOP_LEVEL_KEYS,
  FiboStructuredPromptSchema,
  type EmotionAnalysis,
  type FiboObject,
  type FiboStructuredPrompt,
  type Scene,
  type StudioEmotion,
  type VisualParams,
} from '@studio/core';
import type { PromptBuilder } from '@studio/core/pipeline';
import { nearestLevel, phraseFor, SECONDARY_SCALES } from './vocabulary';

export interface PromptInput {
  emotions: EmotionAnalysis;
  visuals: VisualParams;
  scene: Scene;
}

export const SHORT_DESCRIPTION_MAX_WORDS = 200;
/** Leaves room for the lighting, colour, framing and mood sentences (at most ~45 words). */
const METAPHOR_MAX_WORDS = 140;
export const ARTISTIC_STYLE = 'atmospheric symbolic realism';
export const STYLE_MEDIUM = 'digital painting';
export const PROMPT_CONTEXT =
  'A symbolic image for a private journal entry: the feeling is shown as a metaphorical scene, not as a literal event. No text, no logos.';

/** Mood words per emotion at mild, clear and strong intensity, and a noun for mixing in a secondary feeling. */
export const EMOTION_MOOD: Readonly<Record<StudioEmotion, { levels: [string, string, string]; noun: string }>> = {
  anxiety: { levels: ['faintly uneasy', 'restless and tense', 'tight with dread'], noun: 'unease' },
  sadness: { levels: ['wistful', 'melancholic and heavy', 'deeply sorrowful'], noun: 'sorrow' },
  anger: { levels: ['irritable', 'simmering with anger', 'stormy and furious'], noun: 'anger' },
  joy: { levels: ['lightly cheerful', 'joyful and warm', 'exuberant, overflowing with joy'], noun: 'joy' },
  fear: { levels: ['wary', 'fearful and watchful', 'gripped by fear'], noun: 'fear' },
  disgust: { levels: ['faintly sour', 'repelled and uneasy', 'thick with revulsion'], noun: 'revulsion' },
  surprise: { levels: ['curious', 'startled and alert', 'astonished'], noun: 'surprise' },
  hope: { levels: ['tentatively hopeful', 'hopeful and expectant', 'bright with hope'], noun: 'hope' },
  overwhelm: { levels: ['stretched thin', 'overwhelmed and crowded', 'engulfed and overwhelmed'], noun: 'overwhelm' },
  peace: { levels: ['quiet', 'calm and still', 'serene, deeply at peace'], noun: 'calm' },
  confusion: { levels: ['unsettled', 'uncertain and hazy', 'lost in a fog of confusion'], noun: 'uncertainty' },
};

export function moodFor(emotions: EmotionAnalysis): string {
  const { levels } = EMOTION_MOOD[emotions.primary];
  const main = levels[emotions.intensity < 0.4 ? 0 : emotions.intensity < 0.75 ? 1 : 2];
  return emotions.secondary && emotions.secondary !== emotions.primary
    ? `${main}, with an undercurrent of ${EMOTION_MOOD[emotions.secondary].noun}`
    : main;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const sentence = (s: string) => capitalise(s.trim().replace(/[.\s]+$/, '')) + '.';

function limitWords(s: string, max: number): string {
  const words = s.trim().split(/\s+/);
  return words.length <= max ? s.trim() : words.slice(0, max).join(' ');
}

/** The visual-parameter-governed fields, each from its own parameter only. */
export function governedFields(v: VisualParams) {
  return {
    lighting: {
      conditions: phraseFor('light_level', v.light_level),
      direction: nearestLevel(SECONDARY_SCALES.light_direction, v.light_level).phrase,
      shadows: phraseFor('contrast', v.contrast),
    },
    color_scheme: `${phraseFor('warmth', v.warmth)}, ${phraseFor('saturation', v.saturation)}`,
    composition: `${phraseFor('camera_distance', v.camera_distance)}, ${phraseFor('openness', v.openness)}`,
    photographic_characteristics: {
      depth_of_field: nearestLevel(SECONDARY_SCALES.depth_of_field, v.openness).phrase,
      focus: nearestLevel(SECONDARY_SCALES.focus, v.camera_distance).phrase,
      camera_angle: nearestLevel(SECONDARY_SCALES.camera_angle, v.openness).phrase,
      lens_focal_length: nearestLevel(SECONDARY_SCALES.lens_focal_length, v.camera_distance).phrase,
    },
  };
}

/**
 * At most five objects, each with the required fields filled: a blank location or relationship
 * (possible from a free-form backend) would otherwise be pruned away and break the schema.
 */
function completeObjects(objects: readonly FiboObject[]): FiboObject[] {
  return objects
    .filter((o) => o.description.trim() !== '')
    .slice(0, 5)
    .map((o) => ({
      ...o,
      location: o.location.trim() || 'center of the frame',
      relationship: o.relationship.trim() || 'part of the scene',
    }));
}

export function buildFiboPrompt({ emotions, visuals, scene }: PromptInput): FiboStructuredPrompt {
  const g = governedFields(visuals);
  const mood = moodFor(emotions);
  // The metaphor is cut first, so the summary of every visual parameter always fits the limit.
  const short_description = limitWords(
    [
      sentence(limitWords(scene.metaphor, METAPHOR_MAX_WORDS)),
      sentence(`${g.lighting.conditions}, ${g.lighting.shadows}`),
      sentence(g.color_scheme),
      sentence(g.composition),
      sentence(`the mood is ${mood}`),
    ].join(' '),
    SHORT_DESCRIPTION_MAX_WORDS,
  );
  return canonicalize({
    short_description,
    objects: completeObjects(scene.objects),
    background_setting: scene.background_setting,
    lighting: g.lighting,
    aesthetics: {
      composition: g.composition,
      color_scheme: g.color_scheme,
      mood_atmosphere: mood,
      preference_score: 'very high',
      aesthetic_score: 'very high',
    },
    photographic_characteristics: g.photographic_characteristics,
    style_medium: STYLE_MEDIUM,
    context: PROMPT_CONTEXT,
    artistic_style: ARTISTIC_STYLE,
  });
}

export function createPromptBuilder(): PromptBuilder {
  return { build: buildFiboPrompt };
}

// ── Canonical form, as FIBO serialises a prompt before sending it ───────────────────────

const shape = FiboStructuredPromptSchema.shape;
const NESTED_KEYS: Readonly<Record<string, readonly string[]>> = {
  lighting: Object.keys(shape.lighting.shape),
  aesthetics: Object.keys(shape.aesthetics.shape),
  photographic_characteristics: Object.keys(shape.photographic_characteristics.unwrap().shape),
};

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Drops null, undefined, blank strings, and arrays/objects left empty, recursively. */
function prune(value: unknown, order?: readonly string[]): unknown {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if (Array.isArray(value)) {
    const items = value.map((v) => prune(v, isPlainObject(v) ? FIBO_OBJECT_KEYS : undefined)).filter((v) => v !== undefined);
    return items.length ? items : undefined;
  }
  if (isPlainObject(value)) {
    // Known keys first in canonical order, any others after them in their own order.
    const keys = [...(order ?? []).filter((k) => k in value), ...Object.keys(value).filter((k) => !order?.includes(k))];
    const out: Record<string, unknown> = {};
    for (const k of keys) {
      const v = prune(value[k], NESTED_KEYS[k]);
      if (v !== undefined) out[k] = v;
    }
    return Object.keys(out).length ? out : undefined;
  }
  return value;
}

/**
 * FIBO's canonical form, as its prepare_clean_caption does before generation: top-level keys in canonical
 * order, unknown top-level keys dropped, null and empty values removed recursively. Nested keys are also put
 * in schema order (objects' keys as FIBO_OBJECT_KEYS), and blank strings count as empty. FIBO's clean_json
 * also grades both aesthetics scores "very high"; our builder writes them so, and prompts from elsewhere
 * keep the scores they carry.
 */
export function canonicalize(prompt: FiboStructuredPrompt | Record<string, unknown>): FiboStructuredPrompt {
  const source = prompt as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of FIBO_TOP_LEVEL_KEYS) {
    const v = key === 'objects' ? prune(source[key]) : prune(source[key], NESTED_KEYS[key]);
    // The schema requires the object list even when a scene has no foreground objects.
    if (v !== undefined || key === 'objects') out[key] = v ?? [];
  }
  return out as FiboStructuredPrompt;
}

/** The compact JSON string Bria's API takes as `structured_prompt`. */
export function toApiString(prompt: FiboStructuredPrompt | Record<string, unknown>): string {
  return JSON.stringify(canonicalize(prompt));
}
