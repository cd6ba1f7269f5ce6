import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LEXICAL_CONFIG, DEFAULT_LEXICAL_TRAINING, LexicalModel, lexicalExamples, lexicalTerms } from '../src/crisis/lexical';
import { mixProbability } from '../src/crisis/model';
import { fnv1a } from '../src/text/hash';

const CRISIS = ['I want to end it all tonight', 'nobody would miss me if I was gone', 'I have the pills ready', 'I cannot go on living like this'];
const SAFE = ['lovely walk by the sea today', 'the deadline is killing me lol', 'made soup and called my sister', 'not going anywhere, just tired of work'];

function trainToy(seed: number): LexicalModel {
  const journal = [
    ...CRISIS.map((text) => ({ text, crisis: true, hardNegative: null })),
    ...SAFE.map((text) => ({ text, crisis: false, hardNegative: text.includes('killing') ? 'hyperbole' : null })),
  ];
  const examples = lexicalExamples(journal, [], [], { hardNegative: 2, cssrsPost: 0, goemotions: 0 });
  const model = LexicalModel.fit(DEFAULT_LEXICAL_CONFIG, examples.map((e) => e.terms));
  model.train(examples, { ...DEFAULT_LEXICAL_TRAINING, seed });
  return model;
}

describe('lexical crisis classifier', () => {
  it('marks words in a negation scope as their own terms', () => {
    const negatedSuicidal = fnv1a('¬suicidal', 0x811c9dc5) % DEFAULT_LEXICAL_CONFIG.buckets;
    expect(Array.from(lexicalTerms('I am not suicidal').ids)).toContain(negatedSuicidal);
    expect(Array.from(lexicalTerms('I am suicidal').ids)).not.toContain(negatedSuicidal);
    // The scope is short: beyond three words after the negation, a word is no longer negated.
    expect(Array.from(lexicalTerms('not that I am really suicidal').ids)).not.toContain(negatedSuicidal);
    expect(lexicalTerms('').ids.length).toBe(0);
  });

  it('learns to separate crisis from safe training texts, deterministically', () => {
    const a = trainToy(3);
    const b = trainToy(3);
    expect(Array.from(a.weights)).toEqual(Array.from(b.weights));
    for (const t of CRISIS) expect(a.predict(t)).toBeGreaterThan(0.5);
    for (const t of SAFE) expect(a.predict(t)).toBeLessThan(0.5);
    expect(a.predict('')).toBe(0);
  });

  it('round-trips through its file', () => {
    const model = trainToy(5);
    const dir = mkdtempSync(join(tmpdir(), 'lexical-'));
    try {
      model.save(dir);
      const loaded = LexicalModel.load(dir, DEFAULT_LEXICAL_CONFIG);
      for (const t of [...CRISIS, ...SAFE]) expect(loaded.predict(t)).toBeCloseTo(model.predict(t), 6);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('mixes into the gate probability by its share', () => {
    expect(mixProbability(0.2, 0.6, 0.5)).toBeCloseTo(0.4, 9);
    expect(mixProbability(0.2, 0.6, 0)).toBe(0.2);
  });
});
