import { describe, expect, it } from 'vitest';
import { EmotionAnalysisSchema, GOEMOTIONS_LABELS } from '@studio/core';
import { fromGoEmotions, fromJournal, type EmotionExample } from '../src/emotion/data';
import { DEFAULT_TRAIN_CONFIG, trainEmotion, type TrainConfig } from '../src/emotion/train';
import type { JournalCorpusEntry } from '../src/data/journal';
import { rng } from '../src/text/kernels';

// A tiny synthetic corpus where a few words decide the emotion, so the expected answers are known.
const CUES = {
  anger: ['furious', 'livid', 'enraged'],
  joy: ['delighted', 'thrilled', 'overjoyed'],
  sadness: ['heartbroken', 'miserable', 'gloomy'],
} as const;
const FILLERS = ['today', 'the', 'meeting', 'was', 'long', 'and', 'then', 'we', 'went', 'home', 'after', 'lunch'];

function corpus(n: number, seed: number): EmotionExample[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)] as T;
  const out: EmotionExample[] = [];
  for (let i = 0; i < n; i++) {
    const emotion = pick(Object.keys(CUES) as (keyof typeof CUES)[]);
    const words = Array.from({ length: 6 }, () => pick(FILLERS));
    words.splice(Math.floor(r() * words.length), 0, `i am ${pick(CUES[emotion])}`);
    const text = words.join(' ');
    if (i % 2) {
      const entry: JournalCorpusEntry = {
        id: `t-${i}`, text, emotions: [emotion], primary: emotion, intensities: { [emotion]: 0.8 },
        crisis: false, crisis_category: null, tags: [],
      };
      out.push(fromJournal(entry));
    } else {
      out.push(fromGoEmotions({ id: `g${i}`, text, labels: [GOEMOTIONS_LABELS.indexOf(emotion)] }));
    }
  }
  return out;
}

const CONFIG: TrainConfig = {
  ...DEFAULT_TRAIN_CONFIG,
  epochs: 12,
  buckets: 512,
  hashDim: 8,
  hidden: 16,
  dropoutInput: 0,
  dropoutHidden: 0.1,
  lr: 0.01,
  minCount: 1,
};

const train = corpus(120, 1);
const dev = { goemotions: corpus(40, 2).filter((e) => e.source === 'goemotions'), journal: corpus(40, 3).filter((e) => e.source === 'journal') };

describe('emotion training', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const a = trainEmotion(train, dev, null, { ...CONFIG, epochs: 2 });
    const b = trainEmotion(train, dev, null, { ...CONFIG, epochs: 2 });
    const c = trainEmotion(train, dev, null, { ...CONFIG, epochs: 2, seed: 8 });
    expect(a.params.W1).toEqual(b.params.W1);
    expect(a.params.wordEmb).toEqual(b.params.wordEmb);
    expect(a.params.hashEmb).toEqual(b.params.hashEmb);
    expect(a.model.meta.thresholds).toEqual(b.model.meta.thresholds);
    expect(a.params.W1).not.toEqual(c.params.W1);
  });

  it('learns the cue words, and explains its answers with them', () => {
    const { model, history } = trainEmotion(train, dev, null, CONFIG);
    expect(history.at(-1)?.trainLoss).toBeLessThan(history[0]?.trainLoss ?? 0);
    const analysis = EmotionAnalysisSchema.parse(model.analyze('we went home and i am furious about the meeting'));
    expect(analysis.primary).toBe('anger');
    expect(analysis.labels).toContain('anger');
    expect(analysis.explanations?.anger?.[0]?.token).toBe('furious');
    expect(analysis.goemotions.anger).toBeGreaterThan(analysis.goemotions.joy);
    const joy = EmotionAnalysisSchema.parse(model.analyze('i am thrilled , lunch was long'));
    expect(joy.primary).toBe('joy');
    expect(joy.explanations?.joy?.map((t) => t.token)).toContain('thrilled');
    // Function words never appear as explanations.
    expect(joy.explanations?.joy?.map((t) => t.token)).not.toContain('i');
  });
});
