/** Multi-label metrics and per-label threshold tuning. */

export interface LabelScore {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface MultiLabelReport {
  perLabel: LabelScore[];
  /** Mean F1 over labels with at least one gold positive. */
  macroF1: number;
  microF1: number;
}

function f1Of(tp: number, fp: number, fn: number): number {
  return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
}

/**
 * The threshold maximising F1 of `scores` against `gold` (midpoint between neighbouring scores, so
 * it generalises a little better than a score itself). With no positives, returns `fallback`.
 */
export function bestThreshold(scores: ArrayLike<number>, gold: ArrayLike<boolean>, fallback = 0.5): { threshold: number; f1: number } {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => (scores[b] as number) - (scores[a] as number));
  let positives = 0;
  for (let i = 0; i < n; i++) if (gold[i]) positives++;
  if (positives === 0) return { threshold: fallback, f1: 0 };
  let tp = 0;
  let best = { threshold: fallback, f1: -1 };
  for (let k = 0; k < n; k++) {
    const i = order[k] as number;
    if (gold[i]) tp++;
    const next = order[k + 1];
    const s = scores[i] as number;
    // Only cut between distinct scores.
    if (next !== undefined && (scores[next] as number) === s) continue;
    const f1 = f1Of(tp, k + 1 - tp, positives - tp);
    if (f1 > best.f1) best = { threshold: next === undefined ? s - 1e-6 : (s + (scores[next] as number)) / 2, f1 };
  }
  return best;
}

/** scores[i][l] ≥ thresholds[l] → predicted; gold[i][l] → gold label. */
export function multiLabelReport(
  labels: readonly string[],
  scores: ArrayLike<number>[],
  gold: ArrayLike<boolean>[],
  thresholds: ArrayLike<number>,
): MultiLabelReport {
  const perLabel: LabelScore[] = [];
  let TP = 0;
  let FP = 0;
  let FN = 0;
  labels.forEach((label, l) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    scores.forEach((s, i) => {
      const pred = (s[l] as number) >= (thresholds[l] as number);
      const g = Boolean(gold[i]?.[l]);
      if (pred && g) tp++;
      else if (pred) fp++;
      else if (g) fn++;
    });
    TP += tp;
    FP += fp;
    FN += fn;
    perLabel.push({
      label,
      precision: tp + fp === 0 ? 0 : tp / (tp + fp),
      recall: tp + fn === 0 ? 0 : tp / (tp + fn),
      f1: f1Of(tp, fp, fn),
      support: tp + fn,
    });
  });
  const supported = perLabel.filter((p) => p.support > 0);
  return {
    perLabel,
    macroF1: supported.length ? supported.reduce((a, p) => a + p.f1, 0) / supported.length : 0,
    microF1: f1Of(TP, FP, FN),
  };
}
