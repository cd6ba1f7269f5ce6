/**
 * Model 4, the crisis gate: explicit signal rules ∪ a trained classifier, combined conservatively.
 *
 * - A rule match of weight ≥ CORE_WEIGHT that survives its context checks is a crisis on its own.
 * - Otherwise the classifier decides against a threshold tuned on dev for recall first. When the text holds crisis
 *   words that the rules explained away (negation, idiom, someone else, a resolved past…), the classifier must be
 *   near-certain to overrule them; short texts (chat messages) get a threshold set from the false-alarm rate on
 *   ordinary short comments. See models/crisis/card.md for how each threshold was chosen.
 * - risk_score maps both onto one scale where 0.5 is the decision boundary: is_crisis ⇔ risk_score ≥ 0.5, and
 *   risk_score is the largest category score.
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { CRISIS_CATEGORIES, type CrisisAssessment, type CrisisCategory, type CrisisSignal } from '@studio/core';
import type { CrisisGate } from '@studio/core/pipeline';
import { repoPath } from '@studio/core/paths';
import { CrisisEnsemble, type ClassifierConfig, type Head } from './classifier';
import { LexicalModel, type LexicalConfig } from './lexical';
import { CORE_WEIGHT, RULES, evaluateRules, ruleFeatures, type RuleResult } from './rules';

export interface CrisisThresholds {
  /** Classifier crisis probability at or above which a text is a crisis. */
  model: number;
  /** The same when every crisis phrase in the text was explained away by the rules. */
  mitigated: number;
  /** The same for texts under `shortTokens` tokens (chat messages), where the classifier has little to go on. */
  short: number;
  shortTokens: number;
}

/** The classifier threshold that applies to a text. */
export function thresholdFor(t: CrisisThresholds, text: { mitigated: boolean; tokens: number }): number {
  if (text.mitigated) return t.mitigated;
  return text.tokens < t.shortTokens ? Math.max(t.short, t.model) : t.model;
}

export interface CrisisMeta {
  name: string;
  version: string;
  config: ClassifierConfig;
  /** Ensemble size (members trained from different seeds). */
  members: number;
  /**
   * The lexical TF-IDF logistic regression (./lexical) and its share of the crisis probability:
   * p = (1 − weight)·p_neural + weight·p_lexical. Absent in models trained before it existed (p = p_neural).
   */
  lexical?: { config: LexicalConfig; weight: number };
  thresholds: CrisisThresholds;
  words: string[];
  /** The rule ids, in the order the classifier's rule inputs follow. */
  ruleIds: string[];
  trainedAt: string;
  /** What the classifier was trained on, for the card and for reviewers. */
  data: Record<string, number>;
}

export const META_FILE = 'crisis.json';

export interface CrisisDetail {
  assessment: CrisisAssessment;
  rules: RuleResult;
  /** The neural classifier's heads. */
  probabilities: Record<Head, number>;
  /** The lexical model's crisis probability (0 without one). */
  lexical: number;
  /** The crisis probability the thresholds apply to: the neural and lexical probabilities mixed (see CrisisMeta). */
  p: number;
}

/** The crisis probability the gate thresholds: shared with training so tuning and the gate mix alike. */
export function mixProbability(neural: number, lexical: number, lexicalWeight: number): number {
  return (1 - lexicalWeight) * neural + lexicalWeight * lexical;
}

/** Maps p onto [0, 1] with the threshold at 0.5, monotone on both sides. */
export function toRisk(p: number, threshold: number): number {
  if (p < threshold) return (0.5 * p) / threshold;
  return Math.min(1, 0.5 + (0.5 * (p - threshold)) / Math.max(1e-9, 1 - threshold));
}

/** The decision the gate makes from its parts; shared with threshold tuning so both use one rule. */
export function decide(ruleRisk: number, p: number, threshold: number): boolean {
  return ruleRisk >= CORE_WEIGHT || p >= threshold;
}

export class CrisisModel implements CrisisGate {
  constructor(
    readonly meta: CrisisMeta,
    readonly classifier: CrisisEnsemble,
    readonly lexical: LexicalModel | null,
  ) {}

  get id(): string {
    return `${this.meta.name}@${this.meta.version}`;
  }

  assess(text: string): CrisisAssessment {
    return this.detail(text).assessment;
  }

