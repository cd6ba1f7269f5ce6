import { describe, expect, it } from 'vitest';
import {
  AnalyzeRequestSchema,
  FeedbackSchema,
  FiboStructuredPromptSchema,
  GOEMOTIONS_LABELS,
  GOEMOTIONS_TO_STUDIO,
  STUDIO_EMOTIONS,
  VisualOverridesSchema,
  studioEmotionsOf,
} from '../src/index';
import { env } from '../src/env';
import { helpResources } from '../src/resources';

describe('taxonomy', () => {
  it('maps every mapped GoEmotions label to a studio emotion and leaves overwhelm without a source', () => {
    for (const [label, studio] of Object.entries(GOEMOTIONS_TO_STUDIO)) {
      expect(GOEMOTIONS_LABELS).toContain(label);
      expect(STUDIO_EMOTIONS).toContain(studio);
    }
    expect(Object.values(GOEMOTIONS_TO_STUDIO)).not.toContain('overwhelm');
    expect(GOEMOTIONS_TO_STUDIO.neutral).toBeUndefined();
    expect(studioEmotionsOf(['grief', 'relief', 'neutral', 'remorse'])).toEqual(['sadness', 'peace']);
  });
});

describe('contracts', () => {
  const prompt = {
    short_description: 'A lighthouse at dusk.',
    objects: [{ description: 'a lighthouse', location: 'right', relationship: 'alone on the cliff' }],
    background_setting: 'a calm sea',
    lighting: { conditions: 'dusk', direction: 'from the left' },
    aesthetics: { composition: 'rule of thirds', color_scheme: 'warm', mood_atmosphere: 'calm' },
    context: 'journal illustration',
  };

  it('accepts a minimal FIBO prompt and enforces its limits', () => {
    expect(FiboStructuredPromptSchema.safeParse(prompt).success).toBe(true);
    const sixObjects = { ...prompt, objects: Array.from({ length: 6 }, () => prompt.objects[0]) };
    expect(FiboStructuredPromptSchema.safeParse(sixObjects).success).toBe(false);
    expect(FiboStructuredPromptSchema.safeParse({ ...prompt, artistic_style: 'one two three four' }).success).toBe(false);
    expect(FiboStructuredPromptSchema.safeParse({ ...prompt, short_description: 'word '.repeat(201) }).success).toBe(false);
    const fractional = { ...prompt, objects: [{ ...prompt.objects[0], number_of_objects: 1.5 }] };
    expect(FiboStructuredPromptSchema.safeParse(fractional).success).toBe(false);
  });

  it('validates requests and slider overrides', () => {
    expect(AnalyzeRequestSchema.parse({ journal_text: 'hi' })).toEqual({ journal_text: 'hi', store_text: false });
    expect(AnalyzeRequestSchema.safeParse({ journal_text: 3 }).success).toBe(false);
    expect(VisualOverridesSchema.safeParse({ light_level: 0.2 }).success).toBe(true);
    expect(VisualOverridesSchema.safeParse({ light_level: 1.2 }).success).toBe(false);
    expect(VisualOverridesSchema.safeParse({ brightness: 0.2 }).success).toBe(false);
  });

  it('discriminates feedback kinds', () => {
    const id = '00000000-0000-4000-8000-000000000000';
    expect(FeedbackSchema.safeParse({ kind: 'thumbs', entry_id: id, value: 'up' }).success).toBe(true);
    expect(FeedbackSchema.safeParse({ kind: 'thumbs', entry_id: id, value: 'sideways' }).success).toBe(false);
    expect(FeedbackSchema.safeParse({ kind: 'resonance', entry_id: id, resonated: 'yes' }).success).toBe(false);
  });
});

describe('env', () => {
  it('has offline defaults and names every bad variable', () => {
    const e = env({});
    expect(e.DATABASE_URL).toBeUndefined();
    expect(e.STUDIO_DATA_DIR).toBe('.studio-data');
    expect(env({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
    expect(() => env({ DATABASE_URL: 'not a url', LOG_LEVEL: 'loud' })).toThrow(/DATABASE_URL[\s\S]*LOG_LEVEL/);
  });
});

describe('help resources', () => {
  it('gives the 988 Lifeline and Crisis Text Line in the US, Samaritans in the UK, and an international directory everywhere', () => {
    const us = helpResources.forRegion('US').map((r) => r.contact).join(' | ');
    expect(us).toContain('988');
    expect(us).toContain('741741');
    expect(helpResources.forRegion('uk').map((r) => r.contact).join(' ')).toContain('116 123');
    for (const region of ['US', 'UK', 'FR']) {
      expect(helpResources.forRegion(region).some((r) => r.url?.includes('findahelpline'))).toBe(true);
      expect(helpResources.forRegion(region).some((r) => /emergency/i.test(r.name))).toBe(true);
    }
  });
});
