import { describe, expect, it } from 'vitest';
import { EmotionAnalysisSchema, GOEMOTIONS_LABELS } from '@studio/core';
import { fromGoEmotions, fromJournal, type EmotionExample } from '../src/emotion/data';
import { GO_TOWER_CONFIG, trainEmotionModel, type TrainConfig } from '../src/emotion/train';
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
  ...GO_TOWER_CONFIG,
  epochs: 12,
  hashDim: 8,
  hidden: 16,
  dropoutInput: 0,
  dropoutHidden: 0.1,
  lr: 0.01,
};
const configs = (overrides: Partial<TrainConfig> = {}) => ({ go: { ...CONFIG, ...overrides }, journal: { ...CONFIG, ...overrides } });

const all = corpus(240, 1);
const train = { goemotions: all.filter((e) => e.source === 'goemotions'), journal: all.filter((e) => e.source === 'journal') };
const devAll = corpus(80, 2);
const dev = { goemotions: devAll.filter((e) => e.source === 'goemotions'), journal: devAll.filter((e) => e.source === 'journal') };

describe('emotion training', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const a = trainEmotionModel(train, dev, null, configs({ epochs: 2 }));
    const b = trainEmotionModel(train, dev, null, configs({ epochs: 2 }));
    const c = trainEmotionModel(train, dev, null, configs({ epochs: 2, seed: 8 }));
    for (const tower of ['go', 'journal'] as const) {
      expect(a.params[tower].W1).toEqual(b.params[tower].W1);
      expect(a.params[tower].wordEmb).toEqual(b.params[tower].wordEmb);
      expect(a.params[tower].hashEmb).toEqual(b.params[tower].hashEmb);
      expect(a.params[tower].W1).not.toEqual(c.params[tower].W1);
    }
    expect(a.model.meta.thresholds).toEqual(b.model.meta.thresholds);
    expect(a.model.meta.blend).toEqual(b.model.meta.blend);
  });

  it('learns the cue words, and explains its answers with them', () => {
    const { model, history } = trainEmotionModel(train, dev, null, configs());
    for (const h of [history.go, history.journal]) expect(h.at(-1)?.trainLoss).toBeLessThan(h[0]?.trainLoss ?? 0);
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
