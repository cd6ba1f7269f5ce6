/**
 * FIBO's canonical form of a structured prompt, as Bria's FIBO code prepares one before use: top-level and object keys
 * in schema order, unknown top-level keys dropped, null/empty values removed, both aesthetic scores "very high", and a
 * compact JSON string on the wire.
 */
import {
  FIBO_OBJECT_KEYS,
  FIBO_TOP_LEVEL_KEYS,
  FiboStructuredPromptSchema,
  type FiboStructuredPrompt,
} from '@studio/core/contracts';
import { isRecord } from './errors';

const SCORE_KEYS = ['preference_score', 'aesthetic_score'] as const;
const AESTHETICS_KEYS = ['composition', 'color_scheme', 'mood_atmosphere', ...SCORE_KEYS];
const PHOTO_KEYS = ['depth_of_field', 'focus', 'camera_angle', 'lens_focal_length'];
const LIGHTING_KEYS = ['conditions', 'direction', 'shadows'];

function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  if (isRecord(value)) return Object.keys(value).length === 0;
  return false;
}

/** Removes null/empty values recursively, keeping known keys first in `order` and any others after them. */
function clean(value: unknown, order?: readonly string[]): unknown {
  if (Array.isArray(value)) return value.map((v) => clean(v)).filter((v) => !isEmpty(v));
  if (!isRecord(value)) return value;
  const keys = order ? [...order, ...Object.keys(value).filter((k) => !order.includes(k))] : Object.keys(value);
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    if (!(key in value)) continue;
    const cleaned = clean(value[key]);
    if (!isEmpty(cleaned)) out[key] = cleaned;
  }
  return out;
}

function ordered(value: unknown, order: readonly string[]): unknown {
  return isRecord(value) ? clean(value, order) : clean(value);
}

/** Canonical form of anything prompt-shaped; a JSON string is parsed first. Does not validate. */
export function canonicalisePrompt(input: unknown): unknown {
  const raw = typeof input === 'string' ? (JSON.parse(input) as unknown) : input;
  if (!isRecord(raw)) return raw;
  const out: Record<string, unknown> = {};
  for (const key of FIBO_TOP_LEVEL_KEYS) {
    let value: unknown = raw[key];
    if (key === 'objects' && Array.isArray(value)) value = value.map((o) => canonicalObject(o));
    else if (key === 'lighting') value = ordered(value, LIGHTING_KEYS);
    else if (key === 'aesthetics') value = canonicalAesthetics(value);
    else if (key === 'photographic_characteristics') value = ordered(value, PHOTO_KEYS);
    else value = clean(value);
    // `objects` stays even when empty: the schema requires it, and an empty scene is a valid request.
    if (key === 'objects' && Array.isArray(value)) out[key] = value;
    else if (!isEmpty(value)) out[key] = value;
  }
  return out;
}

function canonicalObject(value: unknown): unknown {
  if (!isRecord(value)) return value;
  const count = value.number_of_objects;
  // Pasted prompts sometimes carry the count as a string ("3"); the schema wants an integer.
  const coerced =
    typeof count === 'string' && /^\s*\d+\s*$/.test(count) ? { ...value, number_of_objects: Number(count) } : value;
  return clean(coerced, FIBO_OBJECT_KEYS);
}

function canonicalAesthetics(value: unknown): unknown {
  if (!isRecord(value)) return clean(value);
  const scored: Record<string, unknown> = { ...value };
  for (const key of SCORE_KEYS) scored[key] = 'very high';
  return clean(scored, AESTHETICS_KEYS);
}

export class PromptFormatError extends Error {
  override readonly name = 'PromptFormatError';
  constructor(readonly issues: string[]) {
    super(`Not a valid FIBO structured prompt:\n${issues.map((i) => `  ${i}`).join('\n')}`);
  }
}

/** Canonicalises, then validates against the FIBO v1 schema; throws a PromptFormatError listing every problem. */
export function parseStructuredPrompt(input: unknown): FiboStructuredPrompt {
  let canonical: unknown;
  try {
    canonical = canonicalisePrompt(input);
  } catch (err) {
    throw new PromptFormatError([`not JSON: ${(err as Error).message}`]);
  }
  const parsed = FiboStructuredPromptSchema.safeParse(canonical);
  if (!parsed.success) {
    throw new PromptFormatError(parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  }
  return parsed.data;
}

/** The compact JSON string FIBO expects in `structured_prompt`. */
export function serialisePrompt(prompt: FiboStructuredPrompt): string {
  return JSON.stringify(canonicalisePrompt(prompt));
}
