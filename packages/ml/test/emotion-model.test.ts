import { describe, expect, it } from 'vitest';
import { EmotionAnalysisSchema, GOEMOTIONS_LABELS, STUDIO_EMOTIONS } from '@studio/core';
import { loadEmotionModel } from '../src/emotion/model';
import { tokenize } from '../src/text/tokenize';

// The committed artifact in models/emotion, exactly as the studio loads it.
const model = loadEmotionModel();

const ENTRIES = [
  "I can't stop shaking before tomorrow's interview, what if I freeze up again",
  'We finally got the keys to our first flat today and I cried happy tears in the hallway.',
  'My manager took credit for my work AGAIN and I am so done with this place',
  'ok',
  '',
  '😭😭😭',
  'x'.repeat(5000),
];

describe('emotion model artifact', () => {
  it('has thresholds for every label', () => {
    for (const l of GOEMOTIONS_LABELS) expect(model.meta.thresholds.goemotions[l]).toBeTypeOf('number');
    for (const e of STUDIO_EMOTIONS) expect(model.meta.thresholds.studio[e]).toBeTypeOf('number');
  });

  it('returns a valid EmotionAnalysis for any text', () => {
    for (const text of ENTRIES) {
      const a = EmotionAnalysisSchema.parse(model.analyze(text));
      expect(a.labels.length).toBeGreaterThan(0);
      expect(a.labels[0]).toBe(a.primary);
      expect(a.secondary).toBe(a.labels[1] ?? null);
      // Scores are rounded to 4 decimals; the thresholds apply to the unrounded ones.
      for (const e of a.labels.slice(1)) expect(a.scores[e]).toBeGreaterThanOrEqual((model.meta.thresholds.studio[e] as number) - 1e-4);
      expect(a.intensity).toBe(a.intensities[a.primary]);
      expect(a.confidence).toBe(a.scores[a.primary]);
      expect(a.model).toBe(model.id);
      for (const l of a.goemotions_labels) expect(a.goemotions[l]).toBeGreaterThanOrEqual((model.meta.thresholds.goemotions[l] as number) - 1e-4);
      // Explanations only for labelled emotions, and only with words of the text.
      const tokens = new Set(tokenize(text));
      for (const [emotion, words] of Object.entries(a.explanations ?? {})) {
        expect(a.labels).toContain(emotion);
        for (const w of words) {
          expect(tokens.has(w.token)).toBe(true);
          expect(w.weight).toBeGreaterThan(0);
        }
      }
    }
  });

  it('reads clear entries the way a person would', () => {
    const anxious = model.analyze(ENTRIES[0] as string);
    expect(['anxiety', 'fear']).toContain(anxious.primary);
    const happy = model.analyze(ENTRIES[1] as string);
    expect(['joy', 'hope', 'peace']).toContain(happy.primary);
    expect(happy.scores.joy).toBeGreaterThan(happy.scores.sadness);
    const angry = model.analyze(ENTRIES[2] as string);
    expect(angry.primary).toBe('anger');
    expect(angry.explanations?.anger?.length).toBeGreaterThan(0);
  });

  it('is deterministic', () => {
    expect(model.analyze(ENTRIES[2] as string)).toEqual(model.analyze(ENTRIES[2] as string));
  });
});
