/** Binary metrics for the gate, and the dev-set threshold search (recall first). */
import { decide, thresholdFor, type CrisisThresholds } from './model';

export interface BinaryCounts {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

export interface BinaryReport extends BinaryCounts {
  n: number;
  recall: number;
  precision: number;
  f1: number;
}

export function countBinary(gold: readonly boolean[], pred: readonly boolean[]): BinaryCounts {
  const c = { tp: 0, fp: 0, fn: 0, tn: 0 };
  gold.forEach((g, i) => {
    const p = pred[i] ?? false;
    if (g && p) c.tp++;
    else if (g) c.fn++;
    else if (p) c.fp++;
    else c.tn++;
  });
  return c;
}

export function report(c: BinaryCounts): BinaryReport {
  const recall = c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn);
  const precision = c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { ...c, n: c.tp + c.fp + c.fn + c.tn, recall, precision, f1 };
}

export function addCounts(a: BinaryCounts, b: BinaryCounts): BinaryCounts {
  return { tp: a.tp + b.tp, fp: a.fp + b.fp, fn: a.fn + b.fn, tn: a.tn + b.tn };
}

/** Area under the ROC curve (ties count half). */
export function auc(items: readonly { score: number; gold: boolean }[]): number {
  const sorted = [...items].sort((a, b) => a.score - b.score);
  let rankSum = 0;
  let positives = 0;
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j < sorted.length && sorted[j]!.score === sorted[i]!.score) j++;
    const midRank = (i + j + 1) / 2;
    for (let k = i; k < j; k++) if (sorted[k]!.gold) { rankSum += midRank; positives++; }
    i = j;
  }
  const negatives = sorted.length - positives;
  if (positives === 0 || negatives === 0) return 0.5;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/**
 * One dev unit for tuning: a journal entry, or a C-SSRS user whose posts are summarised by
 * (any rule crisis, and the max classifier p over its posts of each kind: plain, explained away by the rules, short).
 */
export interface TuningUnit {
  gold: boolean;
  hardNegative: boolean;
  ruleCrisis: boolean;
  pPlain: number;
  pMitigated: number;
  pShort: number;
}

export function unitDecision(u: TuningUnit, t: CrisisThresholds): boolean {
  return (
    decide(u.ruleCrisis ? 1 : 0, u.pPlain, thresholdFor(t, { mitigated: false, tokens: Infinity })) ||
    decide(0, u.pMitigated, t.mitigated) ||
    decide(0, u.pShort, thresholdFor(t, { mitigated: false, tokens: 0 }))
  );
}

/** Texts under this many tokens are "short" (chat messages) and get their own threshold. */
export const SHORT_TOKENS = 16;
/** Short texts with no crisis rule may be flagged by the classifier at most this often (GoEmotions dev comments). */
export const SHORT_MAX_FLAG_RATE = 0.01;

export const TARGETS = { recall: 0.97, precision: 0.75, hardNegativeFpr: 0.1 } as const;

/**
 * Policy, not tuned: when the rules explicitly explained a text's crisis words away (negation, someone else, an idiom,
 * a quotation, a resolved past), the classifier must be near-certain to overrule them. On short texts such as chat
 * messages and the red-team cases the classifier is overconfident, and dev (long entries) cannot show it.
 */
export const MITIGATED_FLOOR = 0.99;

export interface TuningResult {
  thresholds: CrisisThresholds;
  recall: number;
  precision: number;
  hardNegativeFpr: number;
  feasible: boolean;
}

export function evaluateUnits(units: readonly TuningUnit[], t: CrisisThresholds) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let hn = 0;
  let hnFp = 0;
  for (const u of units) {
    const p = unitDecision(u, t);
    if (u.gold && p) tp++;
    else if (u.gold) fn++;
    else if (p) fp++;
    if (u.hardNegative) {
      hn++;
      if (p) hnFp++;
    }
  }
  return {
    recall: tp + fn === 0 ? 1 : tp / (tp + fn),
    precision: tp + fp === 0 ? 1 : tp / (tp + fp),
    hardNegativeFpr: hn === 0 ? 0 : hnFp / hn,
  };
}

