/**
 * Dev-set evaluation of the emotion model against the Model 1 targets, and the tuning of its
 * per-label thresholds and primary rule on those dev sets.
 */
import { GOEMOTIONS_LABELS, STUDIO_EMOTIONS } from '@studio/core';
import type { EmotionExample } from './data';
import { bestThreshold, multiLabelReport, type MultiLabelReport } from './metrics';
import { sigmoid } from '../text/kernels';
import { blendStudio, type EmotionModel, type EmotionModelMeta, type EmotionScores } from './model';

export interface DevSets {
  goemotions: EmotionExample[];
  journal: EmotionExample[];
}

export interface DevPredictions {
  goemotions: EmotionScores[];
  journal: EmotionScores[];
}

export interface EmotionReport {
  goemotions28: MultiLabelReport | null;
  /** GoEmotions mapped to the studio emotions (overwhelm has no GoEmotions source and is left out). */
  goemotionsMapped: MultiLabelReport | null;
  /** The same, read from the GoEmotions tower's studio heads alone with their own thresholds. */
  goemotionsMappedTower: MultiLabelReport | null;
  journal: MultiLabelReport | null;
  primaryAccuracy: number | null;
  intensityMAE: number | null;
  counts: { goemotions: number; journal: number };
}

export const TARGETS = {
  goemotions28: 0.5,
  goemotionsMapped: 0.62,
  journalMacroF1: 0.6,
  primaryAccuracy: 0.7,
  intensityMAE: 0.15,
} as const;

/** Weight of journal-dev F1 (vs mapped GoEmotions dev F1) when tuning a studio emotion's threshold and blend. */
export const JOURNAL_SHARE = 0.75;

const MAPPED_LABELS = STUDIO_EMOTIONS.filter((e) => e !== 'overwhelm');
const MAPPED_INDEX = MAPPED_LABELS.map((e) => STUDIO_EMOTIONS.indexOf(e));

export function predictAll(model: EmotionModel, sets: DevSets): DevPredictions {
  return {
    goemotions: sets.goemotions.map((ex) => model.scores(ex.text)),
    journal: sets.journal.map((ex) => model.scores(ex.text)),
  };
}

/** The predictions with their studio probabilities re-blended under other tower weights. */
function reblend(preds: EmotionScores[], blend: ArrayLike<number>): EmotionScores[] {
  return preds.map((s) => ({
    ...s,
    studio: Float32Array.from(s.studioLogits.go, (g, e) => blendStudio(g, s.studioLogits.journal[e] as number, blend[e] as number)),
  }));
}

function f1At(scores: Float32Array[], gold: Uint8Array[], label: number, t: number): number {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < scores.length; i++) {
    const p = (scores[i]?.[label] as number) >= t;
    const g = gold[i]?.[label] === 1;
    if (p && g) tp++;
    else if (p) fp++;
    else if (g) fn++;
  }
  return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
}

/**
 * Thresholds: the 28 GoEmotions labels maximise F1 on GoEmotions dev. For each studio emotion, the
 * tower blend (from `blendCandidates`) and the threshold jointly maximise the mean of its F1 on journal
 * dev and on mapped GoEmotions dev (only the sets where it occurs; overwhelm is journal-only and uses
 * the journal tower alone). The primary rule is the one with the best journal-dev primary accuracy.
 */
