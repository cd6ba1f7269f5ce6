/**
 * Model 4, the crisis gate: explicit signal rules ∪ a trained classifier, combined conservatively.
 *
 * - A rule match of weight ≥ CORE_WEIGHT that survives its context checks is a crisis on its own.
 * - Otherwise the classifier decides against a threshold tuned on dev for recall first. When the text holds crisis
 *   words that the rules explained away (negation, idiom, someone else, a resolved past…), the classifier must clear
 *   a second, higher threshold, so hyperbole does not cry wolf while the classifier can still overrule the rules.
 * - risk_score maps both onto one scale where 0.5 is the decision boundary: is_crisis ⇔ risk_score ≥ 0.5, and
 *   risk_score is the largest category score.
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { CRISIS_CATEGORIES, type CrisisAssessment, type CrisisCategory, type CrisisSignal } from '@studio/core';
import type { CrisisGate } from '@studio/core/pipeline';
import { repoPath } from '@studio/core/paths';
import { CrisisEnsemble, type ClassifierConfig, type Head } from './classifier';
import { CORE_WEIGHT, RULES, evaluateRules, ruleFeatures, type RuleResult } from './rules';

export interface CrisisThresholds {
  /** Classifier crisis probability at or above which a text is a crisis. */
  model: number;
  /** The same when every crisis phrase in the text was explained away by the rules. */
  mitigated: number;
}

export interface CrisisMeta {
  name: string;
  version: string;
  config: ClassifierConfig;
  /** Ensemble size (members trained from different seeds). */
  members: number;
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
  probabilities: Record<Head, number>;
}

/** Maps p onto [0, 1] with the threshold at 0.5, monotone on both sides. */
export function toRisk(p: number, threshold: number): number {
  if (p < threshold) return (0.5 * p) / threshold;
  return Math.min(1, 0.5 + (0.5 * (p - threshold)) / Math.max(1e-9, 1 - threshold));
}

/** The decision the gate makes from its parts; shared with threshold tuning so both use one rule. */
export function decide(ruleRisk: number, mitigated: boolean, p: number, t: CrisisThresholds): boolean {
  return ruleRisk >= CORE_WEIGHT || p >= (mitigated ? t.mitigated : t.model);
}

export class CrisisModel implements CrisisGate {
  constructor(
    readonly meta: CrisisMeta,
    readonly classifier: CrisisEnsemble,
  ) {}

  get id(): string {
    return `${this.meta.name}@${this.meta.version}`;
  }

  assess(text: string): CrisisAssessment {
    return this.detail(text).assessment;
  }

  detail(text: string): CrisisDetail {
    const rules = evaluateRules(text);
    const probabilities = this.classifier.predict(text, ruleFeatures(rules));
    const { thresholds } = this.meta;
    const threshold = rules.mitigated ? thresholds.mitigated : thresholds.model;
    const modelRisk = toRisk(probabilities.crisis, threshold);

    // One risk, then a category profile: the rules' evidence (they name what they saw, weak signs included) plus the
    // classifier's category heads. The top category carries the full risk, so risk_score is the largest category.
    const ruleRisk = Math.max(...CRISIS_CATEGORIES.map((c) => rules.categories[c]));
    const risk = Math.max(ruleRisk, modelRisk);
    const profile = Object.fromEntries(CRISIS_CATEGORIES.map((c) => [c, rules.categories[c] + probabilities[c]])) as Record<CrisisCategory, number>;
    const top = Math.max(...CRISIS_CATEGORIES.map((c) => profile[c]), 1e-9);
    const isCrisis = decide(ruleRisk, rules.mitigated, probabilities.crisis, thresholds);
    // Rounding must not carry a safe text across the 0.5 boundary.
    const score = (x: number) => (isCrisis ? round(x) : Math.min(round(x), 0.4999));
    const categories = Object.fromEntries(
      CRISIS_CATEGORIES.map((c) => [c, score(Math.max(rules.categories[c], (risk * profile[c]) / top))]),
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
        weight: round(probabilities.crisis),
        note: `classifier p=${probabilities.crisis.toFixed(3)} ≥ ${threshold.toFixed(3)}${rules.mitigated ? ' (raised: crisis words explained away)' : ''}`,
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
    };
  }
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
  return new CrisisModel(meta, CrisisEnsemble.load(dir, meta.config, meta.words, meta.members));
}

/** The gate the pipeline, the CLI and the studio call: sync `assess(text)` for entries and chat messages alike. */
export function loadCrisisGate(dir: string = defaultCrisisDir()): CrisisGate {
  return loadCrisisModel(dir);
}