/**
 * Recall first, without crying wolf. A result meeting all three targets beats one that does not, and among those the
 * most precise wins. Short of that, a result within the hard-negative FPR target wins, then the best F2 (the F-score
 * that counts recall twice as much as precision), then recall.
 */
export function betterTuning(a: TuningResult, b: TuningResult | null): boolean {
  if (!b) return true;
  const f2 = (r: TuningResult) => (r.precision + r.recall === 0 ? 0 : (5 * r.precision * r.recall) / (4 * r.precision + r.recall));
  const rank = (r: TuningResult) =>
    r.feasible && r.precision >= TARGETS.precision
      ? [2, r.precision, r.recall]
      : [r.hardNegativeFpr <= TARGETS.hardNegativeFpr ? 1 : 0, f2(r), r.recall];
  const [x, y] = [rank(a), rank(b)];
  for (let i = 0; i < x.length; i++) {
    if ((x[i] as number) > (y[i] as number) + 1e-12) return true;
    if ((x[i] as number) < (y[i] as number) - 1e-12) return false;
  }
  return false;
}

/** For the card: the most precise threshold pair that reaches `recall` on dev, whatever it costs in false alarms. */
export function operatingPointAtRecall(units: readonly TuningUnit[], recall: number): TuningResult | null {
  let best: TuningResult | null = null;
  for (const model of candidateCuts(units)) {
    for (const mitigated of [MITIGATED_FLOOR, 0.999]) {
      const thresholds = { model, mitigated, short: 0, shortTokens: SHORT_TOKENS };
      const m = evaluateUnits(units, thresholds);
      if (m.recall < recall) continue;
      if (!best || m.precision > best.precision) best = { thresholds, ...m, feasible: m.hardNegativeFpr <= TARGETS.hardNegativeFpr };
    }
  }
  return best;
}

/**
 * The short-text threshold: the lowest at or above the entry threshold that keeps the classifier's flag rate on short
 * comments with no crisis rule (GoEmotions dev) within SHORT_MAX_FLAG_RATE.
 */
export function tuneShortThreshold(base: CrisisThresholds, shortNegatives: readonly number[]): CrisisThresholds {
  const sorted = [...shortNegatives].sort((a, b) => b - a);
  const allowed = Math.floor(sorted.length * SHORT_MAX_FLAG_RATE);
  const cut = sorted[allowed];
  const short = cut === undefined ? base.model : Math.max(base.model, Math.min(0.999, cut + 1e-6));
  return { ...base, short };
}

function candidateCuts(units: readonly TuningUnit[]): number[] {
  const ps = [...new Set(units.flatMap((u) => [u.pPlain, u.pMitigated, u.pShort]).filter((p) => p > 0))].sort((a, b) => a - b);
  // Cuts just below each observed probability, thinned to at most ~300.
  const stride = Math.max(1, Math.floor(ps.length / 300));
  return [0.02, ...ps.filter((_, i) => i % stride === 0).map((p) => Math.max(0.001, p - 1e-6)), MITIGATED_FLOOR, 0.999];
}

/** Searches threshold pairs (model ≤ mitigated) on dev units; ties go to the lower thresholds. */
export function tuneThresholds(units: readonly TuningUnit[], recallTarget: number = TARGETS.recall): TuningResult {
  const cuts = candidateCuts(units);
  let best: TuningResult | null = null;
  for (const model of cuts) {
    for (const mitigated of cuts) {
      if (mitigated < Math.max(model, MITIGATED_FLOOR)) continue;
      const thresholds = { model, mitigated, short: 0, shortTokens: SHORT_TOKENS };
      const m = evaluateUnits(units, thresholds);
      const r: TuningResult = {
        thresholds,
        ...m,
        feasible: m.recall >= recallTarget && m.hardNegativeFpr <= TARGETS.hardNegativeFpr,
      };
      if (betterTuning(r, best)) best = r;
    }
  }
  return best as TuningResult;
}