export function tuneThresholds(
  preds: DevPredictions,
  sets: DevSets,
  blendCandidates: readonly number[] = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1],
  journalShare = JOURNAL_SHARE,
): Pick<EmotionModelMeta, 'thresholds' | 'blend' | 'primaryRule'> {
  const goemotions: Record<string, number> = {};
  GOEMOTIONS_LABELS.forEach((label, l) => {
    const { threshold } = bestThreshold(
      preds.goemotions.map((s) => s.go[l] as number),
      sets.goemotions.map((ex) => ex.go?.[l] === 1),
    );
    goemotions[label] = round4(threshold);
  });
  const goGold = sets.goemotions.map((ex) => ex.studio);
  const jGold = sets.journal.map((ex) => ex.studio);
  const studio: Record<string, number> = {};
  const blend: Record<string, number> = {};
  STUDIO_EMOTIONS.forEach((emotion, e) => {
    const inGo = sets.goemotions.some((ex) => ex.studioKnown[e] === 1 && ex.studio[e] === 1);
    const inJournal = sets.journal.some((ex) => ex.studio[e] === 1);
    const candidates = inGo ? blendCandidates : blendCandidates.filter((w) => w === Math.max(...blendCandidates));
    let best = { t: 0.5, w: candidates[candidates.length - 1] ?? 1, score: -1 };
    for (const w of candidates) {
      const weights = STUDIO_EMOTIONS.map(() => w);
      const goStudio = reblend(preds.goemotions, weights).map((s) => s.studio);
      const jStudio = reblend(preds.journal, weights).map((s) => s.studio);
      for (let t = 0.02; t < 0.99; t += 0.01) {
        if (!inGo && !inJournal) break;
        const goF1 = inGo ? f1At(goStudio, goGold, e, t) : 0;
        const journalF1 = inJournal ? f1At(jStudio, jGold, e, t) : 0;
        const score = inGo && inJournal ? journalShare * journalF1 + (1 - journalShare) * goF1 : goF1 + journalF1;
        if (score > best.score) best = { t, w, score };
      }
    }
    studio[emotion] = round4(best.t);
    blend[emotion] = best.w;
  });
  const goemotionsTowerStudio: Record<string, number> = {};
  MAPPED_INDEX.forEach((e) => {
    const { threshold } = bestThreshold(
      preds.goemotions.map((s) => sigmoid(s.studioLogits.go[e] as number)),
      sets.goemotions.map((ex) => ex.studio[e] === 1),
    );
    goemotionsTowerStudio[STUDIO_EMOTIONS[e] as string] = round4(threshold);
  });
  const journalPreds = reblend(preds.journal, STUDIO_EMOTIONS.map((e) => blend[e] as number));
  const thresholds = { goemotions, studio, goemotionsTowerStudio };
  const rules: Record<EmotionModelMeta['primaryRule'], (s: EmotionScores) => number> = {
    primary_head: (s) => argmax(s.primary, (p) => p),
    head_x_probability: (s) => argmax(s.primary, (p, e) => p * (s.studio[e] as number)),
    probability: (s) => argmax(s.studio, (p) => p),
    threshold_ratio: (s) => argmax(s.studio, (p, e) => p / (studio[STUDIO_EMOTIONS[e] as string] as number)),
  };
  let primaryRule: EmotionModelMeta['primaryRule'] = 'primary_head';
  let bestAccuracy = -1;
  for (const [rule, pick] of Object.entries(rules) as [EmotionModelMeta['primaryRule'], (s: EmotionScores) => number][]) {
    const accuracy = primaryAccuracy(journalPreds, sets.journal, pick) ?? 0;
    if (accuracy > bestAccuracy) {
      bestAccuracy = accuracy;
      primaryRule = rule;
    }
  }
  return { thresholds, blend, primaryRule };
}

function argmax(s: Float32Array, value: (p: number, e: number) => number): number {
  let best = 0;
  for (let e = 1; e < s.length; e++) if (value(s[e] as number, e) > value(s[best] as number, best)) best = e;
  return best;
}

function primaryAccuracy(preds: EmotionScores[], examples: EmotionExample[], pick: (s: EmotionScores) => number): number | null {
  if (!examples.length) return null;
  let hit = 0;
  examples.forEach((ex, i) => {
    if (pick(preds[i] as EmotionScores) === ex.primary) hit++;
  });
  return hit / examples.length;
}