  detail(text: string): CrisisDetail {
    const rules = evaluateRules(text);
    const windows = this.classifier.windows(text, ruleFeatures(rules));
    const probabilities = this.classifier.predictWindows(windows);
    const tokenCount = tokens(windows);
    const lexical = this.lexical && tokenCount > 0 ? this.lexical.predict(text) : 0;
    const p = this.lexical ? mixProbability(probabilities.crisis, lexical, this.meta.lexical?.weight ?? 0) : probabilities.crisis;
    const threshold = thresholdFor(this.meta.thresholds, { mitigated: rules.mitigated, tokens: tokenCount });
    const modelRisk = toRisk(p, threshold);

    // One risk, then a category profile: the rules' evidence (they name what they saw, weak signs included) plus the
    // classifier's category heads. The top category carries the full risk, so risk_score is the largest category.
    const ruleRisk = Math.max(...CRISIS_CATEGORIES.map((c) => rules.categories[c]));
    const risk = Math.max(ruleRisk, modelRisk);
    const profile = Object.fromEntries(CRISIS_CATEGORIES.map((c) => [c, rules.categories[c] + probabilities[c]])) as Record<CrisisCategory, number>;
    // Category heads can underflow to ~0 on a very safe text: then every category shares the (tiny) risk equally.
    const top = Math.max(...CRISIS_CATEGORIES.map((c) => profile[c]));
    const share = (c: CrisisCategory) => (top > 0 ? profile[c] / top : 1);
    const isCrisis = decide(ruleRisk, p, threshold);
    // Rounding must not carry a safe text across the 0.5 boundary.
    const score = (x: number) => (isCrisis ? round(x) : Math.min(round(x), 0.4999));
    const categories = Object.fromEntries(
      CRISIS_CATEGORIES.map((c) => [c, score(Math.max(rules.categories[c], risk * share(c)))]),
    ) as Record<CrisisCategory, number>;

    const signals: CrisisSignal[] = [];
    const seen = new Set<string>();
    for (const { rule, suppressed } of rules.matches) {
      if (suppressed || seen.has(rule.id)) continue;
      seen.add(rule.id);
      signals.push({ id: `rule:${rule.id}`, category: rule.category, source: 'rule', weight: rule.weight, note: rule.note });
    }
    if (modelRisk >= 0.5) {
      const category = CRISIS_CATEGORIES.reduce((a, b) => (probabilities[b] > probabilities[a] ? b : a));
      signals.push({
        id: 'model:classifier',
        category,
        source: 'model',
        weight: round(p),
        note:
          `classifier p=${p.toFixed(3)} ≥ ${threshold.toFixed(3)}` +
          (this.lexical ? ` (neural ${probabilities.crisis.toFixed(3)}, lexical ${lexical.toFixed(3)})` : '') +
          (rules.mitigated ? ' (raised: crisis words explained away)' : tokenCount < this.meta.thresholds.shortTokens ? ' (short text)' : ''),
      });
    }

    // Escalate plans, means, timelines, goodbyes and command hallucinations (rules), and a crisis about hurting someone.
    const topCategory = CRISIS_CATEGORIES.reduce((a, b) => (categories[b] > categories[a] ? b : a));
    const needsEscalation = isCrisis && (rules.escalate || rules.escalateModifier || topCategory === 'harm_to_others');
    return {
      assessment: {
        is_crisis: isCrisis,
        risk_score: score(risk),
        needs_escalation: needsEscalation,
        categories,
        signals,
        model: this.id,
      },
      rules,
      probabilities,
      lexical,
      p,
    };
  }
}

function tokens(windows: readonly { tokens: number }[]): number {
  return windows.reduce((n, w) => n + w.tokens, 0);
}

function round(x: number): number {
  return Math.round(Math.min(1, Math.max(0, x)) * 1e4) / 1e4;
}

export function defaultCrisisDir(): string {
  return repoPath('models', 'crisis');
}

export function loadCrisisModel(dir: string = defaultCrisisDir()): CrisisModel {
  const metaPath = join(dir, META_FILE);
  if (!existsSync(metaPath)) throw new Error(`No crisis model at ${dir}; run npm run train:crisis`);
  const meta = JSON.parse(readFileSync(metaPath, 'utf8')) as CrisisMeta;
  const ruleIds = RULES.map((r) => r.id);
  if (meta.ruleIds.join() !== ruleIds.join()) {
    throw new Error(`The signal rules changed since the crisis model in ${dir} was trained; run npm run train:crisis`);
  }
  const lexical = meta.lexical ? LexicalModel.load(dir, meta.lexical.config) : null;
  return new CrisisModel(meta, CrisisEnsemble.load(dir, meta.config, meta.words, meta.members), lexical);
}

/** The gate the pipeline, the CLI and the studio call: sync `assess(text)` for entries and chat messages alike. */
export function loadCrisisGate(dir: string = defaultCrisisDir()): CrisisGate {
  return loadCrisisModel(dir);
}
