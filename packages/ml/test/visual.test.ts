import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STUDIO_EMOTIONS, VISUAL_PARAMS, VisualParamsSchema, type StudioEmotion, type StudioScores, type VisualParam } from '@studio/core';
import { readVisualFeedback, VisualFeedbackRecordSchema } from '@studio/ml/visual/data';
import { brightnessSaturationFor, mapEmotionsToVisuals } from '@studio/ml/visual/mapping';
import { loadVisualModel } from '@studio/ml/visual/model';
import { trainVisualModel, VISUAL_MAE_TARGET } from '@studio/ml/visual/train';
import { rng as createRng } from '@studio/core/random';

type Predict = (scores: StudioScores, intensity: number) => Record<VisualParam, number>;

function scores(partial: Partial<StudioScores>, background = 0.05): StudioScores {
  return Object.fromEntries(STUDIO_EMOTIONS.map((e) => [e, partial[e] ?? background])) as StudioScores;
}

const steps = [0, 0.25, 0.5, 0.75, 1];

/** Bases the sanity rules should hold from: neutral and each single emotion, except the one being raised. */
function bases(except: StudioEmotion[]): StudioScores[] {
  return [scores({}), ...STUDIO_EMOTIONS.filter((e) => !except.includes(e)).map((e) => scores({ [e]: 0.6 }))];
}

function series(predict: Predict, base: StudioScores, emotion: StudioEmotion, param: VisualParam, intensity = 0.7): number[] {
  return steps.map((v) => predict({ ...base, [emotion]: v }, intensity)[param]);
}

function expectMonotonic(values: number[], direction: 1 | -1, label: string) {
  for (let i = 1; i < values.length; i++) expect(direction * (values[i]! - values[i - 1]!), `${label} step ${i}: ${values.join(', ')}`).toBeGreaterThan(-0.005);
  expect(direction * (values.at(-1)! - values[0]!), `${label} overall`).toBeGreaterThan(0.02);
}

function sanity(name: string, predict: Predict) {
  describe(`${name}: monotonic sanity`, () => {
    it('more joy → more light and more warmth (peace, the brightest feeling, excepted as a base)', () => {
      for (const base of bases(['joy', 'peace'])) {
        expectMonotonic(series(predict, base, 'joy', 'light_level'), 1, 'joy→light');
        expectMonotonic(series(predict, base, 'joy', 'warmth'), 1, 'joy→warmth');
      }
    });
    it('more anxiety → tighter camera and less openness', () => {
      for (const base of bases(['anxiety'])) {
        expectMonotonic(series(predict, base, 'anxiety', 'camera_distance'), -1, 'anxiety→camera');
        expectMonotonic(series(predict, base, 'anxiety', 'openness'), -1, 'anxiety→openness');
      }
    });
    it('higher intensity → more contrast', () => {
      for (const base of bases([])) expectMonotonic(steps.map((i) => predict(base, i).contrast), 1, 'intensity→contrast');
    });
  });
}

describe('teacher mapping (Valdez & Mehrabian)', () => {
  it('inverts the published regressions exactly', () => {
    const { brightness: b, saturation: s } = brightnessSaturationFor(0.4, -0.3);
    expect(0.69 * b + 0.22 * s).toBeCloseTo(0.4, 10);
    expect(-0.31 * b + 0.6 * s).toBeCloseTo(-0.3, 10);
  });
  it('stays in 0..1 for random mixtures', () => {
    const rng = createRng(3);
    for (let i = 0; i < 2000; i++) {
      const s = Object.fromEntries(STUDIO_EMOTIONS.map((e) => [e, rng()])) as StudioScores;
      expect(VisualParamsSchema.safeParse(mapEmotionsToVisuals(s, rng())).success).toBe(true);
    }
  });
  it('sad scenes are darker and cooler than joyful ones', () => {
    const sad = mapEmotionsToVisuals(scores({ sadness: 0.9 }), 0.8);
    const joy = mapEmotionsToVisuals(scores({ joy: 0.9 }), 0.8);
    expect(sad.light_level).toBeLessThan(joy.light_level - 0.2);
    expect(sad.warmth).toBeLessThan(joy.warmth - 0.3);
  });
});

sanity('teacher', mapEmotionsToVisuals);

const model = loadVisualModel();
sanity('trained MLP (models/visual)', (s, i) => model.predictScores(s, i));

describe('trained MLP', () => {
  it('predicts valid visual params from an EmotionAnalysis-shaped input', () => {
    const rng = createRng(11);
    for (let i = 0; i < 500; i++) {
      const s = Object.fromEntries(STUDIO_EMOTIONS.map((e) => [e, rng()])) as StudioScores;
      const v = model.predictScores(s, rng());
      expect(VisualParamsSchema.safeParse(v).success).toBe(true);
    }
  });
  it('stores its held-out metrics, all under the MAE target', () => {
    for (const p of VISUAL_PARAMS) expect(model.file!.metrics.held_out_mae[p]).toBeLessThan(VISUAL_MAE_TARGET);
  });
});

describe('training', () => {
  const dir = mkdtempSync(join(tmpdir(), 'visual-'));

  it('reaches MAE < 0.08 per parameter on held-out data and learns slider corrections', () => {
    // People keep dimming joyful scenes: the retrained model must follow them, the teacher not.
    const rng = createRng(5);
    const lines: string[] = [];
    for (let i = 0; i < 300; i++) {
      const s = scores({ joy: 0.7 + 0.3 * rng() }, 0.05 * rng());
      const intensity = 0.5 + 0.5 * rng();
      lines.push(JSON.stringify({ scores: s, intensity, adjusted: { ...mapEmotionsToVisuals(s, intensity), light_level: 0.2 } }));
    }
    const feedbackFile = join(dir, 'feedback.jsonl');
    writeFileSync(feedbackFile, lines.join('\n') + '\n');
    const result = trainVisualModel({
      feedbackFiles: [feedbackFile],
      outDir: join(dir, 'model'),
      journalDir: join(dir, 'no-corpus'),
      epochs: 12,
      synthetic: 3000,
      seed: 1,
      progress: false,
    });
    for (const p of VISUAL_PARAMS) expect(result.metrics.mae[p], p).toBeLessThan(VISUAL_MAE_TARGET);
    expect(result.metrics.maeBySource.feedback).toBeDefined();
    const retrained = loadVisualModel(join(dir, 'model'));
    const joyful = scores({ joy: 0.85 });
    expect(mapEmotionsToVisuals(joyful, 0.75).light_level).toBeGreaterThan(0.6);
    expect(retrained.predictScores(joyful, 0.75).light_level).toBeLessThan(0.35);
  });

  it('rejects malformed feedback with its line number', () => {
    const bad = join(dir, 'bad.jsonl');
    const good = { scores: scores({}), intensity: 0.5, adjusted: mapEmotionsToVisuals(scores({}), 0.5) };
    writeFileSync(bad, `${JSON.stringify(good)}\n${JSON.stringify({ ...good, intensity: 2 })}\n`);
    expect(() => readVisualFeedback(bad)).toThrow(/bad\.jsonl:2/);
    expect(VisualFeedbackRecordSchema.safeParse(good).success).toBe(true);
  });
});