export function evaluate(model: EmotionModel, rawPreds: DevPredictions, sets: DevSets): EmotionReport {
  const preds = { goemotions: reblend(rawPreds.goemotions, model.blend), journal: reblend(rawPreds.journal, model.blend) };
  const go = sets.goemotions;
  const j = sets.journal;
  const goemotions28 = go.length
    ? multiLabelReport(
        GOEMOTIONS_LABELS,
        preds.goemotions.map((s) => s.go),
        go.map((ex) => Array.from(ex.go ?? [], (v) => v === 1)),
        model.thresholdsGo,
      )
    : null;
  const goemotionsMapped = go.length
    ? multiLabelReport(
        MAPPED_LABELS,
        preds.goemotions.map((s) => MAPPED_INDEX.map((e) => s.studio[e] as number)),
        go.map((ex) => MAPPED_INDEX.map((e) => ex.studio[e] === 1)),
        MAPPED_INDEX.map((e) => model.thresholdsStudio[e] as number),
      )
    : null;
  const goemotionsMappedTower = go.length
    ? multiLabelReport(
        MAPPED_LABELS,
        rawPreds.goemotions.map((s) => MAPPED_INDEX.map((e) => sigmoid(s.studioLogits.go[e] as number))),
        go.map((ex) => MAPPED_INDEX.map((e) => ex.studio[e] === 1)),
        MAPPED_LABELS.map((e) => model.meta.thresholds.goemotionsTowerStudio[e] ?? 0.5),
      )
    : null;
  // Journal labels: what analyze() returns — above threshold, and always the primary.
  const journalPredLabels = preds.journal.map((s) => {
    const primary = model.primaryOf(s);
    return STUDIO_EMOTIONS.map((_, e) => (e === primary || (s.studio[e] as number) >= (model.thresholdsStudio[e] as number) ? 1 : 0));
  });
  const journal = j.length
    ? multiLabelReport(
        STUDIO_EMOTIONS,
        journalPredLabels,
        j.map((ex) => Array.from(ex.studio, (v) => v === 1)),
        STUDIO_EMOTIONS.map(() => 0.5),
      )
    : null;
  let absErr = 0;
  let n = 0;
  j.forEach((ex, i) => {
    ex.intensity.forEach((gold, e) => {
      if (Number.isNaN(gold)) return;
      absErr += Math.abs(((preds.journal[i] as EmotionScores).intensity[e] as number) - gold);
      n++;
    });
  });
  return {
    goemotions28,
    goemotionsMapped,
    goemotionsMappedTower,
    journal,
    primaryAccuracy: primaryAccuracy(preds.journal, j, (s) => model.primaryOf(s)),
    intensityMAE: n ? absErr / n : null,
    counts: { goemotions: go.length, journal: j.length },
  };
}

export interface MetricRow {
  metric: string;
  value: string;
  target: string;
  met: string;
}

export function metricRows(r: EmotionReport): MetricRow[] {
  const row = (metric: string, value: number | null | undefined, target: number, higherIsBetter = true): MetricRow => ({
    metric,
    value: value === null || value === undefined ? 'n/a' : value.toFixed(3),
    target: `${higherIsBetter ? '≥' : '≤'} ${target.toFixed(2)}`,
    met: value === null || value === undefined ? 'n/a' : (higherIsBetter ? value >= target : value <= target) ? 'yes' : 'no',
  });
  return [
    row(`GoEmotions 28-label macro-F1 (n=${r.counts.goemotions})`, r.goemotions28?.macroF1, TARGETS.goemotions28),
    row('GoEmotions mapped to studio emotions, macro-F1: studio output', r.goemotionsMapped?.macroF1, TARGETS.goemotionsMapped),
    row('  same, GoEmotions tower alone (own thresholds)', r.goemotionsMappedTower?.macroF1, TARGETS.goemotionsMapped),
    row(`Journal 11-class macro-F1 (n=${r.counts.journal})`, r.journal?.macroF1, TARGETS.journalMacroF1),
    row('Journal primary accuracy', r.primaryAccuracy, TARGETS.primaryAccuracy),
    row('Journal intensity MAE', r.intensityMAE, TARGETS.intensityMAE, false),
  ];
}

function round4(x: number): number {
  return Math.round(x * 10000) / 10000;
}

/** Dev MAE of guessing each emotion's mean train intensity: the floor an intensity model must beat. */
export function constantIntensityMAE(train: EmotionExample[], dev: EmotionExample[]): number | null {
  const sums = new Float64Array(STUDIO_EMOTIONS.length);
  const counts = new Float64Array(STUDIO_EMOTIONS.length);
  for (const ex of train) {
    ex.intensity.forEach((v, e) => {
      if (Number.isNaN(v)) return;
      sums[e] = (sums[e] as number) + v;
      counts[e] = (counts[e] as number) + 1;
    });
  }
  let err = 0;
  let n = 0;
  for (const ex of dev) {
    ex.intensity.forEach((v, e) => {
      if (Number.isNaN(v) || !counts[e]) return;
      err += Math.abs(v - (sums[e] as number) / (counts[e] as number));
      n++;
    });
  }
  return n ? err / n : null;
}
