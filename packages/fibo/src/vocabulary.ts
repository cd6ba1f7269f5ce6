/**
 * The phrase vocabulary that carries the six visual parameters inside a FIBO structured prompt.
 *
 * Each parameter has a nine-step scale (0, 0.125, …, 1); the prompt builder writes the phrase of the
 * nearest step into the field the parameter governs, and `visualHintsFromPrompt` reads it back, so any
 * prompt we emit carries its visual parameters to within ±0.0625 — enough for the offline renderer,
 * which imports this table, to honour them when all it has is the prompt JSON.
 * Phrases are unique per scale and none contains another, so parsing is unambiguous (tested).
 */
import { VISUAL_PARAMS, type FiboStructuredPrompt, type VisualParam, type VisualParams } from '@studio/core';

export interface PhraseLevel {
  value: number;
  phrase: string;
}

const levels = (phrases: readonly string[]): readonly PhraseLevel[] =>
  phrases.map((phrase, i) => ({ value: i / (phrases.length - 1), phrase }));

export const PHRASE_SCALES: Readonly<Record<VisualParam, readonly PhraseLevel[]>> = {
  /** lighting.conditions */
  light_level: levels([
    'near darkness with one faint glow',
    'deep night gloom',
    'dim, low-key light',
    'subdued overcast light',
    'soft, even daylight',
    'clear morning light',
    'bright open daylight',
    'radiant sunlight',
    'luminous, high-key brilliance',
  ]),
  /** aesthetics.color_scheme, first clause */
  warmth: levels([
    'icy blue and steel-grey palette',
    'cold blue and slate palette',
    'cool blue-grey palette',
    'cool teal and silver palette',
    'neutral, balanced palette',
    'soft peach and sand palette',
    'warm amber and honey palette',
    'golden orange and amber palette',
    'fiery red-gold palette',
  ]),
  /** aesthetics.color_scheme, second clause */
  saturation: levels([
    'almost monochrome, colour drained away',
    'heavily desaturated colours',
    'muted, washed-out colours',
    'gently muted colours',
    'natural colour saturation',
    'rich colours',
    'vivid, saturated colours',
    'intensely saturated colours',
    'hyper-saturated, electric colours',
  ]),
  /** aesthetics.composition, second clause */
  openness: levels([
    'walls closing in, no sky visible',
    'enclosed, cramped space',
    'confined space with little room',
    'partly enclosed space',
    'balanced space around the subject',
    'some open space and sky',
    'generous open space',
    'wide open horizon with ample negative space',
    'vast, boundless open space',
  ]),
  /** aesthetics.composition, first clause */
  camera_distance: levels([
    'extreme close-up',
    'tight close-up',
    'close-up framing',
    'medium close shot',
    'medium shot',
    'medium-wide shot',
    'wide establishing shot',
    'distant long shot',
    'extreme long shot from far away',
  ]),
  /** lighting.shadows */
  contrast: levels([
    'no visible shadows, flat and hazy',
    'faint, diffuse shadows',
    'soft, gentle shadows',
    'mild, soft-edged shadows',
    'moderate shadows with clear shape',
    'defined shadows with crisp edges',
    'strong, hard-edged shadows',
    'deep, dramatic shadows',
    'stark chiaroscuro with pitch-black shadows',
  ]),
};

/** Coarser scales for the secondary fields a parameter also governs (not parsed back). */
export const SECONDARY_SCALES = {
  /** lighting.direction, from light_level */
  light_direction: levels([
    'a single faint source low on one side',
    'diffuse light filtering down through cloud',
    'soft side light',
    'light from above and slightly behind',
    'bright light from above, filling the scene',
  ]),
  /** photographic_characteristics.lens_focal_length, from camera_distance */
  lens_focal_length: levels(['100mm macro lens', '85mm portrait lens', '50mm standard lens', '35mm lens', '24mm wide-angle lens']),
  /** photographic_characteristics.focus, from camera_distance */
  focus: levels([
    'sharp focus on the subject, fine detail visible',
    'sharp focus on the subject',
    'focus on the subject within its surroundings',
  ]),
  /** photographic_characteristics.depth_of_field, from openness */
  depth_of_field: levels([
    'very shallow, background melting into blur',
    'shallow',
    'moderate',
    'deep',
    'very deep, sharp all the way to the horizon',
  ]),
  /** photographic_characteristics.camera_angle, from openness */
  camera_angle: levels([
    'slightly high angle looking down',
    'eye level',
    'low angle looking up towards the open sky',
  ]),
} as const satisfies Record<string, readonly PhraseLevel[]>;

/** Dot paths of the prompt fields each parameter governs; a slider change touches only these and short_description. */
export const GOVERNED_FIELDS: Readonly<Record<VisualParam, readonly string[]>> = {
  light_level: ['lighting.conditions', 'lighting.direction'],
  contrast: ['lighting.shadows'],
  warmth: ['aesthetics.color_scheme'],
  saturation: ['aesthetics.color_scheme'],
  openness: ['aesthetics.composition', 'photographic_characteristics.depth_of_field', 'photographic_characteristics.camera_angle'],
  camera_distance: ['aesthetics.composition', 'photographic_characteristics.lens_focal_length', 'photographic_characteristics.focus'],
};

/** The step of a scale nearest to a value. */
export function nearestLevel(scale: readonly PhraseLevel[], value: number): PhraseLevel {
  let best = scale[0]!;
  for (const level of scale) if (Math.abs(level.value - value) < Math.abs(best.value - value)) best = level;
  return best;
}

export function phraseFor(param: VisualParam, value: number): string {
  return nearestLevel(PHRASE_SCALES[param], value).phrase;
}

/** The value of the longest phrase of `param`'s scale found in `text`, if any. */
export function valueOfPhrase(param: VisualParam, text: string | undefined): number | undefined {
  if (!text) return undefined;
  const lower = text.toLowerCase();
  let best: PhraseLevel | undefined;
  for (const level of PHRASE_SCALES[param])
    if (lower.includes(level.phrase.toLowerCase()) && (!best || level.phrase.length > best.phrase.length)) best = level;
  return best?.value;
}

/** Where each parameter's primary phrase lives in a prompt. */
const PRIMARY_FIELD: Readonly<Record<VisualParam, (p: FiboStructuredPrompt) => string | undefined>> = {
  light_level: (p) => p.lighting?.conditions,
  contrast: (p) => p.lighting?.shadows,
  warmth: (p) => p.aesthetics?.color_scheme,
  saturation: (p) => p.aesthetics?.color_scheme,
  openness: (p) => p.aesthetics?.composition,
  camera_distance: (p) => p.aesthetics?.composition,
};

/**
 * Visual parameters recovered from a prompt's phrases (to ±0.0625 for prompts we built); parameters
 * whose phrases are absent, e.g. in a hand-written prompt, are left out.
 */
export function visualHintsFromPrompt(prompt: FiboStructuredPrompt): Partial<VisualParams> {
  const hints: Partial<VisualParams> = {};
  for (const param of VISUAL_PARAMS) {
    const value = valueOfPhrase(param, PRIMARY_FIELD[param](prompt));
    if (value !== undefined) hints[param] = value;
  }
  return hints;
}
