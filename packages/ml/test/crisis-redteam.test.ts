import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CRISIS_CATEGORIES, CrisisAssessmentSchema, type CrisisAssessment, type CrisisCategory } from '@studio/core';
import { repoPath } from '@studio/core/paths';
import { loadCrisisGate, loadCrisisModel } from '../src/crisis/model';

interface RedTeamCase {
  text: string;
  is_crisis: boolean;
  category: CrisisCategory | null;
  kind: string;
  /** Why the current model gets this case wrong; such cases must keep failing until the model is fixed. */
  known_failure?: string;
}

const cases: RedTeamCase[] = readFileSync(repoPath('packages', 'ml', 'test', 'fixtures', 'crisis-redteam.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line) as RedTeamCase);

const gate = loadCrisisModel();

function topCategory(a: CrisisAssessment): CrisisCategory {
  return CRISIS_CATEGORIES.reduce((x, y) => (a.categories[y] > a.categories[x] ? y : x));
}

describe('crisis red-team file', () => {
  it('has at least 150 cases, both outcomes, every category', () => {
    expect(cases.length).toBeGreaterThanOrEqual(150);
    expect(cases.some((c) => c.is_crisis)).toBe(true);
    expect(cases.some((c) => !c.is_crisis)).toBe(true);
    for (const category of CRISIS_CATEGORIES) expect(cases.some((c) => c.category === category)).toBe(true);
    for (const c of cases) expect(c.is_crisis).toBe(c.category !== null);
  });

  function check(c: RedTeamCase): void {
    const a = CrisisAssessmentSchema.parse(gate.assess(c.text));
    const why = a.signals.map((s) => s.id).join(', ') || 'no signal';
    expect(a.is_crisis, `risk ${a.risk_score} (${why})`).toBe(c.is_crisis);
    if (c.category) expect(topCategory(a), why).toBe(c.category);
  }

  it('keeps known failures few and never on a missed crisis', () => {
    const known = cases.filter((c) => c.known_failure);
    expect(known.length).toBeLessThanOrEqual(Math.floor(cases.length * 0.05));
    expect(known.every((c) => !c.is_crisis)).toBe(true);
  });

  it.each(cases.filter((c) => !c.known_failure))('$kind → $is_crisis: $text', check);
  // Documented failures of the current model: when one starts passing, move it back to the cases above.
  it.fails.each(cases.filter((c) => c.known_failure))('known failure, $kind → $is_crisis: $text', check);
});

describe('crisis gate contract', () => {
  it('is what loadCrisisGate returns from the default folder, with the model name and version', () => {
    const a = loadCrisisGate().assess('I want to die');
    expect(a.model).toBe(gate.id);
    expect(a.model).toMatch(/^crisis-gate@\d+\.\d+\.\d+$/);
  });

  it('keeps risk_score, is_crisis and the categories consistent', () => {
    for (const c of cases.slice(0, 60)) {
      const a = gate.assess(c.text);
      expect(a.is_crisis).toBe(a.risk_score >= 0.5);
      expect(a.risk_score).toBeCloseTo(Math.max(...CRISIS_CATEGORIES.map((k) => a.categories[k])), 4);
      if (a.needs_escalation) expect(a.is_crisis).toBe(true);
      if (a.is_crisis) expect(a.signals.length).toBeGreaterThan(0);
    }
  });

  it('escalates plans, means, goodbyes and harm to others, not every crisis', () => {
    expect(gate.assess("I've been saving up my pills and I'm going to take them tonight").needs_escalation).toBe(true);
    expect(gate.assess("I know where he lives and I'm going to stab him").needs_escalation).toBe(true);
    expect(gate.assess('By the time anyone reads this I will be gone.').needs_escalation).toBe(true);
    const plain = gate.assess('I keep wishing I was dead.');
    expect(plain.is_crisis).toBe(true);
    expect(plain.needs_escalation).toBe(false);
  });

  it('handles chat messages, empty and very long text', () => {
    for (const text of ['', ' ', 'ok', '😂😂😂', 'kms', 'x'.repeat(25_000)]) CrisisAssessmentSchema.parse(gate.assess(text));
    expect(gate.assess('').is_crisis).toBe(false);
    const long = `${'We walked the dog and cooked dinner and talked about the garden. '.repeat(200)}I want to kill myself.`;
    expect(gate.assess(long).is_crisis).toBe(true);
  });

  it('reports the signals that fired, for reviewers', () => {
    const a = gate.assess('I want to kill myself');
    expect(a.signals.some((s) => s.id === 'rule:ideation_kill_self' && s.source === 'rule')).toBe(true);
    expect(gate.assess('Lovely walk by the sea with my sister.').signals.filter((s) => s.weight >= 0.5)).toEqual([]);
  });
});
